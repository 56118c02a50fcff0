/**
 * The content script's second stage. Every page pays for loading the content script, and most
 * pages name nobody the dataset knows: so the first stage only reads the settings and the compiled
 * matcher and marks the page, and the rest (the cards with Preact, Floating UI and the interface
 * strings, the entity lookups, zod's message checks) is a file of its own,
 * entrypoints/content-stage-two.ts, imported from the extension once the page has a mark or the
 * popup asks. It runs in the content script's own isolated world and hands its parts over through
 * that world's global object.
 */
import { browser } from 'wxt/browser';
import type { checkPayload } from '../message-checks';
import type { CardOptions, PageCards } from './cards';

/** Where the second stage leaves its parts (the content script's world, not the page's). */
export const STAGE_TWO_GLOBAL = '__talentOverlayStageTwo';

export interface StageTwo {
  startCards: (options: CardOptions) => PageCards;
  checkPayload: typeof checkPayload;
}

let loading: Promise<StageTwo> | null = null;

/** The second stage, imported once per page (a failed import is tried again on the next call). */
export function loadStageTwo(): Promise<StageTwo> {
  loading ??= (async () => {
    // The file is web-accessible (wxt.config.ts); Chrome serves it under a per-session address.
    await import(/* @vite-ignore */ browser.runtime.getURL('/content-stage-two.js'));
    const stage = (globalThis as Record<string, unknown>)[STAGE_TWO_GLOBAL] as StageTwo | undefined;
    if (!stage) throw new Error('the second stage did not load');
    return stage;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
