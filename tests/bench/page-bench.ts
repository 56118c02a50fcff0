/**
 * The full marking pass in Chromium, on article pages of three sizes: ours (matcher + marker, with
 * folding, word boundaries and weak-name corroboration, painted as highlights) against mark.js,
 * advanced-mark.js (an array of names, and one combined RegExp) and a plain combined RegExp that
 * wraps matches in <mark>, each on a fresh load of the same page in the same browser, timed by the
 * clock and by the page main thread's CPU time (from a trace; steadier on a shared machine). Then, at
 * 100,000 entities, what it costs a content script to get ready: reading the compiled matcher from
 * storage.local in the content script's own world, and decoding it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { type Browser, type CDPSession, chromium, type Page } from 'playwright-core';
import { CHROMIUM, launchWithExtension } from '../harness/browser';
import { CHROME_BUILD, ROOT } from '../harness/paths';
import { escapeHtml, startFixtureServer } from '../harness/server';
import { allAliasTexts, benchTexts, compileAsShipped, fmt, loadBundledDataset, median, table } from './measure';
import { syntheticDataset } from './synthetic';

/** The times page-entry.ts's run() takes (see there), and cpuMs, read here from a trace. */
const TIMES = ['ms', 'frameMs', 'scriptMs', 'cpuMs'] as const;
type Times = Record<(typeof TIMES)[number], number>;

/** What page-entry.ts puts on the page. */
interface BenchWindow {
  talentBench: {
    run(
      approach: string,
    ): Promise<{ result: Omit<Times, 'cpuMs'> & { marks: number }; longTasks: number; longest: number }>;
    setInput(input: { compiled: unknown; names: string[] }): void;
    regexpReadiness(names: string[]): number;
  };
}
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

