/**
 * The popup's search in Node: building the index (with pinyin readings) and its heap, then the
 * latency of each keystroke as a user types real queries, with the seed dataset and with 100,000
 * entities. The background answers the popup from this index; the message round trip is not in it.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Dataset } from '@/data/format/schema';
import { SearchIndex } from '@/utils/search-index';
import { fmt, loadBundledDataset, median, table } from './measure';
import { syntheticDataset } from './synthetic';

/** What users type, keystroke by keystroke: names, pinyin, initials, English, a typo. */
const QUERIES = ['周暢', '字节跳动', 'zhouchang', 'zc', 'bytedance', 'ByteDanse', 'wu yonghui', 'Meta', '林俊'];

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapUsed(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

function percentile(samples: number[], share: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

function measure(label: string, dataset: Dataset): (string | number)[] {
  const builds: number[] = [];
  let index: SearchIndex | null = null;
  let memory = 0;
  for (let run = 0; run < 3; run++) {
    index = null;
    const before = heapUsed();
    const t0 = performance.now();
    index = new SearchIndex(dataset.entities, () => 0);
    builds.push(performance.now() - t0);
    memory = heapUsed() - before;
  }
  const keystrokes: number[] = [];
  for (const query of QUERIES) {
    for (let typed = 1; typed <= query.length; typed++) {
      const prefix = query.slice(0, typed);
      const samples: number[] = [];
      for (let run = 0; run < 5; run++) {
        const t0 = performance.now();
        index!.search(prefix, 20);
        samples.push(performance.now() - t0);
      }
      keystrokes.push(median(samples));
    }
  }
  return [
    label,
    dataset.entities.length,
    fmt(median(builds)),
    (memory / 1e6).toFixed(2),
    keystrokes.length,
    fmt(median(keystrokes)),
    fmt(percentile(keystrokes, 0.95)),
    fmt(Math.max(...keystrokes)),
  ];
}

export function runSearchBench(): string[] {
  const dataset = loadBundledDataset();
  const rows: (string | number)[][] = [
    ['dataset', 'entities', 'build ms', 'heap MB', 'keystrokes', 'median ms', 'p95 ms', 'max ms'],
    measure('seed', dataset),
    measure('100,000 entities', syntheticDataset(dataset, 100_000)),
  ];
  return [
    'Popup search in Node (index build median of 3; each keystroke the median of 5)',
    table(rows),
    `(Typed: ${QUERIES.join(', ')}, one keystroke at a time.)`,
  ];
}
