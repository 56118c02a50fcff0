/**
 * The options page's import as the page drives it (import-controller.ts), with the worker's own
 * service (import-service.ts) running in-process on fake-indexeddb behind a fake Worker that
 * delivers messages asynchronously, as a real one does: Cancel at each stage leaves the installed
 * dataset as it was, a worker that dies ends the busy state, and a second import is refused.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '@/data/format/schema';
import { ImportController, type ImportState, type WorkerLike } from '@/entrypoints/options/import-controller';
import { installDataset, readInstalled } from '@/utils/dataset-store';
import { OverlayDatabase } from '@/utils/db';
import { translator } from '@/utils/i18n';
import { downloadDataset } from '@/utils/import/download';
import { createImportService } from '@/utils/import/import-service';
import type { WorkerRequest, WorkerResponse } from '@/utils/import/worker-protocol';
import { tinyDataset } from './fixtures';

type Listener = (event: never) => void;

vi.setConfig({ testTimeout: 30_000 });

/** A Worker running the import service in this thread; messages cross on later tasks, cloned. */
class FakeWorker implements WorkerLike {
  readonly received: WorkerRequest['type'][] = [];
  terminated = false;
  /** While set, answers wait here (as if the page were slow to get them). */
  held: (() => void)[] | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly service;
  constructor(db: OverlayDatabase) {
    this.service = createImportService(db, (response: WorkerResponse) => {
      const data = structuredClone(response);
      const deliver = () => setTimeout(() => !this.terminated && this.emit('message', { data }));
      if (this.held) this.held.push(deliver);
      else deliver();
    });
  }
  postMessage(request: WorkerRequest): void {
    const data = structuredClone(request);
    setTimeout(() => {
      if (this.terminated) return;
      this.received.push(data.type);
      void this.service.receive(data);
    });
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: object): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event as never);
  }
}

let counter = 0;
const databases: OverlayDatabase[] = [];
const controllers: ImportController[] = [];
afterEach(async () => {
  for (const controller of controllers.splice(0)) controller.dispose();
  for (const db of databases.splice(0)) await db.delete();
});

/** A database with the tiny dataset installed, and a controller on it that records every state. */
async function setUp(options: Partial<ConstructorParameters<typeof ImportController>[0]> = {}) {
  const db = new OverlayDatabase(`controller-${counter++}`);
  databases.push(db);
  await installDataset(db, tinyDataset(), { kind: 'bundled' }, { now: () => 1 });
  const before = await everything(db);
  const workers: FakeWorker[] = [];
  const states: ImportState[] = [];
  let installedCalls = 0;
  let onState: (state: ImportState, controller: ImportController) => void = () => {};
  const controller: ImportController = new ImportController({
    createWorker: () => {
      const worker = new FakeWorker(db);
      workers.push(worker);
      return worker;
    },
    onChange: (state) => {
      states.push(state);
      onState(state, controller);
    },
    onInstalled: () => {
      installedCalls++;
    },
    ...options,
  });
  controllers.push(controller);
  return {
    db,
    before,
    controller,
    workers,
    states,
    installedCalls: () => installedCalls,
    watch: (handler: typeof onState) => {
      onState = handler;
    },
  };
}

/** Every table, rollback snapshots included. */
async function everything(db: OverlayDatabase) {
  return Promise.all([...db.datasetTables, db.snapshots].map((table) => table.toArray()));
}

