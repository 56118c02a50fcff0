import { defineContentScript } from 'wxt/utils/define-content-script';
import { isMarkedFrame, startContentScript } from '@/utils/content/start';
import { reportError } from '@/utils/report-error';
// The marks' look, injected by the manifest: see painter.ts.
import '@/utils/marking/marks.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  // Frames of the page's own origin hold articles too (isMarkedFrame leaves the others at once).
  allFrames: true,
  // WXT's start message would tell every page that the extension is there.
  noScriptStartedPostMessage: true,
  // WXT's context (the argument to main) is not used: a page can end it (see start.ts).
  main() {
    if (!isMarkedFrame(window)) return;
    startContentScript().catch((error: unknown) => reportError('could not start on this page', error));
  },
});
