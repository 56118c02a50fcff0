import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DatasetSummary } from '@/components/DatasetSummary';
import { EntityPage } from '@/components/EntityPage';
import type { InstalledDataset } from '@/utils/db';
import { type PageStatus, sendMessage } from '@/utils/messaging';
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
  const [entity, setEntity] = useState(() => new URLSearchParams(location.search).get('entity'));
  const [dataset, setDataset] = useState<InstalledDataset | null | undefined>(undefined);
  const [page, setPage] = useState<PageStatus | null | undefined>(undefined);

  useEffect(() => {
    void sendMessage('getDatasetStatus').then(setDataset, () => setDataset(null));
    void targetTabId().then(async (tabId) => {
      if (tabId === undefined) return setPage(null);
      // No content script runs on browser pages or the extension's own pages: that is not an error.
      setPage(await sendMessage('getPageStatus', undefined, tabId).catch(() => null));
    });
  }, []);

  if (entity) {
    return (
      <main class="popup">
        <EntityPage id={entity} locale={locale} t={t} onOpenEntity={setEntity} />
      </main>
    );
  }
  return (
    <main class="popup">
      <h1>{t('appName')}</h1>
      {dataset === undefined ? <p>{t('loading')}</p> : <DatasetSummary info={dataset} t={t} locale={locale} />}
      <p data-testid="page-status">
        {page === undefined ? t('loading') : page ? t('pageReady', { count: page.entityCount }) : t('pageUnavailable')}
      </p>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openOptions')}
      </button>
    </main>
  );
}
