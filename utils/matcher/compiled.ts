/**
 * The compiled matcher's format: what the background writes (compile.ts) and a content script reads
 * (matcher.ts), with the codecs both sides share. The automaton is a trie over the folded names,
 * laid out breadth-first so that each node's children are consecutive and sorted by unit: a node is
 * its edge unit (Uint16) and its child count (four bits, with a side list for the rare node with 15
 * children or more); whether it ends a name is one bit. Content scripts recover child offsets by
 * prefix sums, a block of nodes at a time. Arrays travel as base64 (storage and messages carry
 * strings, not typed arrays), and the per-name entity refs take three bytes: every byte of a large
 * dataset's matcher is read by each tab.
 */
export const MATCHER_FORMAT = 'talent-overlay-matcher';
export const MATCHER_VERSION = 6;

/**
 * Nodes come in blocks of 2^NODE_BLOCK_SHIFT. For each block the compiled form records where its
 * first node's children start and how many names come before it, so a content script derives a
 * block's child offsets and name numbers when a scan first reaches it, not all of them up front
 * (a large dataset has hundreds of thousands of nodes).
 */
export const NODE_BLOCK_SHIFT = 8;

/** Flags packed into each ref beside the entity number. */
export const REF_WEAK = 1;
export const REF_EXACT_CASE = 2;
export const REF_SHIFT = 2;

export interface CompiledMatcher {
  format: typeof MATCHER_FORMAT;
  version: typeof MATCHER_VERSION;
  datasetVersion: string;
  /** One letter per entity (an entity's number is its position in the list compiled from): p(erson), o(rg), m(odel). */
  kinds: string;
  /** Pairs [entity, family] for entities whose family (topmost ancestor) is not themselves. */
  families: number[];
  /**
   * Which entities a claim links (a founder, a member, a product...), for pairs where one has a
   * weak name: a strong name of one corroborates the other's weak names. A Bloom filter (base64
   * Uint32Array, a power of two bits; see linkBit) over the pairs, ten bits a pair: a tab asks it
   * about the few entities on its page, and a large dataset's hundreds of thousands of links
   * would otherwise be most of what every tab reads. A false "linked" (under 1 in 100) only lets a
   * weak name be marked that a claim did not link.
   */
  links: string;
  nodeCount: number;
  rootChildren: number;
  /** base64 Uint16Array(nodeCount): the unit on the edge into each node (0 for the root). */
  units: string;
  /**
   * base64 of four bits per node, two nodes a byte (node 2k in the low half): each node's child
   * count, 15 meaning "see wideCounts" (the root's is rootChildren).
   */
  childCounts: string;
  /** Pairs [node, count] for the few nodes with 15 children or more. */
  wideCounts: number[];
  /** base64 Uint32Array: bit n set when node n ends a name; names are numbered in node order. */
  terminals: string;
  /**
   * base64 Int32Array, a pair per block of nodes (NODE_BLOCK_SHIFT): where its first node's
   * children start, and how many names come before it.
   */
  blockBases: string;
  /**
   * base64 of a signed 24-bit little-endian int per name (see readInt24): a ref
   * (entity << REF_SHIFT | flags), or -(1 + index into overflow).
   */
  nameRefs: string;
  /** base64 of signed 24-bit ints: for names with several refs, a count followed by the refs. */
  overflow: string;
  /**
   * For refs matched by case (REF_EXACT_CASE): acronyms match as written (FAIR, SSI, M6), given here
   * as "name:entity" → the name width-folded; a ref with no entry here is a weak Latin name, which
   * matches only with its capital (Seed, not the seed of seed funding).
   */
  exact: Record<string, string>;
  /**
   * base64 Uint16Array of pairs [unit, folded]: the part of the fold table (fold.ts) that the names
   * need, every unit that folds to a unit of some name or is one itself. A content script fills
   * its table from these few hundred pairs instead of building all of OpenCC's.
   */
  foldPairs: string;
  /**
   * Where a Chinese word may start and end, for the names that need it (see MatcherLexicon). A
   * match whose edge forms a common word with the text beside it is guarded: marked only when
   * the page corroborates it, as a weak name is.
   */
  guards: CompiledGuards;
}

