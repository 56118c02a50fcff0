/**
 * Compiles the dataset's names into the matcher's automaton, once, in the background, in a compact
 * serialisable form that content scripts decode without building anything.
 *
 * The automaton is a trie over the folded names, laid out breadth-first so that each node's
 * children are consecutive and sorted by unit: a node is its edge unit (Uint16) and its child
 * count (four bits, with a side list for the rare node with 15 children or more); whether it ends
 * a name is one bit. Content scripts recover child offsets by prefix sums, a block of nodes at a
 * time. Arrays travel as base64 (storage and messages carry strings, not typed arrays), and the
 * per-name entity refs take three bytes: at 100,000 entities every byte saved is read by each tab.
 */
import type { Entity } from '@/data/schema';
import { foldedUnits, foldTable, foldText, foldWidth } from './fold';

export const MATCHER_FORMAT = 'talent-overlay-matcher';
export const MATCHER_VERSION = 5;

/**
 * Nodes come in blocks of 2^NODE_BLOCK_SHIFT. For each block the compiled form records where its
 * first node's children start and how many names come before it, so a content script derives a
 * block's child offsets and name numbers when a scan first reaches it, not all of them up front
 * (at 100,000 entities: half a million nodes, 9 ms of cold work before the first scan).
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
  /** For refs that must match case exactly (FAIR, SSI, M6): "name:entity" → the name width-folded. */
  exact: Record<string, string>;
  /**
   * base64 Uint16Array of pairs [unit, folded]: the part of the fold table (fold.ts) that the names
   * need, every unit that folds to a unit of some name or is one itself. A content script fills
   * its table from these few hundred pairs instead of building all of OpenCC's.
   */
  foldPairs: string;
}

/** Refs are signed 24-bit: an entity number must fit in what the flags leave. */
export const MAX_ENTITIES = 1 << (23 - REF_SHIFT);
/** A child count of this or more is kept in wideCounts. */
const WIDE = 15;

export const KIND_LETTER = { person: 'p', org: 'o', model: 'm' } as const;

/** A name is an acronym, matched with its case, when it has capitals and no lower-case letter. */
function isAcronym(name: string): boolean {
  return /[A-Z]/.test(name) && !/[a-z]/.test(name);
}

/**
 * Every folded name → the entities it names, as refs (entity << REF_SHIFT | flags): one ref as a
 * number, several as an array. Acronyms' written forms are in `exactForms` under "entity:key".
 * (Numbers, not objects: at 100,000 entities there are 200,000 names, and an object and an
 * array per name cost a fifth of the compile, 840 → 680 ms.)
 */
interface NameTable {
  byKey: Map<string, number | number[]>;
  exactForms: Map<string, string>;
}

function namesByKey(entities: Entity[]): NameTable {
  const byKey = new Map<string, number | number[]>();
  const exactForms = new Map<string, string>();
  // Several names of one entity may fold to one key: it is weak only if each of them is, and
  // matched by case only if each of them is an acronym.
  const merge = (previous: number, weak: boolean, acronym: boolean) =>
    previous & ~((weak ? 0 : REF_WEAK) | (acronym ? 0 : REF_EXACT_CASE));
  const add = (entity: number, text: string, weak: boolean) => {
    const key = foldText(text).trim();
    if (key.length < 2) return;
    // Only Latin names can be acronyms; skip the width fold for the rest.
    const widthFolded = /[A-Z\uff21-\uff3a]/.test(text) ? foldWidth(text).trim() : '';
    const acronym = widthFolded !== '' && isAcronym(widthFolded);
    const ref = (entity << REF_SHIFT) | (weak ? REF_WEAK : 0) | (acronym ? REF_EXACT_CASE : 0);
    const refs = byKey.get(key);
    if (refs === undefined) byKey.set(key, ref);
    else if (typeof refs === 'number') {
      byKey.set(key, refs >> REF_SHIFT === entity ? merge(refs, weak, acronym) : [refs, ref]);
    } else {
      const at = refs.findIndex((previous) => previous >> REF_SHIFT === entity);
      if (at < 0) refs.push(ref);
      else refs[at] = merge(refs[at]!, weak, acronym);
    }
    if (acronym && !exactForms.has(`${entity}:${key}`)) exactForms.set(`${entity}:${key}`, widthFolded);
  };
  entities.forEach((entity, index) => {
    add(index, entity.name, Boolean(entity.nameWeak));
    if (entity.nameEn) add(index, entity.nameEn, Boolean(entity.nameEnWeak));
    for (const alias of entity.aliases) add(index, alias.text, Boolean(alias.weak));
  });
  return { byKey, exactForms };
}

