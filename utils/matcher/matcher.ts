/**
 * Finds the dataset's names in text: leftmost-longest, non-overlapping, over text folded one UTF-16
 * unit to one (fold.ts), so a match's offsets are offsets in the original text. Pure: no browser
 * API, so Node tests and benchmarks run it as the content script does.
 *
 * The automaton is the trie compiled by compile.ts (its format: compiled.ts), scanned greedily: at each position it follows
 * the longest name that starts there, then resumes after it. Names are short (a few to a few dozen
 * units), so this costs O(text × longest name) at worst and one table lookup per unit on the usual
 * text that starts no name; and it yields leftmost-longest matches directly, without the selection
 * pass that Aho–Corasick's all-matches output needs. The root's children are a dense table (most
 * units stop there); deeper children are found by binary search among a node's sorted children.
 */

import {
  type CompiledGuards,
  type CompiledMatcher,
  fromBase64,
  LINK_HASHES,
  linkBit,
  MATCHER_FORMAT,
  MATCHER_VERSION,
  NODE_BLOCK_SHIFT,
  REF_EXACT_CASE,
  REF_SHIFT,
  REF_WEAK,
  readInt24,
} from './compiled';
import { foldWidthWith, isLatinAlnum, isUpperLatin, pinyinGlossEnd } from './fold';

export interface Candidate {
  entity: number;
  weak: boolean;
}

export interface Match {
  start: number;
  end: number;
  /** The entities this name may denote (usually one). */
  candidates: Candidate[];
  /**
   * The match's edges run into the words around it (浙江|一家 for 江一, 有求|必应) or a longer name
   * (张鹏|飞): like a weak name, it is marked only when the page corroborates it.
   */
  guarded: boolean;
}

export class Matcher {
  readonly kinds: string;
  readonly datasetVersion: string;
  private readonly familyOf: Map<number, number>;
  /** The link filter (compiled.ts CompiledMatcher.links) and its size in bits, as a power of two. */
  private readonly links: Uint32Array;
  private readonly linkBitCount: number;
  private readonly straddle: Uint32Array;
  private readonly continues: Uint32Array;
  /** The guards as compiled, and their tables, made when a match first needs them. */
  private readonly guards: CompiledGuards;
  private guardTables: GuardTables | null = null;
  /** Name number → "before|after" contexts (few names have any). */
  private readonly contexts: Map<number, string[]>;
  /**
   * Folded unit by raw unit, 0 meaning unchanged: fold.ts's table, for the units the names use and
   * those that fold to them (the compiled foldPairs). Other units fold to no unit of any name, so
   * the walk stops at them either way.
   */
  private readonly fold = new Uint16Array(0x10000);
  /**
   * For each raw UTF-16 unit: the root's child for its folded form, or 0. Root children are
   * numbered from 1, one per distinct folded first unit; over 3,000 units fold to another (fold.ts),
   * so there are fewer than 65,535 of them and 16 bits hold them.
   */
  private readonly rootChild = new Uint16Array(0x10000);
  private readonly units: Uint16Array;
  private readonly childCounts: Uint8Array;
  private readonly wideCounts: Map<number, number>;
  private readonly rootChildren: number;
  /** Where each node's children start (node + 1: where they end); filled a block at a time. */
  private readonly firstChild: Int32Array;
  private readonly terminals: Uint32Array;
  /**
   * Terminal bits before each 32-node word: a name's number is its rank among terminal nodes.
   * Filled a block at a time.
   */
  private readonly terminalRank: Int32Array;
  /** Per block of nodes (compiled.ts NODE_BLOCK_SHIFT): its first child offset and the names before it. */
  private readonly blockBases: Int32Array;
  /** Per block: 1 once fillBlock has filled in its offsets and ranks. */
  private readonly blockReady: Uint8Array;
  /** Signed 24-bit ints (compiled.ts readInt24), read only for the names a scan finds. */
  private readonly nameRefs: Uint8Array;
  private readonly overflow: Uint8Array;
  private readonly exact: Record<string, string>;
  /**
   * One bit per hashed pair of folded units that begins some name. Every name has two units or
   * more, so a position whose next pair is absent starts none: most positions stop here. Sized to
   * the pairs (see the constructor); a pair's bit is its hash's top bits, the rest shifted out.
   */
  private readonly bigrams: Uint32Array;
  private readonly bigramShift: number;
  /** Scratch for the names met on one walk: end offsets and nodes. */
  private readonly walkEnds: number[] = [];
  private readonly walkNodes: number[] = [];
  /**
   * Candidates by name number × 2 + 1 when the text's initial is an upper-case Latin letter, for
   * names with no exact stored form (a weak Latin name's candidates depend on its initial alone).
   */
  private readonly candidateCache = new Map<number, Candidate[]>();

