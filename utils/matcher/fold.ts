/**
 * Folds text one UTF-16 unit to one, so that an offset in the folded text is the same offset in
 * the page's text: Traditional → Simplified (OpenCC's character tables), full-width → half-width,
 * Latin upper → lower case, and the middle-dot variants of transliterated names (· • ‧ ・) → ·.
 *
 * Hand-written because OpenCC's converters work on phrases and may change a text's length; a
 * matcher that maps offsets back to DOM ranges needs a pure per-unit table.
 */
import { FOLD_PAIRS } from './fold-pairs.generated';

export const MIDDLE_DOT = 0x00b7;
const MIDDLE_DOTS = [0x00b7, 0x2022, 0x2027, 0x30fb, 0xff65, 0x22c5, 0x2219, 0x0387, 0x16eb, 0x2e31];

interface FoldTables {
  table: Uint16Array;
  /** Every unit that folds to another unit. */
  folded: Uint16Array;
}

function buildTables(): FoldTables {
  // Zero means "folds to itself": a fresh array is all zeros, so only the few thousand units
  // that change are written: filling 65,536 identity entries would cost every content script.
  const table = new Uint16Array(0x10000);
  const folded: number[] = [];
  const set = (from: number, to: number) => {
    if (from === to) return;
    if (table[from] === 0) folded.push(from);
    table[from] = to;
  };
  // OpenCC's Traditional → Simplified characters, read from the generated pairs (data/fold-pairs.ts).
  for (let i = 0; i < FOLD_PAIRS.length; i += 2) set(FOLD_PAIRS.charCodeAt(i), FOLD_PAIRS.charCodeAt(i + 1));
  for (let unit = 0xff01; unit <= 0xff5e; unit++) set(unit, unit - 0xfee0); // full-width ASCII
  set(0x3000, 0x20); // ideographic space
  set(0xa0, 0x20); // no-break space
  for (let unit = 0x41; unit <= 0x5a; unit++) set(unit, unit + 0x20); // A-Z
  for (let unit = 0xff21; unit <= 0xff3a; unit++) set(unit, unit - 0xfee0 + 0x20); // Ａ-Ｚ
  for (const dot of MIDDLE_DOTS) set(dot, MIDDLE_DOT);
  return { table, folded: Uint16Array.from(folded) };
}

let cached: FoldTables | undefined;

/**
 * The fold table: `table[unit] || unit` is the unit folded (zero means unchanged). Built once per
 * context, in a fraction of a millisecond.
 */
export function foldTable(): Uint16Array {
  cached ??= buildTables();
  return cached.table;
}

/** Every unit that folds to a different unit (Traditional forms, full-width and upper-case letters…). */
export function foldedUnits(): Uint16Array {
  cached ??= buildTables();
  return cached.folded;
}

/** Folds a whole string (same length as the input). */
export function foldText(text: string): string {
  const table = foldTable();
  let i = 0;
  // Most names (Simplified Chinese, lower-case Latin) fold to themselves: no new string then.
  while (i < text.length && table[text.charCodeAt(i)] === 0) i++;
  if (i === text.length) return text;
  const units: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const unit = text.charCodeAt(k);
    units.push(table[unit] || unit);
  }
  // In chunks: a call takes a bounded number of arguments.
  let out = '';
  for (let at = 0; at < units.length; at += 8192) out += String.fromCharCode(...units.slice(at, at + 8192));
  return out;
}

/** Like foldText but keeps Latin case: for acronyms that must match exactly (FAIR is not fair). */
export function foldWidth(text: string): string {
  return foldWidthWith(foldTable(), text, 0, text.length);
}

/** foldWidth of text[start, end) with a given fold table (the matcher carries a compact one). */
export function foldWidthWith(table: Uint16Array, text: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const folded = table[unit] || unit;
    out += String.fromCharCode(isUpperLatin(unit) ? folded - 0x20 : folded);
  }
  return out;
}

/**
 * Whether a unit is a Latin letter or digit, half- or full-width: the same answer for a unit and
 * its folded form, so word boundaries can be read off the raw text.
 */
export function isLatinAlnum(unit: number): boolean {
  if (unit < 0x80)
    return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a);
  return (unit >= 0xff10 && unit <= 0xff19) || (unit >= 0xff21 && unit <= 0xff3a) || (unit >= 0xff41 && unit <= 0xff5a);
}

/** Whether a unit is an upper-case Latin letter, half- or full-width. */
export function isUpperLatin(unit: number): boolean {
  return (unit >= 0x41 && unit <= 0x5a) || (unit >= 0xff21 && unit <= 0xff3a);
}

/** Pinyin's tone-marked vowels (a string, not a RegExp: a content script would compile one per page). */
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü';

/**
 * Where a pinyin gloss such as "(zhàn)" that starts at `index` ends (the index after ")"), or -1.
 * Some pages carry these after characters, even inside words (戰(zhàn), F(xiàn)acebook); the
 * matcher reads through them. Only parenthesised lower-case Latin with a tone mark counts.
 */
export function pinyinGlossEnd(text: string, index: number): number {
  const open = text.charCodeAt(index);
  if (open !== 0x28 && open !== 0xff08) return -1;
  let toned = false;
  for (let i = index + 1; i < text.length && i <= index + 8; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x29 || unit === 0xff09) return toned && i > index + 1 ? i + 1 : -1;
    if (unit >= 0x61 && unit <= 0x7a) continue;
    if (!TONED.includes(text[i]!)) return -1;
    toned = true;
  }
  return -1;
}