/** Pairs [entity, family] for the entities with a parent; a family is the topmost ancestor. */
function familiesOf(entities: Entity[]): number[] {
  const number = new Map(entities.map((entity, index) => [entity.id, index]));
  const pairs: number[] = [];
  entities.forEach((entity, index) => {
    if (!entity.parent) return;
    let family = index;
    // Bounded walk: a broken dataset could hold a cycle.
    for (let steps = 0; steps < 32; steps++) {
      const parent = number.get(entities[family]!.parent ?? '');
      if (parent === undefined) break;
      family = parent;
    }
    if (family !== index) pairs.push(index, family);
  });
  return pairs;
}

export function compileMatcher(entities: Entity[], datasetVersion: string): CompiledMatcher {
  if (entities.length > MAX_ENTITIES) {
    throw new Error(`The matcher holds at most ${MAX_ENTITIES} entities; this dataset has ${entities.length}.`);
  }
  const { byKey, exactForms } = namesByKey(entities);
  // The default sort compares UTF-16 code units, which is the order the trie needs.
  const keys = [...byKey.keys()].sort();
  let totalUnits = 0;
  for (const key of keys) totalUnits += key.length;

  // Breadth-first over the sorted keys: a node is a range of keys sharing a prefix of its depth.
  const capacity = totalUnits + 1;
  const units = new Uint16Array(capacity);
  const childCounts = new Uint8Array(Math.ceil(capacity / 2));
  const wideCounts: number[] = [];
  const blockSize = 1 << NODE_BLOCK_SHIFT;
  const blockBases: number[] = [];
  /** Where the next node's children start, as the layout goes on (for blockBases). */
  let nextChild = 1;
  const terminals = new Uint32Array(Math.ceil(capacity / 32));
  const low = new Int32Array(capacity);
  const high = new Int32Array(capacity);
  const depth = new Int32Array(capacity);
  high[0] = keys.length;
  let nodeCount = 1;
  let rootChildren = 0;
  const nameRefs: number[] = [];
  const overflow: number[] = [];
  const exact: Record<string, string> = {};
  for (let node = 0; node < nodeCount; node++) {
    let lo = low[node]!;
    const hi = high[node]!;
    const d = depth[node]!;
    if (node % blockSize === 0) blockBases.push(nextChild, nameRefs.length);
    // The key equal to this prefix (if any) sorts first in the range.
    if (node > 0 && keys[lo]!.length === d) {
      terminals[node >>> 5]! |= 1 << (node & 31);
      const name = nameRefs.length;
      const key = keys[lo]!;
      const found = byKey.get(key)!;
      const refs = typeof found === 'number' ? [found] : found;
      for (const ref of refs) {
        if (ref & REF_EXACT_CASE) exact[`${name}:${ref >> REF_SHIFT}`] = exactForms.get(`${ref >> REF_SHIFT}:${key}`)!;
      }
      if (refs.length === 1) nameRefs.push(refs[0]!);
      else {
        nameRefs.push(-(1 + overflow.length));
        overflow.push(refs.length, ...refs);
      }
      lo++;
    }
    let children = 0;
    while (lo < hi) {
      const unit = keys[lo]!.charCodeAt(d);
      let end = lo + 1;
      while (end < hi && keys[end]!.charCodeAt(d) === unit) end++;
      units[nodeCount] = unit;
      low[nodeCount] = lo;
      high[nodeCount] = end;
      depth[nodeCount] = d + 1;
      nodeCount++;
      children++;
      lo = end;
    }
    nextChild += children;
    if (node === 0) rootChildren = children;
    else {
      if (children >= WIDE) wideCounts.push(node, children);
      childCounts[node >>> 1]! |= Math.min(children, WIDE) << ((node & 1) * 4);
    }
  }

  return {
    format: MATCHER_FORMAT,
    version: MATCHER_VERSION,
    datasetVersion,
    kinds: entities.map((entity) => KIND_LETTER[entity.kind]).join(''),
    families: familiesOf(entities),
    nodeCount,
    rootChildren,
    units: toBase64(units.subarray(0, nodeCount)),
    childCounts: toBase64(childCounts.subarray(0, Math.ceil(nodeCount / 2))),
    wideCounts,
    terminals: toBase64(terminals.subarray(0, Math.ceil(nodeCount / 32))),
    blockBases: toBase64(Int32Array.from(blockBases)),
    nameRefs: toBase64(int24Bytes(nameRefs)),
    overflow: toBase64(int24Bytes(overflow)),
    exact,
    foldPairs: toBase64(foldPairsFor(units.subarray(1, nodeCount))),
  };
}

/** Signed ints as three bytes each, little-endian (readInt24 reads them back). */
function int24Bytes(values: number[]): Uint8Array {
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
function foldPairsFor(nameUnits: Uint16Array): Uint16Array {
  const used = new Uint8Array(0x10000);
  for (const unit of nameUnits) used[unit] = 1;
  const table = foldTable();
  const pairs: number[] = [];
  for (const unit of foldedUnits()) {
    const folded = table[unit]!;
    if (used[unit] || used[folded]) pairs.push(unit, folded);
  }
  return Uint16Array.from(pairs);
}

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
