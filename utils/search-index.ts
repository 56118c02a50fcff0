/**
 * Searches the dataset's names as the user types: any alias in either script (周暢 finds 周畅),
 * English case-insensitively, pinyin in full or by initials (zhouchang, zc), and small typos in
 * Latin names. Ranked: exact name, then prefix, then substring, then fuzzy; ties go to the entity
 * the dataset knows most about. Pure (pinyin from pinyin-pro), built once in the background.
 */
import { pinyin } from 'pinyin-pro';
import type { Entity } from '@/data/format/schema';
import { foldText } from './matcher/fold';
import type { MatchKind } from './protocol';

export interface SearchHit {
  entity: number;
  /** The name that matched, as the dataset writes it, and where in it the query matched. */
  name: string;
  start: number;
  end: number;
  match: MatchKind;
  /** Whether the name matched is a pinyin reading (the highlight then covers the whole name). */
  viaPinyin: boolean;
}

interface Term {
  /** Folded text searched. */
  key: string;
  entity: number;
  /** The name shown for this term. */
  name: string;
  viaPinyin: boolean;
}

const RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, substring: 2, fuzzy: 3 };
const HAN = /\p{Script=Han}/u;
const LATIN_QUERY = /^[a-z0-9 .'-]+$/;

/** Folded and without spaces and middle dots: how names and queries are compared. */
export function normaliseForSearch(text: string): string {
  return foldText(text).replace(/[\s·\-_.']+/g, '');
}

export class SearchIndex {
  private readonly terms: Term[] = [];
  /** Term indexes sorted by key, for prefix ranges by binary search. */
  private readonly sorted: number[];
  /** Folded key → term indexes, for exact hits. */
  private readonly exact = new Map<string, number[]>();
  /** Two-unit grams → term indexes, for substrings and fuzzy candidates. */
  private readonly grams = new Map<string, number[]>();

  /** `weight` ranks equal matches: the number of claims about each entity, say. */
  constructor(
    readonly entities: Pick<Entity, 'name' | 'nameEn' | 'aliases' | 'kind'>[],
    private readonly weight: (entity: number) => number = () => 0,
  ) {
    entities.forEach((entity, index) => {
      const names = new Set([
        entity.name,
        ...(entity.nameEn ? [entity.nameEn] : []),
        ...entity.aliases.map((a) => a.text),
      ]);
      for (const name of names) {
        this.addTerm(normaliseForSearch(name), index, name, false);
        if (HAN.test(name)) {
          const syllables = pinyin(name, {
            toneType: 'none',
            type: 'array',
            nonZh: 'removed',
            ...(entity.kind === 'person' ? { surname: 'head' as const } : {}),
          }).filter((syllable) => /^[a-zü]+$/.test(syllable));
          if (syllables.length > 0) {
            this.addTerm(syllables.join('').replace(/ü/g, 'v'), index, name, true);
            if (syllables.length > 1) this.addTerm(syllables.map((s) => s[0]).join(''), index, name, true);
          }
        }
      }
    });
    this.sorted = this.terms.map((_, index) => index).sort((a, b) => compare(this.terms[a]!.key, this.terms[b]!.key));
  }

  private addTerm(key: string, entity: number, name: string, viaPinyin: boolean): void {
    if (!key) return;
    const index = this.terms.length;
    this.terms.push({ key, entity, name, viaPinyin });
    push(this.exact, key, index);
    for (const gram of new Set(gramsOf(key))) push(this.grams, gram, index);
  }

  search(query: string, limit = 20): SearchHit[] {
    const key = normaliseForSearch(query.trim());
    if (!key) return [];
    const best = new Map<number, { hit: SearchHit; rank: number }>();
    const offer = (term: number, match: MatchKind, at: number, length: number) => {
      const { entity, name, viaPinyin } = this.terms[term]!;
      // Highlight within the name as written; a pinyin match highlights the whole name.
      const inName = viaPinyin ? -1 : locate(name, at);
      const hit: SearchHit = {
        entity,
        name,
        start: inName >= 0 ? inName : 0,
        end: inName >= 0 ? endOf(name, inName, length) : name.length,
        match,
        viaPinyin,
      };
      const rank = RANK[match] * 2 + (viaPinyin ? 1 : 0);
      const previous = best.get(entity);
      if (!previous || rank < previous.rank) best.set(entity, { hit, rank });
    };

    for (const term of this.exact.get(key) ?? []) offer(term, 'exact', 0, key.length);
    for (const term of this.prefixRange(key)) offer(term, 'prefix', 0, key.length);
    // Substring and fuzzy hits rank below every exact and prefix hit: with `limit` entities found
    // already, none of them could be shown, and on a short query they are most of the work.
    if (best.size >= limit) {
      // Nothing more to look for.
    } else if (key.length >= 2) {
      for (const term of this.containing(key)) {
        const at = this.terms[term]!.key.indexOf(key);
        if (at > 0) offer(term, 'substring', at, key.length);
      }
    } else {
      // One unit: substrings of short names only (prefixes are already in).
      for (const term of this.grams.get(key) ?? []) {
        const at = this.terms[term]!.key.indexOf(key);
        if (at > 0) offer(term, 'substring', at, 1);
      }
    }
    if (best.size < limit && key.length >= 4 && LATIN_QUERY.test(key)) {
      for (const term of this.fuzzyCandidates(key)) offer(term, 'fuzzy', 0, this.terms[term]!.key.length);
    }
    return [...best.values()]
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          this.weight(b.hit.entity) - this.weight(a.hit.entity) ||
          a.hit.name.length - b.hit.name.length,
      )
      .slice(0, limit)
      .map(({ hit }) => hit);
  }

  /** Terms whose key starts with `key`, in key order (at most a few hundred). */
  private prefixRange(key: string): number[] {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.terms[this.sorted[middle]!]!.key, key) < 0) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let i = low; i < this.sorted.length && found.length < 500; i++) {
      const term = this.sorted[i]!;
      if (!this.terms[term]!.key.startsWith(key)) break;
      found.push(term);
    }
    return found;
  }

  /** Terms containing `key` (two units or more), via the rarest of its grams. */
  private containing(key: string): number[] {
    let rarest: number[] | undefined;
    for (const gram of gramsOf(key)) {
      const list = this.grams.get(gram);
      if (!list) return [];
      if (!rarest || list.length < rarest.length) rarest = list;
    }
    return (rarest ?? []).filter((term) => this.terms[term]!.key.includes(key));
  }

  /** Latin terms within a small edit distance of `key`: one edit up to 7 letters, two beyond. */
  private fuzzyCandidates(key: string): number[] {
    const allowed = key.length <= 7 ? 1 : 2;
    const grams = [...new Set(gramsOf(key))];
    // Each edit destroys at most two grams, so a match shares at least `needed` of them. Counting
    // in a typed array keeps this to one increment per posting, however common the grams are.
    const needed = Math.max(1, grams.length - 2 * allowed);
    const shared = new Uint8Array(this.terms.length);
    const touched: number[] = [];
    for (const gram of grams) {
      for (const term of this.grams.get(gram) ?? []) {
        const count = shared[term]!;
        if (count === 0) touched.push(term);
        shared[term] = count + 1;
      }
    }
    const found: number[] = [];
    for (const term of touched) {
      if (shared[term]! < needed) continue;
      const candidate = this.terms[term]!.key;
      if (Math.abs(candidate.length - key.length) > allowed) continue;
      if (allowed === 1 ? withinOneEdit(key, candidate) : editDistance(key, candidate, allowed) <= allowed) {
        found.push(term);
      }
    }
    return found;
  }
}

function gramsOf(key: string): string[] {
  if (key.length < 2) return [key];
  const grams: string[] = [];
  for (let i = 0; i + 2 <= key.length; i++) grams.push(key.slice(i, i + 2));
  return grams;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where the `at`-th normalised unit of `name` stands in `name` itself. Normalising drops spaces and
 * dots, so offsets in the key and in the name differ for multi-word names.
 */
function locate(name: string, at: number): number {
  let seen = 0;
  for (let i = 0; i < name.length; i++) {
    if (/[\s·\-_.']/.test(name[i]!)) continue;
    if (seen === at) return i;
    seen++;
  }
  return -1;
}

function endOf(name: string, start: number, length: number): number {
  let seen = 0;
  for (let i = start; i < name.length; i++) {
    if (/[\s·\-_.']/.test(name[i]!)) continue;
    seen++;
    if (seen === length) return i + 1;
  }
  return name.length;
}

/** Whether one substitution, insertion or deletion at most turns `a` into `b` (no allocation). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Levenshtein distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
