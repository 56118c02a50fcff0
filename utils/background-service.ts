/**
 * The background's work: keeps the bundled dataset installed in IndexedDB, compiles the matcher
 * once per dataset, and answers the other contexts' messages. Kept apart from the entrypoint so
 * unit tests can start it with fakes.
 */

import { browser } from 'wxt/browser';
import { Dataset } from '@/data/schema';
import { ensureBundledDataset, getInstalled } from './dataset-store';
import { OverlayDatabase } from './db';
import { getEntityDetails, summarise } from './entity-details';
import { compileMatcherSource, type MatcherSource } from './matcher/source';
import { type OpenView, onValidatedMessage } from './messaging';

/** The address a view opens at. */
export function viewUrl(view: OpenView, extensionUrl: (path: string) => string): string {
  switch (view.view) {
    case 'url':
      return view.url;
    case 'source':
      return extensionUrl(`/source.html?${new URLSearchParams({ article: view.article, quote: view.quote })}`);
    case 'entity':
      return extensionUrl(`/popup.html?${new URLSearchParams({ entity: view.id })}`);
  }
}

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

  // Compiled once per installed dataset and shared by every tab.
  let compiled: { key: string; source: Promise<MatcherSource> } | undefined;
  async function matcherSource(): Promise<MatcherSource | null> {
    await ready;
    const installed = await getInstalled(db);
    if (!installed) return null;
    const key = `${installed.version}@${installed.installedAt}`;
    if (compiled?.key !== key) {
      compiled = {
        key,
        source: db.entities.toArray().then((entities) => compileMatcherSource(entities, installed.version)),
      };
    }
    return compiled.source;
  }

  onValidatedMessage('getDatasetStatus', async () => {
    await ready;
    return (await getInstalled(db)) ?? null;
  });
  onValidatedMessage('getMatcherSource', matcherSource);
  onValidatedMessage('getEntityDetails', async ({ id }) => {
    await ready;
    return getEntityDetails(db, id);
  });
  onValidatedMessage('getArticle', async ({ id }) => {
    await ready;
    return (await db.articles.get(id)) ?? null;
  });

  onValidatedMessage('getEntitySummaries', async ({ ids }) => {
    await ready;
    const found = await db.entities.bulkGet(ids);
    return found.filter((entity) => entity !== undefined).map(summarise);
  });
  onValidatedMessage('openView', async (view) => {
    await browser.tabs.create({ url: viewUrl(view, (path) => browser.runtime.getURL(path as '/popup.html')) });
  });

  return { db, ready, matcherSource };
}
