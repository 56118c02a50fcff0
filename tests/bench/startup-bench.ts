/**
 * What the content script costs every page it loads on, marking or not: the task in which Chromium
 * compiles and runs content.js (its modules' start-up and main's synchronous part), read from a
 * trace of the page's main thread in the built extension. Each sample is a fresh page, so the code
 * is compiled anew, as in a new tab. Also what the second stage (the cards: content-stage-two.js)
 * costs the main thread on a page with marks: Chromium parses a module off the main thread, then
 * evaluates it on it.
 */

import { launchWithExtension } from '../harness/browser';
import { CHROME_BUILD } from '../harness/paths';
import { escapeHtml, startFixtureServer } from '../harness/server';
import { benchTexts, fmt, loadBundledDataset, median, table } from './measure';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

const RUNS = 9;

export async function runStartupBench(): Promise<string[]> {
  const text = benchTexts(loadBundledDataset()).one;
  const server = await startFixtureServer();
  server.route('/startup.html', (_request, response) => {
    const paragraphs = text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join('\n');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>startup</title></head><body><article>${paragraphs}</article></body></html>`,
      );
  });
  const browser = await launchWithExtension({ extensionPath: CHROME_BUILD });
  const samples = { task: [] as number[], compile: [] as number[], stageTwo: [] as number[] };
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const events: TraceEvent[] = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', {
        categories: 'toplevel,__metadata,devtools.timeline,v8',
        transferMode: 'ReportEvents',
      });
      await page.goto(server.url('startup.html'));
      // Marks painted: the content script has run, waited for idle and marked.
      await page.waitForFunction(() => [...CSS.highlights.values()].some((highlight) => highlight.size > 0));
      // The page has marks, so the second stage loads: give it time to.
      await page.waitForTimeout(1000);
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await page.close();
      // The first page warms the browser (its extension process, the profile's storage).
      if (run === 0) continue;
      const injection = injectionOf(events);
      samples.task.push(injection.taskMs);
      samples.compile.push(injection.compileMs);
      samples.stageTwo.push(stageTwoOf(events));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return [
    `The content script's start on each page (Chromium, the built extension; main-thread CPU from a trace, medians of ${RUNS} fresh pages)`,
    table([
      ['task that loads content.js ms', 'of which compiling ms', 'second stage on a page with marks ms'],
      [fmt(median(samples.task)), fmt(median(samples.compile)), fmt(median(samples.stageTwo))],
    ]),
    '(The first runs on every http(s) page, marking on or off, before the content script waits for the page to be idle;',
    'the second stage is evaluated on pages with marks only, after marking, once; its parse runs off the main thread.)',
  ];
}

/** The main-thread CPU of evaluating the second stage's module, in ms (0 when it did not load). */
function stageTwoOf(events: TraceEvent[]): number {
  const compile = events.find(
    (e) => e.name === 'v8.compileModule' && (e.args?.data?.url?.endsWith('/content-stage-two.js') ?? false),
  );
  if (!compile) return 0;
  const evaluation = events.find(
    (e) => e.name === 'v8.evaluateModule' && e.pid === compile.pid && e.tid === compile.tid && e.ts >= compile.ts,
  );
  return (evaluation?.tdur ?? 0) / 1000;
}

/** The main-thread task that evaluated content.js, and its compile step, in ms of CPU. */
function injectionOf(events: TraceEvent[]): { taskMs: number; compileMs: number } {
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  const isContentScript = (e: TraceEvent) => e.args?.data?.url?.endsWith('/content-scripts/content.js') ?? false;
  const evaluation = onMain.find((e) => e.name === 'EvaluateScript' && isContentScript(e));
  const compile = onMain.find((e) => e.name === 'v8.compile' && isContentScript(e));
  const task = onMain.find(
    (e) =>
      e.name === 'ThreadControllerImpl::RunTask' &&
      evaluation !== undefined &&
      e.ts <= evaluation.ts &&
      evaluation.ts < e.ts + (e.dur ?? 0),
  );
  if (!task || !compile) throw new Error('No task evaluating content.js in the trace');
  return { taskMs: (task.tdur ?? 0) / 1000, compileMs: (compile.tdur ?? 0) / 1000 };
}
