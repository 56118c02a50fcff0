import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OnThisPage } from '@/components/OnThisPage';
import { resultOptionId, SearchResults } from '@/components/SearchResults';
import type { Translate } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import type { InstalledDataset, PageStatus } from '@/utils/protocol';
import { siteOf } from '@/utils/settings';
import { useLocale } from '@/utils/use-locale';
import { useSettingsEditor } from '@/utils/use-settings';
import { DetailView } from './DetailView';
import { usePageStatus } from './use-page-status';
import { useSearch } from './use-search';

/** The popup: search and the entities on the page, or an entity's detail (?entity=<id> opens one). */
export function App() {
  const { locale, t } = useLocale();
  const [trail, setTrail] = useState<string[]>(() => {
    const entity = new URLSearchParams(location.search).get('entity');
    return entity ? [entity] : [];
  });
  const [dataset, setDataset] = useState<InstalledDataset | null | undefined>(undefined);
  const { page, reveal } = usePageStatus();
  const search = useSearch();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void sendMessage('getDatasetStatus').then(setDataset, () => setDataset(null));
  }, []);
  useEffect(() => {
    if (trail.length === 0) input.current?.focus();
  }, [trail.length]);
  const back = useCallback(() => setTrail((current) => current.slice(0, -1)), []);
  const openEntity = useCallback((id: string) => setTrail((current) => [...current, id]), []);

  if (trail.length > 0) {
    return <DetailView id={trail.at(-1)!} locale={locale} t={t} onBack={back} onOpenEntity={openEntity} />;
  }

  const { query, results, list, active } = search;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.length === 0) return;
      event.preventDefault();
      search.step(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && list[active]) {
      event.preventDefault();
      openEntity(list[active]!.id);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      search.search('');
    }
  };

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
        onInput={(event) => search.search(event.currentTarget.value)}
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
        <SearchResults
          results={list}
          active={active}
          locale={locale}
          t={t}
          onOpen={(result) => openEntity(result.id)}
          onHover={search.setActive}
        />
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
          {page ? <OnThisPage page={page} t={t} onReveal={reveal} /> : null}
        </section>
      ) : null}
      <Footer page={page} dataset={dataset} t={t} />
    </main>
  );
}

/** Marking on this site, the keyboard help, the dataset's version, and the way to the options. */
function Footer({
  page,
  dataset,
  t,
}: {
  page: PageStatus | null | undefined;
  dataset: InstalledDataset | null | undefined;
  t: Translate;
}) {
  const { settings, error, save } = useSettingsEditor();
  const site = page ? siteOf(page.url) : '';
  return (
    <footer class="popup-footer">
      {page && settings ? (
        <label class="switch">
          <input
            type="checkbox"
            checked={!settings.disabledSites.includes(site)}
            onChange={(event) => {
              const on = event.currentTarget.checked;
              // Made to the list as stored then: sites excluded elsewhere meanwhile stay.
              void save((current) => {
                const others = current.disabledSites.filter((entry) => entry !== site);
                return { disabledSites: on ? others : [...others, site] };
              });
            }}
          />
          {t('markThisSite', { site })}
        </label>
      ) : null}
      {error ? (
        <p class="status error small" role="alert" data-testid="settings-error">
          {t(error.key, error.values)}
        </p>
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
  );
}
