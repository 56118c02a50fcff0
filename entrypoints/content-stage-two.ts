import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageCards } from '@/utils/content/cards';
import { STAGE_TWO_GLOBAL, type StageTwo } from '@/utils/content/stage-two';
import { checkPayload } from '@/utils/message-checks';

/** The content script's second stage (see utils/content/stage-two.ts): the cards and the message checks. */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[STAGE_TWO_GLOBAL] = {
    startCards: (options) => new PageCards(options),
    checkPayload,
  } satisfies StageTwo;
});