function pageHtml(text: string): string {
  const paragraphs = text
    .split(/\n|(?<=[。！？!?”]) +/u)
    .filter((line) => line.trim())
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>bench</title></head><body><article>${paragraphs}</article></body></html>`;
}

async function bundle(entry = 'page-entry.ts'): Promise<string> {
  const result = await build({
    entryPoints: [join(ROOT, 'tests/bench', entry)],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
    alias: { '@': ROOT },
    logLevel: 'silent',
    plugins: [inlineCss],
  });
  return result.outputFiles[0]!.text;
}

/** Vite's `?inline` CSS imports (the painter's marks.css for shadow roots), as text. */
const inlineCss: Plugin = {
  name: 'inline-css',
  setup(builder) {
    builder.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\?inline$/, '')),
      namespace: 'inline-css',
    }));
    builder.onLoad({ filter: /.*/, namespace: 'inline-css' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

type Approach =
  | 'ours'
  | 'mark.js'
  | 'advanced-mark.js mark(array)'
  | 'advanced-mark.js markRegExp'
  | 'plain RegExp'
  | 'empty run';

async function runOnce(
  browser: Browser,
  url: string,
  approach: Approach,
  scripts: Record<string, string>,
  input: { compiled: unknown; names: string[] },
  traced: boolean,
): Promise<Times & { marks: number; longTasks: number; longest: number }> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.addScriptTag({ content: scripts.ours });
  // How our marks look, as the extension's manifest injects it with the content script: without
  // it the highlights would be registered but not drawn, and their paint not counted.
  if (approach === 'ours') await page.addStyleTag({ content: scripts.marksCss });
  if (approach === 'mark.js') await page.addScriptTag({ content: scripts.markjs });
  if (approach.startsWith('advanced')) await page.addScriptTag({ content: scripts.advanced });
  // Passed in before the run: structured-cloning the compiled matcher into the page costs about
  // 1.7 ms of the page's CPU, which is the harness's, not the approach's.
  await page.evaluate((value) => (globalThis as unknown as BenchWindow).talentBench.setInput(value), input);
  // Every approach starts on a settled page (fonts in, first frames drawn, its script loaded a
  // moment before), as the content script does, which waits for an idle period after it is
  // injected: otherwise the page's first layout, and the clean-up after parsing a script, land in
  // whichever approach comes first or yields first.
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)))),
  );
  const work = () =>
    page.evaluate((approach) => (globalThis as unknown as BenchWindow).talentBench.run(approach), approach);
  const { result, cpuMs } = traced ? await mainThreadCpu(page, work) : { result: await work(), cpuMs: Number.NaN };
  await page.close();
  return { ...result.result, cpuMs, longTasks: result.longTasks, longest: result.longest };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * The renderer main thread's CPU time (ms) in tasks while `work` runs, read from a Chromium trace
 * (each task's thread duration). Steadier than the clock on a shared machine, where other
 * processes take the CPU away mid-task; it counts every task of the page's main thread in the
 * window: the approach's own, the layout and paint of its marks, and garbage collection there.
 */
async function mainThreadCpu<T>(page: Page, work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', { categories: 'toplevel,__metadata', transferMode: 'ReportEvents' });
  const result = await work();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const mainThreads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let micros = 0;
  for (const e of events) {
    if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mainThreads.has(`${e.pid}:${e.tid}`)) {
      micros += e.tdur ?? 0;
    }
  }
  return { result, cpuMs: micros / 1000 };
}

export async function runPageBench(): Promise<string[]> {
  const out: string[] = [];
  const dataset = loadBundledDataset();
  const texts = benchTexts(dataset);
  const names = allAliasTexts(dataset.entities);
  const compiled = compileAsShipped(dataset);
  const scripts = {
    ours: await bundle(),
    marksCss: readFileSync(join(ROOT, 'utils/marking/marks.css'), 'utf8'),
    markjs: readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8'),
    advanced: readFileSync(join(ROOT, 'node_modules/advanced-mark.js/dist/mark.min.js'), 'utf8'),
  };
  const server = await startFixtureServer();
  for (const [label, text] of Object.entries(texts)) {
    server.route(`/bench-${label}.html`, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml(text));
    });
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const approaches: Approach[] = [
    'ours',
    'plain RegExp',
    'advanced-mark.js markRegExp',
    'advanced-mark.js mark(array)',
    'mark.js',
  ];
  const rows: (string | number)[][] = [
    ['page', 'chars', ...approaches.map((a) => `${a} ms`), 'marks (ours / RegExp)', 'our long tasks'],
  ];
  const ratios: (string | number)[][] = [['page', ...approaches.slice(1).map((a) => `${a} ÷ ours`)]];
  const frames: (string | number)[][] = [['page', ...approaches.map((a) => `${a} ms`)]];
  const scriptRows: (string | number)[][] = [['page', ...approaches.map((a) => `${a} ms`)]];
  const cpuRows: (string | number)[][] = [['page', ...approaches.map((a) => `${a} ms`), 'empty run ms']];
  const netCpuRows: (string | number)[][] = [['page', ...approaches.map((a) => `${a} ms`)]];
  for (const [label, text] of Object.entries(texts)) {
    const url = server.url(`bench-${label}.html`);
    // The fast approaches take turns, round after round, so that the machine's drift (this kind of
    // shared machine varies by a fifth from minute to minute) reaches them alike. The slow peers run
    // after them: seconds of work each, and a heap to collect, that would fall on whichever ran next.
    // On the long page they run once.
    const isSlow = (approach: Approach) => approach === 'mark.js' || approach === 'advanced-mark.js mark(array)';
    const samples = approaches.map(() => ({
      times: Object.fromEntries(TIMES.map((time) => [time, [] as number[]])) as Record<keyof Times, number[]>,
      marks: 0,
    }));
    let ourLongTasks = '';
    /**
     * One run of an approach, read by the clock, for its CPU time, or both. Tracing streams events
     * out of the page as it runs, which on this 2-core machine slows by the clock whatever yields
     * (five-article page: ours 58 ms traced, 32 ms not), so the fast approaches are timed untraced
     * and traced in separate runs. The slow peers' seconds dwarf that, so one traced run gives both.
     */
    const sample = async (index: number, approach: Approach, read: 'clock' | 'cpu' | 'both') => {
      const result = await runOnce(browser, url, approach, scripts, { compiled, names }, read !== 'clock');
      const times = samples[index]!.times;
      for (const time of TIMES) {
        if (time === 'cpuMs' ? read !== 'clock' : read !== 'cpu') times[time].push(result[time]);
      }
      samples[index]!.marks = result.marks;
      if (approach === 'ours' && read !== 'cpu' && !ourLongTasks)
        ourLongTasks = `${result.longTasks} (longest ${fmt(result.longest)} ms)`;
    };
    const emptyCpu: number[] = [];
    for (let run = 0; run < 15; run++) {
      for (const [index, approach] of approaches.entries()) {
        if (isSlow(approach)) continue;
        await sample(index, approach, 'clock');
        await sample(index, approach, 'cpu');
      }
      emptyCpu.push((await runOnce(browser, url, 'empty run', scripts, { compiled, names }, true)).cpuMs);
    }
    for (const [index, approach] of approaches.entries()) {
      if (!isSlow(approach)) continue;
      for (let run = 0; run < (label === 'long' ? 1 : 3); run++) await sample(index, approach, 'both');
    }
    const medians = (time: keyof Times) => samples.map((sample) => median(sample.times[time]));
    const ratio = (m: number, ours: number) => `${(m / ours).toFixed(1)}×`;
    /** Our median, then each peer's with its ratio to ours. */
    const withRatios = ([ours, ...peers]: number[]) => [
      label,
      fmt(ours!),
      ...peers.map((m) => `${fmt(m)} (${ratio(m, ours!)})`),
    ];
    const ms = medians('ms');
    const marks = samples.map((sample) => sample.marks);
    rows.push([label, text.length, ...ms.map(fmt), `${marks[0]} / ${marks[1]}`, ourLongTasks]);
    ratios.push([label, ...ms.slice(1).map((m) => ratio(m, ms[0]!))]);
    frames.push([label, ...medians('frameMs').map(fmt)]);
    scriptRows.push(withRatios(medians('scriptMs')));
    const cpu = medians('cpuMs');
    const baseline = median(emptyCpu);
    cpuRows.push([...withRatios(cpu), fmt(baseline)]);
    netCpuRows.push(withRatios(cpu.map((ms) => ms - baseline)));
  }
  await browser.close();
  await server.close();
  out.push(
    `Marking a page in Chromium (medians of 15 runs, the two slow peers 3, on the long page 1; the fast approaches take turns; seed dataset, ${names.length} names and variants): until the marks exist and their layout is done`,
  );
  out.push(table(rows), '', table(ratios));
  out.push('', 'The same runs, until the next frame (every approach’s marks on screen):', table(frames));
  out.push(
    '',
    'The same runs, until the marks exist, before their layout (script work only; in brackets: ÷ ours):',
    table(scriptRows),
  );
  out.push(
    '',
    'CPU time of the page’s main thread in tasks, from the start until 50 ms after the marks are on screen (read from a Chromium trace: steadier than the clock on a shared machine; in brackets: ÷ ours). The fast approaches in 15 traced runs of their own, taking turns with the runs above; the slow peers in the same runs as above. An empty run, taking its turn with the fast approaches, measures what the harness itself costs in that window (the call into the page, a frame, its timers):',
    table(cpuRows),
    '',
    'The same, net of the empty run’s median (each approach’s own CPU time; in brackets: ÷ ours):',
    table(netCpuRows),
  );
  out.push(
    '(Ours paints highlights and changes no DOM; the peers wrap matches in elements. Ours also folds scripts, keeps word boundaries and holds back weak names without corroboration, so it marks a little less than the raw RegExp.)',
  );
  out.push('', ...(await readyAtScale(dataset)));
  return out;
}

/**
 * What it costs a content script to get ready, at the seed size and at 100,000 entities: the
 * store's own read (matcher-store.ts: header, then parts in parallel) and decoding, run in the
 * extension's content-script world on a live page, each sample from a fresh copy of the code so it
 * runs cold, as in a new tab.
 */
async function readyAtScale(dataset: ReturnType<typeof loadBundledDataset>): Promise<string[]> {
  const big = syntheticDataset(dataset, 100_000);
  const sizes = {
    seed: { compiled: compileAsShipped(dataset), names: allAliasTexts(dataset.entities) },
    '100,000 entities': { compiled: compileAsShipped(big), names: allAliasTexts(big.entities) },
  };
  const script = await bundle('ready-entry.ts');
  const server = await startFixtureServer();
  const browser = await launchWithExtension({ extensionPath: CHROME_BUILD });
  const rows: (string | number)[][] = [
    ['dataset', 'MB', 'parts', 'storage read ms', 'decode ms', 'ready ms', 'RegExp build + first run ms'],
  ];
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url('traps.html'));
    const world = await contentScriptWorld(page);
    const evaluate = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = await world.session.send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(`In the content script's world: ${exceptionDetails.exception?.description}`);
      return result.value as T;
    };
    // Marking off, so the extension's own content script does not read each matcher written here.
    await evaluate(`chrome.storage.sync.set({ settings: { enabled: false } })`);
    for (const [label, { compiled, names }] of Object.entries(sizes)) {
      await evaluate(`${script}; talentReady.write(${JSON.stringify({ key: `bench:${label}`, compiled })})`);
      const samples: { read: number; decode: number; parts: number }[] = [];
      for (let run = 0; run < 7; run++) {
        // A comment of its own makes each copy new to V8's compilation cache: cold code every time.
        samples.push(await evaluate(`${script}\n//${label} ${run}\n;talentReady.ready()`));
      }
      const read = median(samples.map((sample) => sample.read));
      const decode = median(samples.map((sample) => sample.decode));
      const ready = median(samples.map((sample) => sample.read + sample.decode));
      rows.push([
        label,
        (JSON.stringify(compiled).length / 1e6).toFixed(2),
        samples[0]!.parts,
        fmt(read),
        fmt(decode),
        fmt(ready),
        fmt(await regexpReadiness(page, names)),
      ]);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return [
    'Ready in a content script (Chromium, the extension loaded; medians of 7)',
    table(rows),
    '(Timed in the content script’s own world with the store’s and matcher’s code, fresh for each sample so that it runs cold, as in a new tab. The RegExp peer is built on a fresh page.)',
  ];
}

async function contentScriptWorld(page: Page): Promise<{ session: CDPSession; id: number }> {
  const session = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await session.send('Runtime.enable');
  await page.waitForTimeout(300);
  const world = contexts.find((context) => context.auxData?.type === 'isolated' && context.name === 'Talent Overlay');
  if (!world) throw new Error(`No content script world among ${contexts.map((c) => c.name).join(', ')}`);
  return { session, id: world.id };
}

/** Median of building the RegExp peer and running it once, each on a fresh page (cold, as in a new tab). */
async function regexpReadiness(page: Page, names: string[]): Promise<number> {
  const script = await bundle();
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const fresh = await page.context().newPage();
    await fresh.goto('about:blank');
    await fresh.addScriptTag({ content: script });
    samples.push(
      await fresh.evaluate((list) => (globalThis as unknown as BenchWindow).talentBench.regexpReadiness(list), names),
    );
    await fresh.close();
  }
  return median(samples);
}
