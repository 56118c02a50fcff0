/**
 * The background's work: keeps the bundled dataset installed in IndexedDB, compiles the matcher
 * once per dataset into storage for content scripts, searches, and answers the other contexts'
 * messages. Kept apart from the entrypoint so unit tests can start it with fakes.
 */
import { browser } from 'wxt/browser';
import { Dataset } from '@/data/format/schema';
import {
  ensureBundledDataset,
  getArticle,
  getEntities,
  getInstalled,
  getPrevious,
  readInstalled,
} from './dataset-store';
import { OverlayDatabase } from './db';
import { getEntityDetails, toEntitySummary } from './entity-details';
import { compileMatcher } from './matcher/compile';
import type { MatcherLexicon } from './matcher/compiled';
import { datasetKey, isCurrentFormat, matcherIdsItem, matcherItem, writeMatcher } from './matcher-store';
import { onValidatedMessage } from './message-checks';
import type { OpenView } from './protocol';
import { SearchService } from './search-service';
import { visibleSpan, withVisibleControls } from './visible-controls';

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
  /** Reads the matcher's word boundaries; by default fetches /lexicon.json (written by npm run data:build). */
  loadLexicon?: () => Promise<unknown>;
}

/** The lexicon's shape: our own file, but a damaged one must not stop marking (names are then unguarded). */
function isMatcherLexicon(value: unknown): value is MatcherLexicon {
  const lexicon = value as Partial<Record<keyof MatcherLexicon, unknown>> | null;
  return (
    typeof lexicon === 'object' &&
    lexicon !== null &&
    typeof lexicon.pairs === 'string' &&
    typeof lexicon.containers === 'string' &&
    typeof lexicon.nameChars === 'string' &&
    typeof lexicon.nameCharWords === 'string'
  );
}

export function startBackground(deps: BackgroundDeps = {}) {
  const db = deps.db ?? new OverlayDatabase();
  const loadBundled = deps.loadBundled ?? (async () => (await fetch('/dataset.json')).json());
  const loadLexicon = deps.loadLexicon ?? (async () => (await fetch('/lexicon.json')).json());
  const readLexicon = async (): Promise<MatcherLexicon | undefined> => {
    try {
      const lexicon = await loadLexicon();
      if (isMatcherLexicon(lexicon)) return lexicon;
      console.error('Talent Overlay: the word-boundary lexicon is damaged; names are matched without it');
    } catch (error) {
      console.error('Talent Overlay: could not read the word-boundary lexicon', error);
    }
    return undefined;
  };

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

  /** Compiles the matcher for the installed dataset into storage, unless it is already there. */
  let publishing: Promise<boolean> | undefined;
  function publishMatcher(): Promise<boolean> {
    publishing ??= (async () => {
      const installed = await getInstalled(db);
      if (!installed) return false;
      const key = datasetKey(installed);
      const stored = await matcherItem.getValue();
      if (isCurrentFormat(stored) && stored.key === key) return true;
      const [dataset, lexicon] = await Promise.all([readInstalled(db), readLexicon()]);
      if (!dataset) return false;
      const { entities, claims } = dataset;
      const compiled = compileMatcher(entities, installed.version, { claims, lexicon });
      await matcherIdsItem.setValue({ key, ids: entities.map((entity) => entity.id).join('\n') });
      await writeMatcher({ key, compiled });
      return true;
    })().finally(() => {
      publishing = undefined;
    });
    return publishing;
  }
  const published = ready.then(publishMatcher).catch((error) => {
    console.error('Talent Overlay: could not compile the matcher', error);
    return false;
  });

  onValidatedMessage('getDatasetStatus', async () => {
    await ready;
    return (await getInstalled(db)) ?? null;
  });
  onValidatedMessage('prepareMatcher', async () => {
    await published;
    return publishMatcher();
  });
  // What the views show of the dataset goes out with reordering controls made visible (visible-controls.ts).
  onValidatedMessage('getEntityDetails', async ({ id }) => {
    await ready;
    return withVisibleControls(await getEntityDetails(db, id));
  });
  onValidatedMessage('getArticle', async ({ id }) => {
    await ready;
    return withVisibleControls((await getArticle(db, id)) ?? null);
  });

  const searching = new SearchService(db);
  onValidatedMessage('search', async ({ query, limit }) => {
    await ready;
    const installed = await getInstalled(db);
    if (!installed) return [];
    const results = await searching.search(query, datasetKey(installed), limit);
    return results.map((result) => {
      const { name, start, end } = result.matched;
      const shown = visibleSpan(name, start, end);
      return {
        ...withVisibleControls(result),
        matched: { ...result.matched, name: shown.text, start: shown.start, end: shown.end },
      };
    });
  });
  onValidatedMessage('getPreviousDataset', async () => {
    await ready;
    return (await getPrevious(db)) ?? null;
  });
  onValidatedMessage('datasetChanged', async () => {
    await publishMatcher();
  });
  onValidatedMessage('getEntitySummaries', async ({ ids }) => {
    await ready;
    const found = await getEntities(db, ids);
    return withVisibleControls(found.filter((entity) => entity !== undefined).map(toEntitySummary));
  });
  onValidatedMessage('openView', async (view) => {
    await browser.tabs.create({ url: viewUrl(view, (path) => browser.runtime.getURL(path as '/popup.html')) });
  });

  return { db, ready, published, publishMatcher };
}
