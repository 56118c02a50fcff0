/**
 * The card's code as a second stage of the content script. Every page pays for loading the
 * content script, and most pages name nobody the dataset knows: so the card (card-controller.tsx,
 * with Preact, Floating UI and the interface strings) is a file of its own,
 * entrypoints/content-card.ts, imported from the extension once a page has marks or the reader
 * reaches one. It runs in the content script's own isolated world and hands its class over through
 * that world's global object.
 */
import { browser } from 'wxt/browser';
import type { CardController } from './card-controller';

/** Where the second stage leaves the card's class (the content script's world, not the page's). */
export const CARD_STAGE_GLOBAL = '__talentOverlayCardStage';

export interface CardStage {
  CardController: typeof CardController;
}

let loading: Promise<CardStage> | null = null;

/** The card's code, imported once per page (a failed import is tried again on the next call). */
export function loadCardStage(): Promise<CardStage> {
  loading ??= (async () => {
    // The file is web-accessible (wxt.config.ts); Chrome serves it under a per-session address.
    await import(/* @vite-ignore */ browser.runtime.getURL('/content-card.js'));
    const stage = (globalThis as Record<string, unknown>)[CARD_STAGE_GLOBAL] as CardStage | undefined;
    if (!stage) throw new Error('the card stage did not load');
    return stage;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
