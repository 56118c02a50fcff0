/**
 * Script conversion for the data build, with OpenCC's phrase-aware converters (opencc-js).
 * The content script does not use this: it folds text character by character (utils/matcher/fold.ts).
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const taiwanToSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Simplified form of a text in either script. */
export function simplify(text: string): string {
  return taiwanToSimplified(toSimplified(text));
}

/** The Traditional forms a reader may meet (OpenCC standard, Taiwan, Hong Kong), deduplicated. */
export function traditionalForms(text: string): string[] {
  const simplified = simplify(text);
  return [...new Set([toTraditional(simplified), toTaiwan(simplified), toHongKong(simplified)])];
}

/** For comparisons in checks: Simplified, lower-case, whitespace collapsed. */
export function foldForComparison(text: string): string {
  return simplify(text).toLowerCase().replace(/\s+/gu, ' ').trim();
}
