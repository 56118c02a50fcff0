/** The tab the popup speaks about and what its content script reports (null where none runs). */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging';
import type { PageStatus } from '@/utils/protocol';

/** The active tab, or ?tab=<id> when the popup is opened as a page. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function usePageStatus() {
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState<PageStatus | null | undefined>(undefined);
  useEffect(() => {
    void targetTabId().then(async (id) => {
      setTabId(id);
      if (id === undefined) return setPage(null);
      // No content script runs on browser pages or the extension's own pages: that is not an error.
      setPage(await sendMessage('getPageStatus', undefined, id).catch(() => null));
    });
  }, []);

  /** Shows an entity's first mark on the page, with its card open. */
  const reveal = (id: string) => {
    if (tabId === undefined) return;
    void sendMessage('revealEntity', { id }, tabId).then(() => {
      // A real popup closes so the page can be read; opened as a tab (?tab=) it stays.
      if (!new URLSearchParams(location.search).has('tab')) window.close();
    });
  };
  return { page, reveal };
}
