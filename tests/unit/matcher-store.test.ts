import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileMatcher } from '@/utils/matcher/compile';
import type { CompiledMatcher } from '@/utils/matcher/compiled';
import { matcherItem, PART_CHARS, readMatcher, type StoredMatcher, writeMatcher } from '@/utils/matcher-store';
import { tinyDataset } from './fixtures';

/** The matcher of the tiny dataset, its bulky fields (but kinds) stretched to `length` characters each. */
function matcherWithBulk(length: number, fill = 'A'): CompiledMatcher {
  const compiled = compileMatcher(tinyDataset().entities, '2026.01.01');
  // Distinct characters per position, so a part joined out of order would not compare equal.
  const stretch = (offset: number) =>
    Array.from({ length }, (_, i) => String.fromCharCode(65 + ((i + offset) % 26))).join('') + fill;
  return {
    ...compiled,
    units: stretch(0),
    childCounts: stretch(1),
    terminals: stretch(2),
    nameRefs: stretch(3),
    overflow: stretch(4),
  };
}

const partKeys = async () =>
  Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('matcherPart'));

describe('matcher store', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  it('stores a small matcher whole, in the header', async () => {
    const stored: StoredMatcher = { key: 'v1@1', compiled: compileMatcher(tinyDataset().entities, '2026.01.01') };
    await writeMatcher(stored);
    expect(await partKeys()).toEqual([]);
    expect(await readMatcher()).toEqual(stored);
  });

  it('splits a large matcher into even parts, reads each with a get of its own, and joins them in order', async () => {
    const stored: StoredMatcher = { key: 'v1@1', compiled: matcherWithBulk(PART_CHARS) };
    await writeMatcher(stored);
    const header = (await matcherItem.getValue())!;
    // Five fields of a part's size each, and the kinds: six parts, the header keeps none of the bulky text.
    expect(header.parts).toBe(6);
    expect(header.compiled.units).toBe('');
    expect(header.compiled.kinds).toBe('');
    const sizes = Object.values(await fakeBrowser.storage.local.get(null))
      .filter((value) => (value as { pieces?: unknown }).pieces)
      .map((value) => (value as { pieces: [string, string][] }).pieces.reduce((sum, [, text]) => sum + text.length, 0));
    expect(sizes).toHaveLength(6);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(PART_CHARS);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(6);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await readMatcher()).toEqual(stored);
    expect(get).toHaveBeenCalledTimes(1 + 6);
  });

  it('removes the parts a smaller matcher no longer uses', async () => {
    await writeMatcher({ key: 'v1@1', compiled: matcherWithBulk(PART_CHARS) });
    const smaller: StoredMatcher = { key: 'v2@2', compiled: matcherWithBulk(PART_CHARS / 2) };
    await writeMatcher(smaller);
    expect(await partKeys()).toHaveLength(3);
    expect(await readMatcher()).toEqual(smaller);
    await writeMatcher({ key: 'v3@3', compiled: compileMatcher(tinyDataset().entities, '2026.01.01') });
    expect(await partKeys()).toEqual([]);
  });

  it('reads an older build’s header, which holds the matcher whole without a part count', async () => {
    const stored: StoredMatcher = { key: 'v1@1', compiled: matcherWithBulk(PART_CHARS * 2) };
    await fakeBrowser.storage.local.set({ matcher: stored });
    expect(await readMatcher()).toEqual(stored);
  });

  it('never joins parts of two datasets: a stale part means reading again, and giving up if it stays', async () => {
    await writeMatcher({ key: 'v1@1', compiled: matcherWithBulk(PART_CHARS / 2) });
    const part = (await fakeBrowser.storage.local.get('matcherPart1')).matcherPart1 as { key: string };
    await fakeBrowser.storage.local.set({ matcherPart1: { ...part, key: 'v0@0' } });
    expect(await readMatcher()).toBeNull();
  });

  it('has nothing to read before the background wrote a matcher', async () => {
    expect(await readMatcher()).toBeNull();
  });
});
