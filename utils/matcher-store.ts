/**
 * Where content scripts find the compiled matcher: browser.storage.local, written by the background
 * whenever the installed dataset changes. Reading storage is faster than a message for large
 * payloads and does not need to wake the background.
 *
 * A large matcher is stored in parts read in parallel. One `storage.local.get` of a big value is
 * slow, and slower than several smaller gets at once, so the bulky fields go to parts of at most
 * 256k characters, each a key of its own, all read at once (the bench's "ready in a tab" times it).
 */
import { browser } from 'wxt/browser';
import { type CompiledMatcher, MATCHER_VERSION } from './matcher/compiled';
import { storageItem } from './storage-item';

export interface StoredMatcher {
  /** Which installed dataset it was compiled from: version and install time. */
  key: string;
  compiled: CompiledMatcher;
}

/**
 * The header: the matcher whole when it is small; otherwise with its bulky fields left empty and
 * `parts` parts holding them. Written after its parts, so a header always finds them in storage.
 * (A header without `parts`, from an older build, holds the matcher whole.)
 */
type MatcherHeader = StoredMatcher & { parts?: number };

/** A slice of the bulky fields, in order, tagged with the dataset key so a reader can tell a stale part. */
interface MatcherPart {
  key: string;
  pieces: [BulkyField, string][];
}

const BULKY_FIELDS = ['kinds', 'units', 'childCounts', 'terminals', 'nameRefs', 'overflow'] as const;
type BulkyField = (typeof BULKY_FIELDS)[number];

/** Most characters per part; a matcher with less than this in bulky fields is stored whole. */
export const PART_CHARS = 256 * 1024;

export const matcherItem = storageItem<MatcherHeader | null>('local', 'matcher', null);

const partKey = (index: number) => `matcherPart${index}`;

/**
 * Entity ids by entity number, joined by newlines, stored apart from the matcher: a tab needs them
 * only once it has marks (for cards and the popup), and at 100,000 entities they are a third of the
 * payload, so they stay off the path to the first scan.
 */
export const matcherIdsItem = storageItem<{ key: string; ids: string } | null>('local', 'matcherIds', null);

/** Stores a compiled matcher: its parts first, then the header (which is what readers watch). */
export async function writeMatcher(stored: StoredMatcher): Promise<void> {
  const previous = await matcherItem.getValue();
  const compiled = { ...stored.compiled };
  const bulk = BULKY_FIELDS.reduce((sum, field) => sum + compiled[field].length, 0);
  const parts: MatcherPart[] = [];
  if (bulk > PART_CHARS) {
    const count = Math.ceil(bulk / PART_CHARS);
    const size = Math.ceil(bulk / count);
    let part: MatcherPart = { key: stored.key, pieces: [] };
    let room = size;
    for (const field of BULKY_FIELDS) {
      const text = compiled[field];
      compiled[field] = '';
      for (let at = 0; at < text.length; ) {
        const piece = text.slice(at, at + room);
        part.pieces.push([field, piece]);
        at += piece.length;
        room -= piece.length;
        if (room === 0) {
          parts.push(part);
          part = { key: stored.key, pieces: [] };
          room = size;
        }
      }
    }
    if (part.pieces.length > 0) parts.push(part);
  }
  if (parts.length > 0) {
    await browser.storage.local.set(Object.fromEntries(parts.map((part, index) => [partKey(index), part])));
  }
  await matcherItem.setValue({ key: stored.key, compiled, parts: parts.length });
  const stale = Array.from({ length: Math.max(0, (previous?.parts ?? 0) - parts.length) }, (_, i) =>
    partKey(parts.length + i),
  );
  if (stale.length > 0) await browser.storage.local.remove(stale);
}

/**
 * The stored matcher, whole, or null when there is none. Parts are read with a get each, all at
 * once, after the header: reading the header first costs little, where speculative gets for
 * parts that may not exist would cost every small matcher. Should the
 * background rewrite the matcher meanwhile (a part with another dataset's key, or missing), the
 * read starts again.
 */
export async function readMatcher(): Promise<StoredMatcher | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const header = await matcherItem.getValue();
    if (!header) return null;
    if (!header.parts) return { key: header.key, compiled: header.compiled };
    const parts = await Promise.all(
      Array.from(
        { length: header.parts },
        async (_, index) =>
          (await browser.storage.local.get(partKey(index)))[partKey(index)] as MatcherPart | undefined,
      ),
    );
    if (!parts.every((part) => part?.key === header.key)) continue;
    const compiled = { ...header.compiled };
    for (const part of parts as MatcherPart[]) {
      for (const [field, text] of part.pieces) compiled[field] += text;
    }
    return { key: header.key, compiled };
  }
  return null;
}

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