/** The controller's state once it is no longer busy (and is `step`, when given). */
async function settled(controller: ImportController, step?: ImportState['step']): Promise<ImportState> {
  const done = () => controller.state.step !== 'busy' && (step === undefined || controller.state.step === step);
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 25_000) throw new Error(`still ${JSON.stringify(controller.state)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return controller.state;
}

/** A valid dataset of 600 articles: an install writes it in a dozen chunks. */
function largerDataset(version = '2026.05.05'): Dataset {
  const dataset = tinyDataset({ version });
  const article = dataset.articles[0]!;
  for (let i = 0; i < 600; i++) dataset.articles.push({ ...article, id: `extra-${i}` });
  return dataset;
}

const file = (dataset: unknown, name = 'import.json') => {
  const text = JSON.stringify(dataset);
  return { name, size: text.length, text: async () => text };
};

describe('an import in the options page', () => {
  it('reads, previews and installs a file', async () => {
    const { controller, db, installedCalls } = await setUp();
    await controller.importFile(file(largerDataset()));
    expect((await settled(controller, 'preview')).step).toBe('preview');
    controller.apply();
    const state = await settled(controller, 'installed');
    expect(state).toMatchObject({ step: 'installed', info: { version: '2026.05.05' } });
    expect(state).not.toHaveProperty('tooLate');
    expect((await readInstalled(db))?.articles).toHaveLength(601);
    expect(installedCalls()).toBe(1);
  });
});

describe('Cancel', () => {
  it('during the download aborts it, and the dataset stays as it was', async () => {
    let aborted = false;
    const fetcher = async (_url: URL | RequestInfo, init?: RequestInit) => {
      const signal = init!.signal!;
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"format":'));
          signal.addEventListener('abort', () => {
            aborted = true;
            stream.error(signal.reason);
          });
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    };
    const { controller, db, before, workers, watch } = await setUp({
      download: (url, options) => downloadDataset(url, { ...options, fetcher: fetcher as typeof fetch }),
    });
    watch((state, self) => {
      if (state.step === 'busy' && state.phase === 'downloading' && !state.cancelling)
        setTimeout(() => self.cancel(), 20);
    });
    controller.importUrl('https://example.com/dataset.json');
    expect(await settled(controller)).toEqual({ step: 'cancelled' });
    expect(aborted).toBe(true);
    expect(workers[0]!.received).toEqual([]);
    expect(await everything(db)).toEqual(before);
    expect(translator('en')('importCancelled')).toBe('Import cancelled. The installed dataset is unchanged.');
  });

  it('during the check ends the worker, a fresh one takes over, and the dataset stays as it was', async () => {
    const { controller, db, before, workers, watch } = await setUp();
    watch((state, self) => {
      if (state.step === 'busy' && state.phase === 'validating') self.cancel();
    });
    await controller.importFile(file(largerDataset()));
    expect(await settled(controller)).toEqual({ step: 'cancelled' });
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(await everything(db)).toEqual(before);

    // The fresh worker imports as before.
    watch(() => {});
    await controller.importFile(file(largerDataset('2026.06.06')));
    expect(await settled(controller, 'preview')).toMatchObject({ incoming: { version: '2026.06.06' } });
  });

  it('during the install aborts its transaction: the installed dataset and the snapshots are exactly as they were', async () => {
    const { controller, db, before, watch, installedCalls } = await setUp();
    await controller.importFile(file(largerDataset()));
    await settled(controller, 'preview');
    let cancelledAt = -1;
    watch((state, self) => {
      if (state.step === 'busy' && state.phase === 'writing' && state.share > 0 && cancelledAt < 0) {
        cancelledAt = state.share;
        self.cancel();
      }
    });
    controller.apply();
    expect(await settled(controller)).toEqual({ step: 'cancelled' });
    expect(cancelledAt).toBeGreaterThan(0);
    expect(cancelledAt).toBeLessThan(1);
    expect(await everything(db)).toEqual(before);
    expect((await readInstalled(db))?.version).toBe('2026.01.01');
    expect(installedCalls()).toBe(0);
  });

  it('during a rollback leaves the dataset as it was too', async () => {
    const { controller, db, watch } = await setUp();
    // A large dataset to return to, so the rollback writes it in many chunks.
    await installDataset(db, largerDataset('2026.07.07'), { kind: 'file', name: 'x.json' }, { now: () => 2 });
    await installDataset(
      db,
      tinyDataset({ version: '2026.07.08' }),
      { kind: 'file', name: 'y.json' },
      { now: () => 3 },
    );
    const before = await everything(db);
    watch((state, self) => {
      if (state.step === 'busy' && state.phase === 'writing' && state.share > 0) self.cancel();
    });
    controller.rollback();
    expect(await settled(controller)).toEqual({ step: 'cancelled' });
    expect(await everything(db)).toEqual(before);
    expect((await readInstalled(db))?.version).toBe('2026.07.08');
  });

  it('after the install committed says it was too late', async () => {
    const { controller, db, workers } = await setUp();
    await controller.importFile(file(tinyDataset({ version: '2026.08.08' })));
    await settled(controller, 'preview');
    const worker = workers[0]!;
    worker.held = [];
    controller.apply();
    // The install commits; the page has not heard yet when the reader cancels.
    await expect.poll(async () => (await readInstalled(db))?.version).toBe('2026.08.08');
    controller.cancel();
    expect(controller.state).toMatchObject({ step: 'busy', cancelling: true });
    for (const deliver of worker.held) deliver();
    worker.held = null;
    const state = await settled(controller, 'installed');
    expect(state).toMatchObject({ step: 'installed', tooLate: true, info: { version: '2026.08.08' } });
    expect(translator('zh-Hans')('cancelTooLate')).toBe('来不及取消：数据集已经安装完成。');
  });
});

describe('a worker that dies', () => {
  it('ends the busy state with a translated message, and a fresh worker takes its place', async () => {
    const { controller, workers, installedCalls } = await setUp();
    await controller.importFile(file(largerDataset()));
    expect(controller.state.step).toBe('busy');
    workers[0]!.terminated = true; // it stops answering
    workers[0]!.emit('error', { message: 'Uncaught RangeError: Out of memory', preventDefault() {} });
    const state = controller.state;
    expect(state).toEqual({
      step: 'error',
      message: { key: 'importError_workerDied', values: { detail: 'Uncaught RangeError: Out of memory' } },
    });
    if (state.step !== 'error') throw new Error('unreachable');
    expect(translator('zh-Hant')(state.message.key, state.message.values)).toBe(
      '匯入意外中止：Uncaught RangeError: Out of memory',
    );
    // The page reads the installed dataset again: it may or may not have changed.
    expect(installedCalls()).toBe(1);
    expect(workers).toHaveLength(2);

    await controller.importFile(file(largerDataset()));
    expect((await settled(controller, 'preview')).step).toBe('preview');
  });

  it('says so for a message that cannot be read (messageerror) too', async () => {
    const { controller, workers } = await setUp();
    controller.rollback();
    workers[0]!.terminated = true;
    workers[0]!.emit('messageerror', {});
    expect(controller.state).toEqual({ step: 'error', message: { key: 'importError_workerDiedPlain' } });
    expect(translator('en')('importError_workerDiedPlain')).toBe('The import stopped unexpectedly.');
  });
});

describe('a second import while one runs', () => {
  it('is refused, said under the progress, and the first goes on', async () => {
    const { controller, workers, states } = await setUp();
    await controller.importFile(file(largerDataset('2026.09.09')));
    expect(controller.busy).toBe(true);
    await controller.importFile(file(tinyDataset({ version: '2026.10.10' }), 'second.json'));
    controller.importUrl('https://example.com/third.json');
    controller.rollback();
    expect(controller.state).toMatchObject({ step: 'busy', refusedSecond: true });
    expect(states.some((state) => state.step === 'busy' && state.refusedSecond)).toBe(true);
    expect(await settled(controller, 'preview')).toMatchObject({ incoming: { version: '2026.09.09' } });
    expect(workers[0]!.received).toEqual(['read']);
    expect(translator('en')('importAlreadyRunning')).toBe(
      'An import is already running: wait for it to finish, or cancel it first.',
    );
  });
});

describe('a plain http:// address', () => {
  it('waits for the reader to confirm the warning before anything is downloaded', async () => {
    const asked: { url: string; allowHttp: boolean | undefined }[] = [];
    const { controller } = await setUp({
      download: async (url, options) => {
        asked.push({ url: url.href, allowHttp: options.allowHttp });
        return JSON.stringify(tinyDataset({ version: '2026.11.11' }));
      },
    });
    controller.importUrl('http://example.com/dataset.json');
    expect(controller.state).toEqual({
      step: 'confirmHttp',
      url: 'http://example.com/dataset.json',
      host: 'example.com',
    });
    expect(asked).toEqual([]);
    expect(translator('en')('httpWarning', { host: 'example.com' })).toMatch(/uses http:\/\/, not https:\/\//);
    controller.cancel();
    expect(controller.state).toEqual({ step: 'idle' });

    controller.importUrl('http://example.com/dataset.json', { httpConfirmed: true });
    expect(await settled(controller, 'preview')).toMatchObject({ incoming: { origin: { kind: 'url' } } });
    expect(asked).toEqual([{ url: 'http://example.com/dataset.json', allowHttp: true }]);
  });

  it('refuses private hosts and user info before asking for anything', async () => {
    let downloads = 0;
    const { controller } = await setUp({
      download: async () => {
        downloads++;
        return '';
      },
    });
    controller.importUrl('https://trusted@evil.example/');
    expect(controller.state).toEqual({
      step: 'error',
      message: { key: 'download_userInfo', values: { host: 'evil.example' } },
    });
    controller.importUrl('http://192.168.1.1/dataset.json');
    expect(controller.state).toEqual({
      step: 'error',
      message: { key: 'download_privateHost', values: { host: '192.168.1.1' } },
    });
    expect(downloads).toBe(0);
  });
});

describe('the host permission of a URL import', () => {
  it('is asked for at the click and given back when the download ends, whether it worked or not', async () => {
    const log: string[] = [];
    let fail = false;
    const { controller } = await setUp({
      requestPermission: async (origin) => {
        log.push(`request ${origin}`);
        return true;
      },
      releasePermission: async (origin) => log.push(`release ${origin}`),
      download: async () => {
        log.push('download');
        if (fail) throw new Error('connection reset');
        return JSON.stringify(tinyDataset({ version: '2026.11.12' }));
      },
    });
    controller.importUrl('https://data.example.org/dataset.json');
    await settled(controller, 'preview');
    expect(log).toEqual(['request https://data.example.org/*', 'download', 'release https://data.example.org/*']);
    controller.discard();
    log.length = 0;
    fail = true;
    controller.importUrl('https://data.example.org/dataset.json');
    await settled(controller, 'error');
    expect(log).toEqual(['request https://data.example.org/*', 'download', 'release https://data.example.org/*']);
  });
});
