/**
 * The background's work: keeps the bundled dataset installed in IndexedDB and answers the other
 * contexts' messages. Kept apart from the entrypoint so unit tests can start it with fakes.
 */
import { Dataset } from '@/data/schema';
import { ensureBundledDataset, getInstalled } from './dataset-store';
import { OverlayDatabase } from './db';
import { onValidatedMessage } from './messaging';

export interface BackgroundDeps {
  db?: OverlayDatabase;
  /** Reads the bundled dataset; by default fetches the extension's /dataset.json (written by npm run data:build). */
  loadBundled?: () => Promise<unknown>;
}

export function startBackground(deps: BackgroundDeps = {}) {
  const db = deps.db ?? new OverlayDatabase();
  const loadBundled = deps.loadBundled ?? (async () => (await fetch('/dataset.json')).json());

  /** Resolves once the bundled dataset is in place (installed, refreshed or deliberately kept). */
  const ready = (async () => {
    try {
      const bundled = Dataset.parse(await loadBundled());
      return await ensureBundledDataset(db, bundled);
    } catch (error) {
      // The previous dataset, if any, is still whole: the install is one transaction.
      console.error('Talent Overlay: could not install the bundled dataset', error);
      return 'failed' as const;
    }
  })();

  onValidatedMessage('getDatasetStatus', async () => {
    await ready;
    return (await getInstalled(db)) ?? null;
  });

  return { db, ready };
}
