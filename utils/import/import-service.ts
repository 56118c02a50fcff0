/**
 * What the options page's import worker does with each request (import-worker.ts is this on the
 * worker's message port): reads, validates and compares datasets, installs them, rolls back,
 * exports. Apart from the worker so tests can run it on fake-indexeddb.
 *
 * Requests are handled as they come; `cancel` reaches an install while its transaction awaits the
 * database, and aborts it unless it has committed. Reading and checking run without a pause, so
 * the page cancels those by ending the worker.
 */
import type { Dataset } from '@/data/format/schema';
import { describeDataset, installDataset, readInstalled, rollback } from '../dataset-store';
import type { OverlayDatabase } from '../db';
import type { DatasetOrigin } from '../protocol';
import { diffDatasets } from './diff';
import { type ReadOptions, readDataset } from './validate';
import type { WorkerPhase, WorkerRequest, WorkerResponse } from './worker-protocol';

export interface ImportService {
  receive(request: WorkerRequest): Promise<void>;
}

export function createImportService(
  db: OverlayDatabase,
  post: (response: WorkerResponse) => void,
  readOptions: ReadOptions = {},
): ImportService {
  let pending: { dataset: Dataset; json: string; origin: DatasetOrigin } | null = null;
  /** The install under way, which `cancel` aborts. */
  let install: AbortController | null = null;
  const progress = (phase: WorkerPhase) => (share: number) => post({ type: 'progress', phase, share });

  /** Runs an install that `cancel` can stop: says `installed`, or `cancelled` if it was stopped in time. */
  async function cancellable(run: (signal: AbortSignal) => Promise<WorkerResponse>): Promise<void> {
    const controller = new AbortController();
    install = controller;
    try {
      post(await run(controller.signal));
    } catch (error) {
      if (controller.signal.aborted) return post({ type: 'cancelled' });
      throw error;
    } finally {
      if (install === controller) install = null;
    }
  }

  async function handle(request: WorkerRequest): Promise<void> {
    switch (request.type) {
      case 'read': {
        pending = null;
        const result = readDataset(request.json, { ...readOptions, onProgress: progress('validating') });
        if (!result.ok) return post({ type: 'invalid', problems: result.problems, total: result.total });
        progress('comparing')(0);
        const diff = diffDatasets(await readInstalled(db), result.dataset);
        pending = { dataset: result.dataset, json: request.json, origin: request.origin };
        return post({ type: 'preview', diff, incoming: describeDataset(result.dataset, request.origin, Date.now()) });
      }
      case 'apply': {
        if (!pending) return post({ type: 'error', error: { code: 'nothingToApply' } });
        const { dataset, json, origin } = pending;
        return cancellable(async (signal) => {
          const info = await installDataset(db, dataset, origin, { json, onProgress: progress('writing'), signal });
          pending = null;
          return { type: 'installed', info };
        });
      }
      case 'discard':
        pending = null;
        return;
      case 'rollback':
        // Counted on the key alone: the snapshot itself holds a whole dataset.
        if ((await db.snapshots.where(':id').equals('previous').count()) === 0) {
          return post({ type: 'error', error: { code: 'noPrevious' } });
        }
        return cancellable(async (signal) => ({
          type: 'installed',
          info: await rollback(db, { onProgress: progress('writing'), signal }),
        }));
      case 'export': {
        progress('reading')(0);
        const dataset = await readInstalled(db);
        if (!dataset) return post({ type: 'error', error: { code: 'noDataset' } });
        return post({ type: 'exported', json: JSON.stringify(dataset, null, 1), version: dataset.version });
      }
      case 'cancel':
        install?.abort();
        return;
    }
  }

  return {
    receive: (request) =>
      handle(request).catch((error: unknown) =>
        post({
          type: 'error',
          error: { code: 'failed', detail: error instanceof Error ? error.message : String(error) },
        }),
      ),
  };
}
