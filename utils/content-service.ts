/**
 * The content script's work on a page. It never sends the page's text anywhere: it asks the
 * background for data and does all matching in the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onValidatedMessage, type PageStatus, sendMessage } from './messaging';

export function startContentScript(ctx: ContentScriptContext) {
  const status: PageStatus = { url: location.href, datasetVersion: null, entityCount: 0 };

  const removeListener = onValidatedMessage('getPageStatus', () => ({ ...status, url: location.href }));
  ctx.onInvalidated(removeListener);

  void sendMessage('getDatasetStatus').then((installed) => {
    if (!ctx.isValid || !installed) return;
    status.datasetVersion = installed.version;
    status.entityCount = installed.counts.people + installed.counts.orgs + installed.counts.models;
  });
  return status;
}
