/**
 * The matcher in Node: scanning speed on the seed articles at three sizes against one combined
 * RegExp of the same names, and building the 100,000-entity automaton against building (and
 * first running) a 100,000-name RegExp.
 */

import { Matcher } from '@/utils/matcher/matcher';
import {
  allAliasTexts,
  benchTexts,
  combinedRegExp,
  compileAsShipped,
  fmt,
  loadBundledDataset,
  loadLexicon,
  median,
  table,
  timeMedian,
  utf8Bytes,
} from './measure';
import { syntheticDataset } from './synthetic';

export function runMatcherBench(): string[] {
  const out: string[] = [];
  const dataset = loadBundledDataset();
  const texts = benchTexts(dataset);
  const names = allAliasTexts(dataset.entities);
  const lexicon = loadLexicon();
  const matcher = new Matcher(compileAsShipped(dataset, lexicon));
  const regexp = combinedRegExp(names);

  out.push(`Matcher in Node: seed dataset (${dataset.entities.length} entities, ${names.length} names and variants)`);
  const rows: (string | number)[][] = [
    ['text', 'chars', 'ours ms', 'ours MB/s', 'RegExp ms', 'RegExp ÷ ours', 'our matches', 'RegExp matches'],
  ];
  for (const [label, text] of Object.entries(texts)) {
    const ours = timeMedian(() => matcher.scan(text));
    const peer = timeMedian(() => {
      let n = 0;
      for (const _ of text.matchAll(regexp)) n++;
      return n;
    });
    const mbps = utf8Bytes(text) / 1e6 / (ours / 1000);
    rows.push([
      label,
      text.length,
      fmt(ours),
      mbps.toFixed(0),
      fmt(peer),
      `${(peer / ours).toFixed(1)}×`,
      matcher.scan(text).length,
      [...text.matchAll(regexp)].length,
    ]);
  }
  out.push(table(rows));
  out.push(
    '(The RegExp finds raw occurrences only: no Traditional/Simplified folding beyond the listed variants, no word boundaries, no weak-name corroboration.)',
  );

  out.push('', 'At scale: 100,000 entities');
  const big = syntheticDataset(dataset, 100_000);
  const bigNames = allAliasTexts(big.entities);
  const compileSamples: number[] = [];
  let source = compileAsShipped(big, lexicon);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    source = compileAsShipped(big, lexicon);
    compileSamples.push(performance.now() - t0);
  }
  const json = JSON.stringify(source);
  const readySamples: number[] = [];
  let bigMatcher = new Matcher(JSON.parse(json));
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    bigMatcher = new Matcher(JSON.parse(json));
    readySamples.push(performance.now() - t0);
  }
  const buildOnly = timeMedian(() => new Matcher(source), 5, 0);
  const bigScan = timeMedian(() => bigMatcher.scan(texts.long), 5);
  const regexpBuild: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const re = combinedRegExp(bigNames);
    re.test('预热'); // V8 compiles a RegExp on first use
    regexpBuild.push(performance.now() - t0);
  }
  const bigRegexp = combinedRegExp(bigNames);
  const regexpScan = timeMedian(
    () => {
      let n = 0;
      for (const _ of texts.long.matchAll(bigRegexp)) n++;
      return n;
    },
    3,
    0,
  );
  out.push(
    table([
      ['measure', 'ours', 'RegExp peer'],
      ['compile in background (ms, median of 3)', fmt(median(compileSamples)), '-'],
      [
        'compiled form a tab reads (MB of JSON)',
        (json.length / 1e6).toFixed(2),
        (bigNames.join('|').length / 1e6).toFixed(2),
      ],
      [
        '  entity ids, read after the first scan (MB)',
        (big.entities.map((e) => e.id).join('\n').length / 1e6).toFixed(2),
        '-',
      ],
      ['ready in a tab: parse + build (ms, median of 5)', fmt(median(readySamples)), fmt(median(regexpBuild))],
      ['  of which building the trie (ms)', fmt(buildOnly), '-'],
      ['scan the 400k-char text (ms)', fmt(bigScan), fmt(regexpScan)],
      [
        'scan speed (MB/s)',
        (utf8Bytes(texts.long) / 1e6 / (bigScan / 1000)).toFixed(0),
        (utf8Bytes(texts.long) / 1e6 / (regexpScan / 1000)).toFixed(0),
      ],
    ]),
  );
  out.push(
    `(${big.entities.length} entities, ${source.nodeCount} trie nodes, ${bigNames.length} names for the RegExp.)`,
  );
  return out;
}
