import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EntityPage } from '@/components/EntityPage';
import { OnThisPage } from '@/components/OnThisPage';
import { resultOptionId, SearchResults } from '@/components/SearchResults';
import type { InstalledDataset } from '@/utils/db';
import { type PageStatus, sendMessage } from '@/utils/messaging';
import type { SearchResult } from '@/utils/search-service';
import { getSettings, type Settings, siteOf, updateSettings, watchSettings } from '@/utils/settings';
import { useLocale } from '@/utils/use-locale';

/** The tab the popup speaks about: the active tab, or ?tab=<id> when the popup is opened as a page. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function App() {
  const { locale, t } = useLocale();
  const [trail, setTrail] = useState<string[]>(() => {
    const entity = new URLSearchParams(location.search).get('entity');
    return entity ? [entity] : [];
  });
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult[] | 'searching'>([]);
  const [active, setActive] = useState(0);
  const [dataset, setDataset] = useState<InstalledDataset | null | undefined>(undefined);
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState<PageStatus | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const latestQuery = useRef('');

  useEffect(() => {
    void sendMessage('getDatasetStatus').then(setDataset, () => setDataset(null));
    void getSettings().then(setSettings);
    const unwatch = watchSettings(setSettings);
    void targetTabId().then(async (id) => {
      setTabId(id);
      if (id === undefined) return setPage(null);
      // No content script runs on browser pages or the extension's own pages: that is not an error.
      setPage(await sendMessage('getPageStatus', undefined, id).catch(() => null));
    });
    return unwatch;
  }, []);

  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (trail.length === 0) {
      input.current?.focus();
      return;
    }
    // In a detail, focus starts on Back, and Esc goes back wherever focus is.
    back.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setTrail((current) => current.slice(0, -1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trail.length]);

  const runSearch = (text: string) => {
    setQuery(text);
    latestQuery.current = text;
    setActive(0);
    if (!text.trim()) return setResults([]);
    setResults('searching');
    void sendMessage('search', { query: text.slice(0, 200) }).then(
      (found) => latestQuery.current === text && setResults(found),
      () => latestQuery.current === text && setResults([]),
    );
  };

  const open = (result: SearchResult) => setTrail([result.id]);
  const list = Array.isArray(results) ? results : [];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && list.length > 0) {
      event.preventDefault();
      setActive((active + 1) % list.length);
    } else if (event.key === 'ArrowUp' && list.length > 0) {
      event.preventDefault();
      setActive((active - 1 + list.length) % list.length);
    } else if (event.key === 'Enter' && list[active]) {
      event.preventDefault();
      open(list[active]!);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      runSearch('');
    }
  };

  if (trail.length > 0) {
    return (
      <main class="popup detail">
        <h1 class="visually-hidden">{t('appName')}</h1>
        <button ref={back} type="button" class="link back" onClick={() => setTrail(trail.slice(0, -1))}>
          ← {t('back')}
        </button>
        <EntityPage id={trail.at(-1)!} locale={locale} t={t} onOpenEntity={(id) => setTrail([...trail, id])} />
      </main>
    );
  }

  const site = page ? siteOf(page.url) : '';
  const siteOn = settings ? !settings.disabledSites.includes(site) : true;
  return (
    <main class="popup">
      <h1 class="visually-hidden">{t('appName')}</h1>
      <input
        ref={input}
        class="search"
        type="search"
        value={query}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchLabel')}
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls="results"
        aria-autocomplete="list"
        aria-activedescendant={list.length > 0 ? resultOptionId(active) : undefined}
        onInput={(event) => runSearch(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {dataset === null ? <p class="muted">{t('datasetMissing')}</p> : null}
      {results === 'searching' ? <p class="muted">{t('searching')}</p> : null}
      {query.trim() && Array.isArray(results) && results.length === 0 ? (
        <p class="muted" data-testid="no-results">
          {t('noResults', { query })}
        </p>
      ) : null}
      {list.length > 0 ? (
        <SearchResults results={list} active={active} locale={locale} t={t} onOpen={open} onHover={setActive} />
      ) : null}
      {!query.trim() ? (
        <section aria-labelledby="on-page-heading">
          <h2 id="on-page-heading">{t('onThisPage')}</h2>
          {page === undefined ? <p class="muted">{t('loading')}</p> : null}
          {page === null ? (
            <p class="muted" data-testid="page-status">
              {t('pageUnavailable')}
            </p>
          ) : null}
          {page ? (
            <OnThisPage
              page={page}
              t={t}
              onReveal={(id) => {
                if (tabId === undefined) return;
                void sendMessage('revealEntity', { id }, tabId).then(() => {
                  // A real popup closes so the page can be read; opened as a tab (?tab=) it stays.
                  if (!new URLSearchParams(location.search).has('tab')) window.close();
                });
              }}
            />
          ) : null}
        </section>
      ) : null}
      <footer class="popup-footer">
        {page && settings ? (
          <label class="switch">
            <input
              type="checkbox"
              checked={siteOn}
              onChange={(event) => {
                const on = event.currentTarget.checked;
                const others = settings.disabledSites.filter((entry) => entry !== site);
                void updateSettings({ disabledSites: on ? others : [...others, site] });
              }}
            />
            {t('markThisSite', { site })}
          </label>
        ) : null}
        <p class="muted small">{t('keyboardHelp')}</p>
        {dataset ? (
          <p class="muted small" data-testid="dataset-counts">
            {t('datasetShort', { version: dataset.version })} · {t('datasetCounts', dataset.counts)}
          </p>
        ) : null}
        <p class="muted small">
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('openOptions')}
          </button>
        </p>
      </footer>
    </main>
  );
}