  constructor(compiled: CompiledMatcher) {
    if (compiled.format !== MATCHER_FORMAT || compiled.version !== MATCHER_VERSION) {
      throw new Error('Unknown matcher format');
    }
    this.kinds = compiled.kinds;
    this.datasetVersion = compiled.datasetVersion;
    this.exact = compiled.exact;
    this.familyOf = new Map();
    for (let i = 0; i < compiled.families.length; i += 2) {
      this.familyOf.set(compiled.families[i]!, compiled.families[i + 1]!);
    }
    this.links = new Uint32Array(fromBase64(compiled.links));
    this.linkBitCount = Math.log2(this.links.length * 32);
    const guards = compiled.guards;
    this.straddle = new Uint32Array(fromBase64(guards.straddle));
    this.continues = new Uint32Array(fromBase64(guards.continues));
    this.guards = guards;
    this.contexts = new Map(Object.entries(guards.contexts).map(([name, list]) => [Number(name), list]));
    const count = compiled.nodeCount;
    this.units = new Uint16Array(fromBase64(compiled.units), 0, count);
    this.childCounts = new Uint8Array(fromBase64(compiled.childCounts));
    this.wideCounts = new Map();
    for (let i = 0; i < compiled.wideCounts.length; i += 2)
      this.wideCounts.set(compiled.wideCounts[i]!, compiled.wideCounts[i + 1]!);
    this.rootChildren = compiled.rootChildren;
    this.terminals = new Uint32Array(fromBase64(compiled.terminals));
    this.nameRefs = new Uint8Array(fromBase64(compiled.nameRefs));
    this.overflow = new Uint8Array(fromBase64(compiled.overflow));
    this.blockBases = new Int32Array(fromBase64(compiled.blockBases));
    this.blockReady = new Uint8Array(this.blockBases.length / 2);
    this.firstChild = new Int32Array(count + 1);
    this.terminalRank = new Int32Array(this.blockReady.length << (NODE_BLOCK_SHIFT - 5));
    const foldPairs = new Uint16Array(fromBase64(compiled.foldPairs));
    for (let i = 0; i < foldPairs.length; i += 2) this.fold[foldPairs[i]!] = foldPairs[i + 1]!;

    const firstChild = this.firstChild;
    const rootEnd = 1 + compiled.rootChildren;
    for (let block = 0; block <= rootEnd >>> NODE_BLOCK_SHIFT; block++) this.fillBlock(block);
    const units = this.units;
    // About 64 bits a pair, so that about 1 position in 64 that starts no name passes the filter;
    // from 1 KB (a small dataset's tab need not hold and touch 128 KB) up to 128 KB.
    const pairs = firstChild[rootEnd]! - firstChild[1]!;
    const bits = Math.min(20, Math.max(13, Math.ceil(Math.log2(pairs * 64))));
    this.bigramShift = 32 - bits;
    this.bigrams = new Uint32Array(1 << (bits - 5));
    const bigrams = this.bigrams;
    for (let first = 1; first < rootEnd; first++) {
      const end = firstChild[first + 1]!;
      for (let second = firstChild[first]!; second < end; second++) {
        const bit = bigramBit(units[first]!, units[second]!, this.bigramShift);
        bigrams[bit >>> 5]! |= 1 << (bit & 31);
      }
    }

    // A root child is reached by its own unit and by every unit that folds to it.
    for (let child = 1; child < rootEnd; child++) {
      const unit = units[child]!;
      if (this.fold[unit] === 0) this.rootChild[unit] = child;
    }
    for (let i = 0; i < foldPairs.length; i += 2) {
      const variant = foldPairs[i]!;
      const target = foldPairs[i + 1]!;
      // Only a unit that folds to itself can be a root child's own unit (not one set just above).
      if (this.fold[target] === 0 && this.rootChild[target] !== 0) this.rootChild[variant] = this.rootChild[target]!;
    }
  }

