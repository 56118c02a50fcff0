/**
 * Compiles the dataset's names into the matcher's automaton (the format is in compiled.ts), once
 * per dataset, in the background: content scripts decode it without building anything.
 */
import { claimRefs } from '@/data/format/claims';
import type { Claim, Entity } from '@/data/format/schema';
import {
  type CompiledGuards,
  type CompiledMatcher,
  int24Bytes,
  KIND_LETTER,
  LINK_HASHES,
  linkBit,
  MATCHER_FORMAT,
  MATCHER_VERSION,
  MAX_ENTITIES,
  type MatcherLexicon,
  NODE_BLOCK_SHIFT,
  REF_EXACT_CASE,
  REF_SHIFT,
  REF_WEAK,
  toBase64,
} from './compiled';
import { foldedUnits, foldTable, foldText, foldWidth } from './fold';

/** A child count of this or more is kept in wideCounts. */
const WIDE = 15;
const HAN = /\p{Script=Han}/u;

/** A name is an acronym, matched with its case, when it has capitals and no lower-case letter. */
function isAcronym(name: string): boolean {
  return /[A-Z]/.test(name) && !/[a-z]/.test(name);
}

/**
 * Every folded name → the entities it names, as refs (entity << REF_SHIFT | flags): one ref as a
 * number, several as an array. The written forms of names matched by case (acronyms, weak Latin
 * names) are in `exactForms` under "entity:key".
 * (Numbers, not objects: a large dataset has hundreds of thousands of names, and an object and
 * an array per name made a noticeable share of the compile.)
 */
interface NameTable {
  byKey: Map<string, number | number[]>;
  exactForms: Map<string, string>;
}