/**
 * Word-boundary guards, by name number. `straddle` names (two Han characters) are guarded when the
 * character before them and their first, or their last and the character after, form a common
 * two-character word (浙江|一家 for 江一): `leftPairs` and `rightPairs` hold those pairs, each a
 * Uint32 (unit before << 16 | unit after), sorted. `continues` names (a person's two-character
 * name) are guarded when followed by a character that often ends a longer name (张鹏|飞), unless
 * that character starts a common word with the next (周畅|加入): `continuePairs`.
 * `contexts` lists, for names inside a common word or a longer known name, the text around them
 * there ("有求|" for 必应 in 有求必应), folded.
 */
export interface CompiledGuards {
  /** base64 Uint32Array bitset over name numbers. */
  straddle: string;
  /** base64 Uint32Array bitset over name numbers. */
  continues: string;
  /** base64 sorted Uint32Array. */
  leftPairs: string;
  /** base64 sorted Uint32Array. */
  rightPairs: string;
  /** The characters that often end a longer name. */
  nameChars: string;
  /** base64 sorted Uint32Array: very common two-character words that start with one of nameChars. */
  continuePairs: string;
  /** name number → "before|after" pairs, folded. */
  contexts: Record<string, string[]>;
}

/**
 * What the compiler reads of a Chinese lexicon (jieba's dictionary; data/build/lexicon.ts writes it
 * to public/lexicon.json): common two-character words, common longer words and idioms most
 * frequent first, and characters that often end a name.
 */
export interface MatcherLexicon {
  /** Two-character words, concatenated. */
  pairs: string;
  /** Words of three to eight characters, joined by |. */
  containers: string;
  nameChars: string;
  /** Very common two-character words that start with one of nameChars, concatenated (加入, 表示...). */
  nameCharWords: string;
}

/** Refs are signed 24-bit: an entity number must fit in what the flags leave. */
export const MAX_ENTITIES = 1 << (23 - REF_SHIFT);

export const KIND_LETTER = { person: 'p', org: 'o', model: 'm' } as const;
export type KindLetter = (typeof KIND_LETTER)[keyof typeof KIND_LETTER];

/** Signed ints as three bytes each, little-endian (readInt24 reads them back). */
export function int24Bytes(values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 3);
  values.forEach((value, index) => {
    if (value < -(1 << 23) || value >= 1 << 23) throw new Error(`${value} does not fit in 24 bits`);
    bytes[index * 3] = value & 0xff;
    bytes[index * 3 + 1] = (value >> 8) & 0xff;
    bytes[index * 3 + 2] = (value >> 16) & 0xff;
  });
  return bytes;
}

/** The index-th signed 24-bit int in bytes written by int24Bytes. */
export function readInt24(bytes: Uint8Array, index: number): number {
  const at = index * 3;
  return ((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) << 8) >> 8;
}

/** The fold table's pairs [unit, folded] that touch the names' units (see CompiledMatcher.foldPairs). */

type Base64Codec = {
  toBase64?: (this: Uint8Array) => string;
};

/** base64 of a typed array's bytes (native where the browser has it). */
export function toBase64(array: ArrayBufferView): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const native = (bytes as unknown as Base64Codec).toBase64;
  if (native) return native.call(bytes);
  // Node (tests, benchmarks) has Buffer; older browsers fall through to btoa.
  const buffer = (
    globalThis as { Buffer?: { from(b: ArrayBufferLike, o: number, l: number): { toString(e: string): string } } }
  ).Buffer;
  if (buffer) return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of a base64 string, aligned for any typed array view. */
export function fromBase64(text: string): ArrayBuffer {
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  if (native) {
    const bytes = native(text);
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** How many bits of a link filter a pair sets. */
export const LINK_HASHES = 7;

/**
 * The i-th of the LINK_HASHES bits a pair of entities sets in a link filter of 2^bits bits (the
 * pair in either order). Two hashes of the pair, combined (Kirsch–Mitzenmacher): bit i is h1 + i·h2.
 * Computed afresh for each i, with no callback or array: a tab asks this a few hundred times, cold.
 */
export function linkBit(a: number, b: number, i: number, bits: number): number {
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  const h1 = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> 0;
  const h2 = (Math.imul(high ^ Math.imul(low, 0xc2b2ae35), 0x27d4eb2f) >>> 0) | 1;
  return (h1 + Math.imul(i, h2)) & ((1 << bits) - 1);
}
