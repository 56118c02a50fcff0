import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContentScript } from '@/utils/content-service';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startContentScript(ctx);
  },
});
