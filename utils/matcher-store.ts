/**
 * Where content scripts find the compiled matcher: browser.storage.local, written by the background
 * whenever the installed dataset changes. Reading storage is about twice as fast as a message for
 * large payloads and does not need to wake the background.
 */
import { storage } from 'wxt/utils/storage';
import { type CompiledMatcher, MATCHER_VERSION } from './matcher/source';

export interface StoredMatcher {
  /** Which installed dataset it was compiled from: version and install time. */
  key: string;
  compiled: CompiledMatcher;
}

export const matcherItem = storage.defineItem<StoredMatcher | null>('local:matcher', { fallback: null });

/**
 * Entity ids by entity number, joined by newlines, stored apart from the matcher: a tab needs them
 * only once it has marks (for cards and the popup), and at 100,000 entities they are a third of the
 * payload, so they stay off the path to the first scan.
 */
export const matcherIdsItem = storage.defineItem<{ key: string; ids: string } | null>('local:matcherIds', {
  fallback: null,
});

/**
 * Whether a stored matcher is in the format this build reads. After an extension update the
 * previous build's matcher may still be in storage for the same dataset: it is compiled again.
 */
export function isCurrentFormat(stored: StoredMatcher | null): stored is StoredMatcher {
  return stored?.compiled.version === MATCHER_VERSION;
}

export function datasetKey(installed: { version: string; installedAt: number }): string {
  return `${installed.version}@${installed.installedAt}`;
}
