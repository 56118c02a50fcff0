/**
 * The options page's worker: reads, validates, compares and installs datasets off the page's main
 * thread, so a 100,000-entity import keeps the page responsive and its progress bar moving.
 * Extension workers share the extension's origin, so this opens the same IndexedDB.
 */
import type { Dataset } from '@/data/format/schema';
import { describeDataset, installDataset, readInstalled, rollback } from '../dataset-store';
import { OverlayDatabase } from '../db';
import type { DatasetOrigin } from '../protocol';
import { diffDatasets } from './diff';
import { readDataset } from './validate';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

const db = new OverlayDatabase();
let pending: { dataset: Dataset; json: string; origin: DatasetOrigin } | null = null;

const post = (response: WorkerResponse) => postMessage(response);
const progress = (phase: 'validating' | 'comparing' | 'writing' | 'reading') => (share: number) =>
  post({ type: 'progress', phase, share });

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'read': {
      pending = null;
      const result = readDataset(request.json, { onProgress: progress('validating') });
      if (!result.ok) return post({ type: 'invalid', problems: result.problems, total: result.total });
      progress('comparing')(0);
      const diff = diffDatasets(await readInstalled(db), result.dataset);
      pending = { dataset: result.dataset, json: request.json, origin: request.origin };
      return post({ type: 'preview', diff, incoming: describeDataset(result.dataset, request.origin, Date.now()) });
    }
    case 'apply': {
      if (!pending) return post({ type: 'error', error: { code: 'nothingToApply' } });
      const { dataset, json, origin } = pending;
      const info = await installDataset(db, dataset, origin, { json, onProgress: progress('writing') });
      pending = null;
      return post({ type: 'installed', info });
    }
    case 'discard':
      pending = null;
      return;
    case 'rollback':
      // Counted on the key alone: the snapshot itself holds a whole dataset.
      if ((await db.snapshots.where(':id').equals('previous').count()) === 0) {
        return post({ type: 'error', error: { code: 'noPrevious' } });
      }
      return post({ type: 'installed', info: await rollback(db, { onProgress: progress('writing') }) });
    case 'export': {
      progress('reading')(0);
      const dataset = await readInstalled(db);
      if (!dataset) return post({ type: 'error', error: { code: 'noDataset' } });
      return post({ type: 'exported', json: JSON.stringify(dataset, null, 1), version: dataset.version });
    }
  }
}

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) =>
    post({ type: 'error', error: { code: 'failed', detail: error instanceof Error ? error.message : String(error) } }),
  );
});