  get entityCount(): number {
    return this.kinds.length;
  }

  /** The number of an entity's topmost ancestor (itself when it has no parent). */
  family(entity: number): number {
    return this.familyOf.get(entity) ?? entity;
  }

  /** Whether a claim links these two entities (one of them with a weak name); rarely true when it does not. */
  linked(a: number, b: number): boolean {
    const links = this.links;
    if (links.length === 0) return false;
    for (let i = 0; i < LINK_HASHES; i++) {
      const bit = linkBit(a, b, i, this.linkBitCount);
      if ((links[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }

  /**
   * Fills in a block's child offsets and name ranks from its bases: a scan reaches few blocks, so
   * a tab does this for the nodes it meets, not for all of them before its first scan.
   */
  private fillBlock(block: number): void {
    const firstChild = this.firstChild;
    const counts = this.childCounts;
    const from = block << NODE_BLOCK_SHIFT;
    const to = Math.min(from + (1 << NODE_BLOCK_SHIFT), this.units.length);
    let next = this.blockBases[block * 2]!;
    for (let node = from; node < to; node++) {
      firstChild[node] = next;
      const children = node === 0 ? this.rootChildren : (counts[node >>> 1]! >>> ((node & 1) * 4)) & 15;
      next += children === 15 ? this.wideCounts.get(node)! : children;
    }
    // The end of the block's last node's children (the next block's first offset, the same value).
    firstChild[to] = next;
    const terminals = this.terminals;
    const rank = this.terminalRank;
    let names = this.blockBases[block * 2 + 1]!;
    const lastWord = Math.min((to + 31) >>> 5, terminals.length);
    for (let word = from >>> 5; word < lastWord; word++) {
      rank[word] = names;
      names += popcount(terminals[word]!);
    }
    this.blockReady[block] = 1;
  }

  private child(node: number, unit: number): number {
    if (this.blockReady[node >>> NODE_BLOCK_SHIFT] === 0) this.fillBlock(node >>> NODE_BLOCK_SHIFT);
    let low = this.firstChild[node]!;
    let high = this.firstChild[node + 1]! - 1;
    const units = this.units;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = units[middle]!;
      if (found === unit) return middle;
      if (found < unit) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  private isTerminal(node: number): boolean {
    return (this.terminals[node >>> 5]! & (1 << (node & 31))) !== 0;
  }

  private nameNumber(node: number): number {
    if (this.blockReady[node >>> NODE_BLOCK_SHIFT] === 0) this.fillBlock(node >>> NODE_BLOCK_SHIFT);
    const word = node >>> 5;
    const below = this.terminals[word]! & ((1 << (node & 31)) - 1);
    return this.terminalRank[word]! + popcount(below);
  }

  /** All matches in `text`, leftmost-longest and non-overlapping, in order. */
  scan(text: string): Match[] {
    const matches: Match[] = [];
    // Three small functions rather than one loop: each is compiled soon and on its own, and the
    // rare paths (glosses, word boundaries) do not throw the hot loop back to the interpreter.
    for (let i = this.nextStart(text, 0); i >= 0; ) {
      const end = this.matchAt(text, i, matches);
      i = this.nextStart(text, end > 0 ? end : i + 1);
    }
    return matches;
  }

  /**
   * The next position from `from` where some name may start, or -1: a unit that begins a name,
   * followed by one that can be its second (the bigram filter). Most units stop at the first test.
   */
  private nextStart(text: string, from: number): number {
    const rootChild = this.rootChild;
    const bigrams = this.bigrams;
    const shift = this.bigramShift;
    const units = this.units;
    const fold = this.fold;
    const last = text.length - 1;
    for (let i = from; i < last; i++) {
      const node = rootChild[text.charCodeAt(i)]!;
      if (node === 0) continue;
      const next = text.charCodeAt(i + 1);
      // A pinyin gloss may stand between a name's first two units; then the filter cannot tell.
      if (next === 0x28 || next === 0xff08) return i;
      const bit = bigramBit(units[node]!, fold[next]! || next, shift);
      if ((bigrams[bit >>> 5]! & (1 << (bit & 31))) !== 0) return i;
    }
    return -1;
  }

  /** Adds the longest name at `start` that keeps its word boundaries and case; returns its end, or 0. */
  private matchAt(text: string, start: number, matches: Match[]): number {
    const units = this.units;
    const fold = this.fold;
    const length = text.length;
    let node = this.rootChild[text.charCodeAt(start)]!;
    const first = units[node]!;
    // A Latin name must start a word.
    if (first < 0x80 && start > 0 && isLatinAlnum(first) && isLatinAlnum(text.charCodeAt(start - 1))) return 0;
    const ends = this.walkEnds;
    const nodes = this.walkNodes;
    ends.length = 0;
    nodes.length = 0;
    let j = start + 1;
    if (this.isTerminal(node)) {
      ends.push(j);
      nodes.push(node);
    }
    while (j < length) {
      const unit = text.charCodeAt(j);
      if (unit === 0x28 || unit === 0xff08) {
        const afterGloss = pinyinGlossEnd(text, j);
        if (afterGloss > 0) {
          j = afterGloss;
          continue;
        }
      }
      node = this.child(node, fold[unit]! || unit);
      if (node === 0) break;
      j++;
      if (this.isTerminal(node)) {
        ends.push(j);
        nodes.push(node);
      }
    }
    for (let t = ends.length - 1; t >= 0; t--) {
      const end = ends[t]!;
      const last = nodes[t]!;
      const lastUnit = units[last]!;
      if (end < length && lastUnit < 0x80 && isLatinAlnum(lastUnit) && isLatinAlnum(text.charCodeAt(end))) continue;
      const name = this.nameNumber(last);
      const candidates = this.candidatesFor(name, text, start, end);
      if (candidates.length === 0) continue;
      matches.push({ start, end, candidates, guarded: this.isGuarded(name, text, start, end) });
      return end;
    }
    return 0;
  }

  /** Whether the name found at text[start, end) runs into the words around it (see Match.guarded). */
  private isGuarded(name: number, text: string, start: number, end: number): boolean {
    const word = name >>> 5;
    const bit = 1 << (name & 31);
    const straddles = (this.straddle[word]! & bit) !== 0;
    const continues = (this.continues[word]! & bit) !== 0;
    const contexts = this.contexts.get(name);
    // Most names need no guard (longer names, Latin ones): no neighbour is read for them.
    if (!straddles && !continues && !contexts) return false;
    this.guardTables ??= guardTables(this.guards);
    const tables = this.guardTables;
    const fold = this.fold;
    const first = fold[text.charCodeAt(start)]! || text.charCodeAt(start);
    const last = fold[text.charCodeAt(end - 1)]! || text.charCodeAt(end - 1);
    const before = start > 0 ? fold[text.charCodeAt(start - 1)]! || text.charCodeAt(start - 1) : -1;
    const after = end < text.length ? fold[text.charCodeAt(end)]! || text.charCodeAt(end) : -1;
    if (straddles) {
      if (before >= 0 && hasPair(tables.leftPairs, before, first)) return true;
      if (after >= 0 && hasPair(tables.rightPairs, last, after)) return true;
    }
    if (continues && after >= 0 && tables.nameChars.has(after)) {
      // Unless the character starts a common word with the next (周畅|加入).
      const next = end + 1 < text.length ? fold[text.charCodeAt(end + 1)]! || text.charCodeAt(end + 1) : -1;
      if (next < 0 || !hasPair(tables.continuePairs, after, next)) return true;
    }
    if (contexts) {
      for (const context of contexts) {
        const bar = context.indexOf('|');
        if (
          foldedAt(fold, text, start - bar, context, 0, bar) &&
          foldedAt(fold, text, end, context, bar + 1, context.length)
        ) {
          return true;
        }
      }
    }
    return false;
  }

  /** The entities a name found at text[start, end) may denote. Shared arrays: callers must not change them. */
  private candidatesFor(name: number, text: string, start: number, end: number): Candidate[] {
    // A weak Latin name with no stored form depends on its initial's case alone: cached by both.
    const key = name * 2 + (isUpperLatin(text.charCodeAt(start)) ? 1 : 0);
    const cached = this.candidateCache.get(key);
    if (cached) return cached;
    const first = readInt24(this.nameRefs, name);
    const refs = first >= 0 ? [first] : overflowRefs(this.overflow, -first - 1);
    const candidates: Candidate[] = [];
    let formMatters = false;
    for (const ref of refs) {
      const entity = ref >>> REF_SHIFT;
      if (ref & REF_EXACT_CASE) {
        const form = this.exact[`${name}:${entity}`];
        if (form !== undefined) formMatters = true;
        const matches =
          form === undefined
            ? isUpperLatin(text.charCodeAt(start))
            : foldWidthWith(this.fold, text, start, end) === form;
        if (!matches) continue;
      }
      candidates.push({ entity, weak: (ref & REF_WEAK) !== 0 });
    }
    if (!formMatters) this.candidateCache.set(key, candidates);
    return candidates;
  }
}

/**
 * The guards' pairs of units (before << 16 | after, sorted, found by binary search: no allocation
 * per lookup) and name characters: asked a few times a match.
 */
interface GuardTables {
  leftPairs: Uint32Array;
  rightPairs: Uint32Array;
  nameChars: Set<number>;
  continuePairs: Uint32Array;
}

function guardTables(guards: CompiledGuards): GuardTables {
  return {
    leftPairs: new Uint32Array(fromBase64(guards.leftPairs)),
    rightPairs: new Uint32Array(fromBase64(guards.rightPairs)),
    nameChars: new Set([...guards.nameChars].map((char) => char.charCodeAt(0))),
    continuePairs: new Uint32Array(fromBase64(guards.continuePairs)),
  };
}

/** Whether a sorted Uint32Array holds the pair (before, after). */
function hasPair(pairs: Uint32Array, before: number, after: number): boolean {
  const value = before * 0x10000 + after;
  let low = 0;
  let high = pairs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = pairs[middle]!;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Whether text, folded, holds pattern[from, to) at `at` (false when it would run off either end). */
function foldedAt(fold: Uint16Array, text: string, at: number, pattern: string, from: number, to: number): boolean {
  if (at < 0 || at + (to - from) > text.length) return false;
  for (let k = from; k < to; k++) {
    const unit = text.charCodeAt(at + k - from);
    if ((fold[unit]! || unit) !== pattern.charCodeAt(k)) return false;
  }
  return true;
}

/** The refs of a name with several: the count at `at`, then the refs. */
function overflowRefs(overflow: Uint8Array, at: number): number[] {
  const refs: number[] = [];
  const count = readInt24(overflow, at);
  for (let k = 1; k <= count; k++) refs.push(readInt24(overflow, at + k));
  return refs;
}

/** The bit for a pair of folded units in a bigram filter of 2^(32 - shift) bits. */
function bigramBit(first: number, second: number, shift: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> shift;
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
