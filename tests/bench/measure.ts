/** Timing helpers and the bench's shared inputs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, Entity } from '@/data/format/schema';
import { compileMatcher } from '@/utils/matcher/compile';
import type { CompiledMatcher, MatcherLexicon } from '@/utils/matcher/compiled';
import { ROOT } from '../harness/paths';

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` at least `runs` times (and for at least `minMs`), returns the median in ms. */
export function timeMedian(work: () => unknown, runs = 7, minMs = 200): number {
  work(); // warm up
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < runs || performance.now() - started < minMs) {
    const t0 = performance.now();
    work();
    samples.push(performance.now() - t0);
    if (samples.length >= 200) break;
  }
  return median(samples);
}

export function loadBundledDataset(): Dataset {
  return JSON.parse(readFileSync(join(ROOT, 'public', 'dataset.json'), 'utf8')) as Dataset;
}

/** The word-boundary lexicon the build writes beside the dataset (public/lexicon.json). */
export function loadLexicon(): MatcherLexicon {
  return JSON.parse(readFileSync(join(ROOT, 'public', 'lexicon.json'), 'utf8')) as MatcherLexicon;
}

/** A dataset's matcher as the background compiles it: with its claims' links and the lexicon's guards. */
export function compileAsShipped(dataset: Dataset, lexicon = loadLexicon()): CompiledMatcher {
  return compileMatcher(dataset.entities, dataset.version, { claims: dataset.claims, lexicon });
}

export interface BenchTexts {
  one: string;
  five: string;
  long: string;
}

/** One article, all five, and the five repeated to about 400,000 characters. */
export function benchTexts(dataset: Dataset): BenchTexts {
  const byId = new Map(dataset.articles.map((article) => [article.id, article.text]));
  const one = byId.get('guangzi-tongyi-talent') ?? dataset.articles[0]!.text;
  const five = dataset.articles.map((article) => article.text).join('\n');
  let long = five;
  while (long.length < 400_000) long += `\n${five}`;
  return { one, five, long };
}

/** Every name and alias (derived variants included), longest first: what a RegExp peer must list. */
export function allAliasTexts(entities: Entity[]): string[] {
  const names = new Set<string>();
  for (const entity of entities) {
    names.add(entity.name);
    if (entity.nameEn) names.add(entity.nameEn);
    for (const alias of entity.aliases) names.add(alias.text);
  }
  return [...names].filter((name) => name.length >= 2).sort((a, b) => b.length - a.length);
}

export function combinedRegExp(names: string[]): RegExp {
  return new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
}

export const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column]!)).join('  ')).join('\n');
}
