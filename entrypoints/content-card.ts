import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CardController } from '@/utils/card/card-controller';
import { CARD_STAGE_GLOBAL, type CardStage } from '@/utils/card/card-stage';

/** The content script's second stage (see utils/card/card-stage.ts): the card, loaded when needed. */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_STAGE_GLOBAL] = { CardController } satisfies CardStage;
});