function namesByKey(entities: Entity[]): NameTable {
  const byKey = new Map<string, number | number[]>();
  const exactForms = new Map<string, string>();
  // Several names of one entity may fold to one key: it is weak only if each of them is, and
  // matched by case only if each of them is.
  const merge = (previous: number, weak: boolean, byCase: boolean) =>
    previous & ~((weak ? 0 : REF_WEAK) | (byCase ? 0 : REF_EXACT_CASE));
  const add = (entity: number, text: string, weak: boolean) => {
    const key = foldText(text).trim();
    if (key.length < 2) return;
    // Only Latin names can be acronyms; skip the width fold for the rest. A weak Latin name with a
    // capital is matched as written too: Seed, not the seed of seed funding; Flow, not cash flow.
    const widthFolded = /[A-Z\uff21-\uff3a]/.test(text) ? foldWidth(text).trim() : '';
    const byCase = widthFolded !== '' && (isAcronym(widthFolded) || (weak && !HAN.test(widthFolded)));
    const ref = (entity << REF_SHIFT) | (weak ? REF_WEAK : 0) | (byCase ? REF_EXACT_CASE : 0);
    const refs = byKey.get(key);
    if (refs === undefined) byKey.set(key, ref);
    else if (typeof refs === 'number') {
      byKey.set(key, refs >> REF_SHIFT === entity ? merge(refs, weak, byCase) : [refs, ref]);
    } else {
      const at = refs.findIndex((previous) => previous >> REF_SHIFT === entity);
      if (at < 0) refs.push(ref);
      else refs[at] = merge(refs[at]!, weak, byCase);
    }
    // An acronym must match as written; a weak Latin name only with its capital (no form kept).
    if (byCase && isAcronym(widthFolded) && !exactForms.has(`${entity}:${key}`)) {
      exactForms.set(`${entity}:${key}`, widthFolded);
    }
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

export interface CompileOptions {
  /** The dataset's claims: entities a claim links corroborate each other's weak and guarded names. */
  claims?: Claim[];
  /** Chinese word boundaries (public/lexicon.json); without it no name is guarded. */
  lexicon?: MatcherLexicon;
}

export function compileMatcher(
  entities: Entity[],
  datasetVersion: string,
  options: CompileOptions = {},
): CompiledMatcher {
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
  /** Each name's key, by name number. */
  const nameKeys: string[] = [];
  /** Whether a name is a person's, by name number. */
  const personNames: boolean[] = [];
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
      nameKeys.push(key);
      personNames.push(refs.some((ref) => entities[ref >> REF_SHIFT]!.kind === 'person'));
      for (const ref of refs) {
        const form = ref & REF_EXACT_CASE ? exactForms.get(`${ref >> REF_SHIFT}:${key}`) : undefined;
        if (form !== undefined) exact[`${name}:${ref >> REF_SHIFT}`] = form;
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

  const families = familiesOf(entities);
  const guards = guardsFor(nameKeys, personNames, options.lexicon);
  return {
    format: MATCHER_FORMAT,
    version: MATCHER_VERSION,
    datasetVersion,
    kinds: entities.map((entity) => KIND_LETTER[entity.kind]).join(''),
    families,
    links: linksOf(entities, options.claims ?? []),
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
    foldPairs: toBase64(foldPairsFor(units.subarray(1, nodeCount), guards.units)),
    guards: guards.compiled,
  };
}

/**
 * The fold table's pairs [unit, folded] that touch the names' units, or the units the guards
 * compare the text around a name with (see CompiledMatcher.foldPairs).
 */
function foldPairsFor(nameUnits: Uint16Array, guardUnits: Iterable<number>): Uint16Array {
  const used = new Uint8Array(0x10000);
  for (const unit of nameUnits) used[unit] = 1;
  for (const unit of guardUnits) used[unit] = 1;
  const table = foldTable();
  const pairs: number[] = [];
  for (const unit of foldedUnits()) {
    const folded = table[unit]!;
    if (used[unit] || used[folded]) pairs.push(unit, folded);
  }
  return Uint16Array.from(pairs);
}

/**
 * The link filter (CompiledMatcher.links): the pairs a claim links (its subject and the entities it
 * names) where one of the two has a weak name, ten bits a pair.
 */
function linksOf(entities: Entity[], claims: Claim[]): string {
  const number = new Map(entities.map((entity, index) => [entity.id, index]));
  const hasWeakName = entities.map(
    (entity) => Boolean(entity.nameWeak || entity.nameEnWeak) || entity.aliases.some((alias) => alias.weak),
  );
  const pairs: number[] = [];
  for (const claim of claims) {
    const linked = [...new Set(claimRefs(claim).map((id) => number.get(id)))].filter((n) => n !== undefined);
    for (let i = 0; i < linked.length; i++) {
      for (let j = i + 1; j < linked.length; j++) {
        if (hasWeakName[linked[i]!] || hasWeakName[linked[j]!]) pairs.push(linked[i]!, linked[j]!);
      }
    }
  }
  const bits = Math.max(10, Math.ceil(Math.log2(Math.max(1, pairs.length / 2) * 10)));
  const filter = new Uint32Array(1 << Math.max(0, bits - 5));
  for (let i = 0; i < pairs.length; i += 2) {
    for (let k = 0; k < LINK_HASHES; k++) {
      const bit = linkBit(pairs[i]!, pairs[i + 1]!, k, bits);
      filter[bit >>> 5]! |= 1 << (bit & 31);
    }
  }
  return toBase64(filter);
}

const HAN_ONLY = /^\p{Script=Han}+$/u;
/** At most this many contexts per name: the commonest words that hold it. */
const MAX_CONTEXTS = 24;

/** The guards of every name that needs one (see CompiledGuards), and the units they compare. */
function guardsFor(
  nameKeys: string[],
  personNames: boolean[],
  lexicon: MatcherLexicon | undefined,
): { compiled: CompiledGuards; units: Set<number> } {
  const words = Math.ceil(nameKeys.length / 32);
  const straddle = new Uint32Array(words);
  const continues = new Uint32Array(words);
  const contexts: Record<string, string[]> = {};
  const units = new Set<number>();
  if (!lexicon) {
    const none = toBase64(new Uint32Array(0));
    const empty = toBase64(straddle);
    return {
      compiled: {
        straddle: empty,
        continues: empty,
        leftPairs: none,
        rightPairs: none,
        nameChars: '',
        continuePairs: none,
        contexts,
      },
      units,
    };
  }
  const firsts = new Set<number>();
  const lasts = new Set<number>();
  const nameNumber = new Map<string, number>();
  nameKeys.forEach((key, name) => {
    nameNumber.set(key, name);
    if (key.length !== 2 || !HAN_ONLY.test(key)) return;
    straddle[name >>> 5]! |= 1 << (name & 31);
    firsts.add(key.charCodeAt(0));
    lasts.add(key.charCodeAt(1));
    if (personNames[name]) continues[name >>> 5]! |= 1 << (name & 31);
  });

  const leftPairs: number[] = [];
  const rightPairs: number[] = [];
  for (let i = 0; i + 1 < lexicon.pairs.length; i += 2) {
    const before = lexicon.pairs.charCodeAt(i);
    const after = lexicon.pairs.charCodeAt(i + 1);
    if (firsts.has(after)) leftPairs.push(before * 0x10000 + after);
    if (lasts.has(before)) rightPairs.push(before * 0x10000 + after);
    if (firsts.has(after) || lasts.has(before)) units.add(before).add(after);
  }
  const continuePairs: number[] = [];
  for (let i = 0; i + 1 < lexicon.nameCharWords.length; i += 2) {
    const before = lexicon.nameCharWords.charCodeAt(i);
    const after = lexicon.nameCharWords.charCodeAt(i + 1);
    continuePairs.push(before * 0x10000 + after);
    units.add(before).add(after);
  }

  // A name inside a common word or a longer known name: the text around it there.
  for (const word of lexicon.containers.split('|')) {
    if (nameNumber.has(word)) continue;
    for (let start = 0; start < word.length - 1; start++) {
      for (let end = start + 2; end <= word.length && end - start < word.length; end++) {
        const name = nameNumber.get(word.slice(start, end));
        if (name === undefined || !HAN_ONLY.test(nameKeys[name]!)) continue;
        contexts[name] ??= [];
        const list = contexts[name];
        if (list.length >= MAX_CONTEXTS) continue;
        list.push(`${word.slice(0, start)}|${word.slice(end)}`);
        for (let k = 0; k < word.length; k++) units.add(word.charCodeAt(k));
      }
    }
  }
  for (const char of lexicon.nameChars) units.add(char.charCodeAt(0));
  const sorted = (values: number[]) => toBase64(Uint32Array.from(values).sort());
  return {
    compiled: {
      straddle: toBase64(straddle),
      continues: toBase64(continues),
      leftPairs: sorted(leftPairs),
      rightPairs: sorted(rightPairs),
      nameChars: lexicon.nameChars,
      continuePairs: sorted(continuePairs),
      contexts,
    },
    units,
  };
}
