/**
 * Bundled into the benchmark page (IIFE): our matcher and marker, and the plain RegExp peer, run
 * in the page so that every approach pays the same DOM costs.
 */
import { PageMarker } from '@/utils/marking/page-marker';
import { highlightName } from '@/utils/marking/painter';
import type { CompiledMatcher } from '@/utils/matcher/compiled';
import { Matcher } from '@/utils/matcher/matcher';

const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|INPUT|SELECT|CODE|PRE)$/;

/** Our full job: matcher ready, every text node scanned, weak names corroborated, marks painted. */
async function markOurs(compiled: CompiledMatcher): Promise<{ total: number; ready: number; marks: number }> {
  const t0 = performance.now();
  const matcher = new Matcher(compiled);
  const ready = performance.now() - t0;
  const marker = new PageMarker(document, { matcher, kinds: new Set(['p', 'o', 'm']), style: 'underline' });
  marker.start();
  await marker.whenIdle();
  // The marks are shown once the highlights hold them: count that too, should painting ever wait
  // for the IntersectionObserver (whose first report comes after a frame).
  const painted = () =>
    (['p', 'o', 'm'] as const).some((kind) => (CSS.highlights.get(highlightName(kind, 'underline'))?.size ?? 0) > 0);
  for (let frame = 0; frame < 10 && marker.markCount > 0 && !painted(); frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const total = performance.now() - t0;
  return { total, ready, marks: marker.markCount };
}

/** The usual hand-written peer: one combined RegExp over text nodes, wrapping each match in <mark>. */
function markPlainRegExp(pattern: RegExp): { total: number; marks: number } {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      SKIP.test(node.parentElement?.tagName ?? '') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let marks = 0;
  for (const node of nodes) {
    const text = node.data;
    pattern.lastIndex = 0;
    const found = [...text.matchAll(pattern)];
    let current = node;
    let consumed = 0;
    for (const match of found) {
      const start = match.index - consumed;
      const hit = current.splitText(start);
      const rest = hit.splitText(match[0].length);
      const mark = document.createElement('mark');
      hit.replaceWith(mark);
      mark.append(hit);
      current = rest;
      consumed = match.index + match[0].length;
      marks++;
    }
  }
  return { total: performance.now() - t0, marks };
}

/** Watches for main-thread tasks over 50 ms while `work` runs. */
async function longTasksDuring<T>(
  work: () => Promise<T> | T,
): Promise<{ result: T; longTasks: number; longest: number }> {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const entry of observer.takeRecords()) durations.push(entry.duration);
  observer.disconnect();
  return { result, longTasks: durations.length, longest: Math.max(0, ...durations) };
}

const escapeRegExp = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const combined = (names: string[]) => new RegExp(names.map(escapeRegExp).join('|'), 'gi');

/** mark.js and advanced-mark.js (whichever the page loaded as window.Mark). */
function markWith(method: 'mark' | 'markRegExp', what: unknown): Promise<number> {
  return new Promise((resolve) => {
    let count = 0;
    const Mark = (
      globalThis as unknown as {
        Mark: new (element: Element) => Record<string, (what: unknown, options: object) => void>;
      }
    ).Mark;
    new Mark(document.body)[method]!(what, {
      separateWordSearch: false,
      diacritics: false,
      exclude: ['script', 'style', 'textarea', 'input', 'code', 'pre'],
      each: () => count++,
      done: () => resolve(count),
    });
  });
}

/**
 * Runs one approach on the page, watching for long tasks. `scriptMs` runs until the marks exist;
 * `ms` on until the layout they caused is done (a forced layout: the peers' wrapping elements
 * change the page's layout, our highlights do not); `frameMs` on to the next frame, when every
 * approach's marks are on screen.
 */
function run(approach: string) {
  const { compiled, names } = input;
  return longTasksDuring(async () => {
    const t0 = performance.now();
    let marks: number;
    // The harness alone (this call, the frame and timers below): what every approach's CPU time includes.
    if (approach === 'empty run') marks = 0;
    else if (approach === 'ours') marks = (await markOurs(compiled)).marks;
    else if (approach === 'plain RegExp') marks = markPlainRegExp(combined(names)).marks;
    else if (approach === 'advanced-mark.js markRegExp') marks = await markWith('markRegExp', combined(names));
    else marks = await markWith('mark', names);
    const scriptMs = performance.now() - t0;
    document.body.getBoundingClientRect();
    const ms = performance.now() - t0;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { scriptMs, ms, frameMs: performance.now() - t0, marks };
  });
}

/** The peer at scale: building a RegExp of the names and running it once, on a fresh page (cold). */
function regexpReadiness(names: string[]): number {
  const t0 = performance.now();
  combined(names).test('预热');
  return performance.now() - t0;
}

/** What the approaches work from, set before a run so that passing it in is not timed. */
let input: { compiled: CompiledMatcher; names: string[] };
function setInput(value: typeof input): void {
  input = value;
}

(globalThis as unknown as { talentBench: unknown }).talentBench = { run, setInput, regexpReadiness };
