/**
 * The options page's worker: reads, validates, compares and installs datasets off the page's main
 * thread, so a 100,000-entity import keeps the page responsive and its progress bar moving.
 * Extension workers share the extension's origin, so this opens the same IndexedDB.
 * What it does with each request is import-service.ts.
 */
import { OverlayDatabase } from '../db';
import { createImportService } from './import-service';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

const service = createImportService(new OverlayDatabase(), (response: WorkerResponse) => postMessage(response));

addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void service.receive(event.data);
});
