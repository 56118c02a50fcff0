/**
 * Finds the dataset's names in text: leftmost-longest, non-overlapping, over text folded one UTF-16
 * unit to one (fold.ts), so a match's offsets are offsets in the original text. Pure: no browser
 * API, so Node tests and benchmarks run it as the content script does.
 *
 * The automaton is a trie over the folded names, scanned greedily: at each position it follows the
 * longest name that starts there, then resumes after it. Names are short (a few to a few dozen
 * units), so this costs O(text × longest name) at worst and one table lookup per unit on the usual
 * text that starts no name; it needs no separate selection pass to get leftmost-longest matches,
 * which Aho–Corasick's all-matches output would. The root's children are a dense table (most units
 * stop there); deeper edges live in an open-addressing hash keyed by (state, unit).
 */
import { foldTable, foldWidth, isLatinAlnum, pinyinGlossEnd } from './fold';
import { MATCHER_FORMAT, type MatcherSource, REF_EXACT_CASE, REF_SHIFT, REF_WEAK } from './source';

export interface Candidate {
  entity: number;
  weak: boolean;
}

export interface Match {
  start: number;
  end: number;
  /** The entities this name may denote (usually one). */
  candidates: Candidate[];
}

export class Matcher {
  readonly ids: string[];
  readonly kinds: string;
  readonly families: Int32Array;
  readonly datasetVersion: string;
  private readonly fold = foldTable();
  private readonly rootChild = new Int32Array(0x10000);
  private readonly edgeState: Int32Array;
  private readonly edgeUnit: Uint16Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  /** key index + 1 at a node that ends a name, else 0. */
  private readonly terminal: Int32Array;
  /** 1 for a key ending in a Latin letter or digit: it needs a word boundary after it. */
  private readonly keyLatinEnd: Uint8Array;
  private readonly refStart: Int32Array;
  private readonly refs: Int32Array;
  private readonly exact: Map<number, string>;
  /** Scratch for the terminals met on one walk. */
  private readonly walkEnds: number[] = [];
  private readonly walkKeys: number[] = [];

  constructor(source: MatcherSource) {
    if (source.format !== MATCHER_FORMAT || source.version !== 1) throw new Error('Unknown matcher format');
    this.ids = source.ids;
    this.kinds = source.kinds;
    this.families = Int32Array.from(source.families);
    this.datasetVersion = source.datasetVersion;
    this.refStart = Int32Array.from(source.refStart);
    this.refs = Int32Array.from(source.refs);
    this.exact = new Map(Object.entries(source.exact).map(([ref, text]) => [Number(ref), text]));

    const { keys } = source;
    let units = 0;
    let longest = 0;
    for (const key of keys) {
      units += key.length;
      longest = Math.max(longest, key.length);
    }
    const capacity = units + 1;
    this.terminal = new Int32Array(capacity);
    this.keyLatinEnd = new Uint8Array(keys.length);
    let size = 1;
    while (size < units * 2) size <<= 1;
    this.edgeMask = size - 1;
    this.edgeState = new Int32Array(size);
    this.edgeUnit = new Uint16Array(size);
    this.edgeChild = new Int32Array(size);

    // Keys are sorted, so each shares a prefix with the previous one: reuse that path, add the rest.
    const path = new Int32Array(longest + 1);
    let previous = '';
    let nodes = 1;
    keys.forEach((key, index) => {
      let common = 0;
      while (
        common < key.length &&
        common < previous.length &&
        key.charCodeAt(common) === previous.charCodeAt(common)
      ) {
        common++;
      }
      let state = path[common]!;
      for (let i = common; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        const child = nodes++;
        if (state === 0) this.rootChild[unit] = child;
        else this.insertEdge(state, unit, child);
        state = child;
        path[i + 1] = state;
      }
      this.terminal[state] = index + 1;
      this.keyLatinEnd[index] = isLatinAlnum(key.charCodeAt(key.length - 1)) ? 1 : 0;
      previous = key;
    });
  }

  static fromSource(source: MatcherSource): Matcher {
    return new Matcher(source);
  }

  get entityCount(): number {
    return this.ids.length;
  }

  private insertEdge(state: number, unit: number, child: number): void {
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.edgeMask;
    while (this.edgeChild[slot] !== 0) slot = (slot + 1) & this.edgeMask;
    this.edgeState[slot] = state;
    this.edgeUnit[slot] = unit;
    this.edgeChild[slot] = child;
  }

  private child(state: number, unit: number): number {
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.edgeMask;
    for (;;) {
      const child = this.edgeChild[slot]!;
      if (child === 0) return 0;
      if (this.edgeState[slot] === state && this.edgeUnit[slot] === unit) return child;
      slot = (slot + 1) & this.edgeMask;
    }
  }

  /** All matches in `text`, leftmost-longest and non-overlapping, in order. */
  scan(text: string): Match[] {
    const matches: Match[] = [];
    const fold = this.fold;
    const length = text.length;
    const ends = this.walkEnds;
    const keys = this.walkKeys;
    let i = 0;
    while (i < length) {
      const first = fold[text.charCodeAt(i)]!;
      let state = this.rootChild[first]!;
      if (state === 0 || (isLatinAlnum(first) && i > 0 && isLatinAlnum(fold[text.charCodeAt(i - 1)]!))) {
        i++;
        continue;
      }
      ends.length = 0;
      keys.length = 0;
      let j = i + 1;
      if (this.terminal[state]) {
        ends.push(j);
        keys.push(this.terminal[state]! - 1);
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
        state = this.child(state, fold[unit]!);
        if (state === 0) break;
        j++;
        if (this.terminal[state]) {
          ends.push(j);
          keys.push(this.terminal[state]! - 1);
        }
      }
      // The longest name that fits its word boundaries and case wins.
      let matched = false;
      for (let t = ends.length - 1; t >= 0; t--) {
        const end = ends[t]!;
        const key = keys[t]!;
        if (end < length && this.keyLatinEnd[key] && isLatinAlnum(fold[text.charCodeAt(end)]!)) continue;
        const candidates = this.candidatesFor(key, text, i, end);
        if (candidates.length === 0) continue;
        matches.push({ start: i, end, candidates });
        i = end;
        matched = true;
        break;
      }
      if (!matched) i++;
    }
    return matches;
  }

  private candidatesFor(key: number, text: string, start: number, end: number): Candidate[] {
    const candidates: Candidate[] = [];
    for (let r = this.refStart[key]!; r < this.refStart[key + 1]!; r++) {
      const ref = this.refs[r]!;
      if (ref & REF_EXACT_CASE && foldWidth(text.slice(start, end)) !== this.exact.get(r)) continue;
      candidates.push({ entity: ref >>> REF_SHIFT, weak: (ref & REF_WEAK) !== 0 });
    }
    return candidates;
  }
}
