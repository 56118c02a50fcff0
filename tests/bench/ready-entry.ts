/**
 * Evaluated in the extension's content-script world by page-bench.ts (IIFE): the store and decoding
 * code the content script runs, timed from the first storage read to a matcher ready to scan.
 */
import { Matcher } from '@/utils/matcher/matcher';
import { matcherItem, readMatcher, type StoredMatcher, writeMatcher } from '@/utils/matcher-store';

async function ready(): Promise<{ read: number; decode: number; parts: number }> {
  const t0 = performance.now();
  const stored = await readMatcher();
  const t1 = performance.now();
  if (!stored) throw new Error('No matcher in storage');
  new Matcher(stored.compiled);
  const decode = performance.now() - t1;
  return { read: t1 - t0, decode, parts: (await matcherItem.getValue())?.parts ?? 0 };
}

(globalThis as unknown as { talentReady: unknown }).talentReady = {
  write: (stored: StoredMatcher) => writeMatcher(stored),
  ready,
};
