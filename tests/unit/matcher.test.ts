import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Entity, MAX_DATASET_ENTITIES } from '@/data/format/schema';
import { compileMatcher } from '@/utils/matcher/compile';
import { MAX_ENTITIES, NODE_BLOCK_SHIFT } from '@/utils/matcher/compiled';
import { foldedUnits, foldTable, foldText, foldWidth, isLatinAlnum, pinyinGlossEnd } from '@/utils/matcher/fold';
import { Matcher } from '@/utils/matcher/matcher';
import { entity } from './fixtures';

const ENTITIES: Entity[] = [
  entity('person:zhou-chang', '周畅', { nameEn: 'Zhou Chang' }),
  entity('org:bytedance', '字节跳动', {
    nameEn: 'ByteDance',
    aliases: [{ text: '字节', lang: 'zh-Hans', weak: true, origin: 'source' }],
  }),
  entity('org:bytedance-seed', 'Seed', { nameWeak: true, parent: 'org:bytedance' }),
  entity('org:alibaba', '阿里巴巴', { aliases: [{ text: '阿里', lang: 'zh-Hans', weak: true, origin: 'source' }] }),
  entity('org:alibaba-cloud', '阿里云', { parent: 'org:alibaba' }),
  entity('org:meta', 'Meta', { nameWeak: true, aliases: [{ text: 'Facebook', lang: 'en', origin: 'source' }] }),
  entity('org:fair', 'FAIR', { parent: 'org:meta' }),
  entity('person:armand-joulin', '阿曼德·朱林', { nameEn: 'Armand Joulin' }),
  entity('model:gpt', 'GPT', { aliases: [{ text: 'GPT-4', lang: 'en', origin: 'source' }] }),
];

const matcher = new Matcher(compileMatcher(ENTITIES, 'test'));
const ids = ENTITIES.map((entity) => entity.id);

/** The matched texts with the ids of their candidates. */
function found(text: string): string[] {
  return matcher
    .scan(text)
    .map(
      (m) => `${text.slice(m.start, m.end)}=${m.candidates.map((c) => ids[c.entity] + (c.weak ? '?' : '')).join('|')}`,
    );
}

describe('folding', () => {
  it('keeps the length and folds script, width, case and middle dots', () => {
    const text = '周暢 吳媽 ＡＢＣ Meta 阿曼德‧朱林 阿曼德・朱林 為裡';
    const folded = foldText(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('周畅 吴妈 abc meta 阿曼德·朱林 阿曼德·朱林 为里');
    // A text with nothing to fold is returned as it is; a long one folds whole.
    expect(foldText('周畅加入字节')).toBe('周畅加入字节');
    expect(foldText('周暢'.repeat(50_000))).toBe('周畅'.repeat(50_000));
  });

  it('recognises pinyin glosses only', () => {
    expect(pinyinGlossEnd('戰(zhàn)爭', 1)).toBe(7);
    expect(pinyinGlossEnd('安（ān）', 1)).toBe(5);
    expect(pinyinGlossEnd('阿里(Qwen)', 2)).toBe(-1);
    expect(pinyinGlossEnd('(abc)', 0)).toBe(-1);
  });

  it('folds thousands of units away, so names start with fewer than 65,535 units (the root-child table is 16-bit)', () => {
    expect(foldedUnits().length).toBeGreaterThan(3000);
  });
});

describe('matching', () => {
  it('finds names in Simplified and Traditional script with offsets into the original text', () => {
    const text = '隨著周暢(原通義千問大模型技術負責人)離職';
    const [match] = matcher.scan(text);
    expect(match).toMatchObject({ start: 2, end: 4 });
    expect(text.slice(match!.start, match!.end)).toBe('周暢');
  });

  it('prefers the longest name at the leftmost position and never overlaps', () => {
    expect(found('阿里巴巴和阿里云')).toEqual(['阿里巴巴=org:alibaba', '阿里云=org:alibaba-cloud']);
    expect(found('字节跳动的字节')).toEqual(['字节跳动=org:bytedance', '字节=org:bytedance?']);
  });

  it('matches Latin names case-insensitively, on word boundaries only', () => {
    expect(found('bytedance and BYTEDANCE')).toEqual(['bytedance=org:bytedance', 'BYTEDANCE=org:bytedance']);
    expect(found('metadata and the Metaverse')).toEqual([]);
    expect(found('seeded, seeds, Seed')).toEqual(['Seed=org:bytedance-seed?']);
    expect(found('Meta在AI')).toEqual(['Meta=org:meta?']);
  });

  it('groups names that fold to one key: weak or exact only if every such name of the entity is', () => {
    const grouped = [
      entity('person:zhou-chang', '周畅', {
        nameWeak: true,
        aliases: [{ text: '周暢', lang: 'zh-Hant', origin: 'source' }],
      }),
      entity('org:ssi', 'SSI', { aliases: [{ text: 'ＳＳＩ', lang: 'en', origin: 'source' }] }),
      entity('org:fair', 'FAIR', { aliases: [{ text: 'Fair', lang: 'en', origin: 'source' }] }),
      entity('org:zhou-chang-studio', 'Zhou Chang', { nameWeak: true }),
      entity('person:zhou-chang-2', 'ZHOU CHANG'),
    ];
    const compiled = new Matcher(compileMatcher(grouped, 'grouped'));
    const seen = (text: string) =>
      compiled.scan(text).map((m) => m.candidates.map((c) => grouped[c.entity]!.id + (c.weak ? '?' : '')).join('|'));
    // A weak Simplified name and a strong Traditional one of the same entity: strong.
    expect(seen('周畅')).toEqual(['person:zhou-chang']);
    // Two acronym forms: still matched by case; an acronym and a plain word: any case.
    expect(seen('ssi SSI ＳＳＩ')).toEqual(['org:ssi', 'org:ssi']);
    expect(seen('fair')).toEqual(['org:fair']);
    // One key, two entities: each with its own flags and case rule (an acronym is matched as
    // written; a weak Latin name with its capital).
    expect(seen('Zhou Chang')).toEqual(['org:zhou-chang-studio?']);
    expect(seen('ZHOU CHANG')).toEqual(['org:zhou-chang-studio?|person:zhou-chang-2']);
    expect(seen('zhou chang')).toEqual([]);
  });

  it('matches acronyms with their case: FAIR is not fair', () => {
    expect(found('a fair deal at FAIR')).toEqual(['FAIR=org:fair']);
  });

  it('falls back to a shorter name when the longer one breaks a word boundary', () => {
    expect(found('GPT-4o')).toEqual(['GPT=model:gpt']);
    expect(found('GPT-4 and GPT-3')).toEqual(['GPT-4=model:gpt', 'GPT=model:gpt']);
  });

  it('matches full-width Latin and any middle-dot variant', () => {
    expect(found('ＢｙｔｅＤａｎｃｅ')).toEqual(['ＢｙｔｅＤａｎｃｅ=org:bytedance']);
    expect(found('阿曼德•朱林、阿曼德・朱林')).toEqual([
      '阿曼德•朱林=person:armand-joulin',
      '阿曼德・朱林=person:armand-joulin',
    ]);
  });

  it('reads through pinyin glosses inside a name', () => {
    expect(found('F(xiàn)acebook的RoBERTa')).toEqual(['F(xiàn)acebook=org:meta']);
    expect(found('字節(jié)跳動(dòng)')).toEqual(['字節(jié)跳動=org:bytedance']);
  });

  it('matches multi-word English names across a no-break space', () => {
    expect(found('Zhou\u00a0Chang joined')).toEqual(['Zhou\u00a0Chang=person:zhou-chang']);
  });

  it('reports the family of each entity (its topmost ancestor)', () => {
    const seed = ids.indexOf('org:bytedance-seed');
    expect(ids[matcher.family(seed)]).toBe('org:bytedance');
  });

  it('handles empty text and text with no names', () => {
    expect(matcher.scan('')).toEqual([]);
    expect(matcher.scan('今天天气很好。')).toEqual([]);
  });
});

describe('the compiled form', () => {
  it('handles a node with hundreds of children (wide count) and names shared by several entities', () => {
    const many: Entity[] = [];
    for (let i = 0; i < 300; i++) many.push(entity(`person:wang-${i}`, `王${String.fromCharCode(0x4e00 + i)}`));
    many.push(
      entity('org:a', '星云科技', { aliases: [{ text: '星云', lang: 'zh-Hans', weak: true, origin: 'knowledge' }] }),
    );
    many.push(
      entity('org:b', '星云资本', { aliases: [{ text: '星云', lang: 'zh-Hans', weak: true, origin: 'knowledge' }] }),
    );
    const compiled = compileMatcher(many, 'wide');
    expect(compiled.wideCounts.length).toBeGreaterThan(0);
    const wide = new Matcher(JSON.parse(JSON.stringify(compiled)));
    const manyIds = many.map((e) => e.id);
    const text = `${String.fromCharCode(0x4e00 + 299)}王${String.fromCharCode(0x4e00 + 299)}和王${String.fromCharCode(0x4e00 + 7)}`;
    expect(wide.scan(text).map((m) => manyIds[m.candidates[0]!.entity])).toEqual(['person:wang-299', 'person:wang-7']);
    const shared = wide.scan('星云的新闻');
    expect(shared).toHaveLength(1);
    expect(shared[0]!.candidates.map((c) => manyIds[c.entity]).sort()).toEqual(['org:a', 'org:b']);
    expect(shared[0]!.candidates.every((c) => c.weak)).toBe(true);
  });

  it('finds every name of a dataset spanning many node blocks, whichever block a scan reaches first', () => {
    // 20,000 names of two to five units: hundreds of blocks of nodes, each filled in when first
    // reached; and entity numbers past 2^14, whose refs need all three bytes.
    const many: Entity[] = [];
    for (let i = 0; i < 20_000; i++) {
      const units = Array.from(
        { length: 2 + (i % 4) },
        (_, k) => 0x4e00 + (Math.imul(i * 8 + k + 1, 0x9e3779b1) >>> 20),
      );
      many.push(entity(`person:p${i}`, String.fromCharCode(...units)));
    }
    const compiled = compileMatcher(many, 'blocks');
    expect(compiled.nodeCount).toBeGreaterThan(100 << NODE_BLOCK_SHIFT);
    const stored = JSON.parse(JSON.stringify(compiled));
    const shared = new Matcher(stored);
    // From the last entity to the first, so blocks fill in an order unlike the layout's; and now
    // and then on a fresh matcher, where the name's blocks are the only ones filled in.
    for (let i = many.length - 1; i >= 0; i--) {
      const name = many[i]!.name;
      // Alone, the name's last node is never a parent the walk asks for children.
      const text = i % 100 === 0 ? name : `「${name}」`;
      const [match] = (i % 100 === 0 ? new Matcher(stored) : shared).scan(text);
      expect(match && text.slice(match.start, match.end)).toBe(name);
      expect(match!.candidates.map((c) => many[c.entity]!.name)).toContain(name);
    }
  });

  it('holds every entity a valid dataset may have', () => {
    expect(MAX_DATASET_ENTITIES).toBeLessThanOrEqual(MAX_ENTITIES);
  });

  it('says how many entities it can hold when a dataset has more', () => {
    const tooMany = Object.assign([], { length: MAX_ENTITIES + 1 }) as Entity[];
    expect(() => compileMatcher(tooMany, 'huge')).toThrow(/at most 2097152 entities; this dataset has 2097153/);
  });

  it('survives a JSON round trip (it travels through storage)', () => {
    const copy = new Matcher(JSON.parse(JSON.stringify(compileMatcher(ENTITIES, 'test'))));
    expect(copy.scan('周暢和字節跳動').map((m) => ids[m.candidates[0]!.entity])).toEqual([
      'person:zhou-chang',
      'org:bytedance',
    ]);
  });
});

describe('the folded units', () => {
  it('lists every unit that folds to another unit, once, and only those', () => {
    const table = foldTable();
    const expected: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) if (table[unit] !== 0 && table[unit] !== unit) expected.push(unit);
    const listed = [...foldedUnits()];
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort((a, b) => a - b)).toEqual(expected);
  });
});

/**
 * The matcher's rules written the plain way, over the whole text folded with fold.ts's full table:
 * at each position the longest name that keeps its word boundaries and case, then on after it.
 */
function referenceMatches(entities: Entity[], text: string): string[] {
  // Names matched by case: acronyms as written; weak Latin names with a capital, by that capital.
  const names: { key: string; entity: number; acronym: string | undefined; capital: boolean }[] = [];
  entities.forEach((e, entity) => {
    const all: [string | undefined, boolean][] = [
      [e.name, Boolean(e.nameWeak)],
      [e.nameEn, Boolean(e.nameEnWeak)],
      ...e.aliases.map((a): [string, boolean] => [a.text, Boolean(a.weak)]),
    ];
    for (const [name, weak] of all) {
      if (!name) continue;
      const key = foldText(name).trim();
      const width = foldWidth(name).trim();
      const acronym = /[A-Z]/.test(width) && !/[a-z]/.test(width);
      const capital = !acronym && weak && /[A-Z]/.test(width) && !/\p{Script=Han}/u.test(width);
      if (key.length >= 2) names.push({ key, entity, acronym: acronym ? width : undefined, capital });
    }
  });
  const keys = [...new Set(names.map((n) => n.key))].sort((a, b) => b.length - a.length);
  const folded = foldText(text);
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = 0;
    let entities: number[] = [];
    for (const key of keys) {
      if (!folded.startsWith(key, i)) continue;
      if (isLatinAlnum(key.charCodeAt(0)) && i > 0 && isLatinAlnum(text.charCodeAt(i - 1))) break;
      const after = i + key.length;
      if (after < text.length && isLatinAlnum(key.charCodeAt(key.length - 1)) && isLatinAlnum(text.charCodeAt(after)))
        continue;
      const written = foldWidth(text.slice(i, after));
      const byEntity = new Map<number, boolean>();
      for (const n of names.filter((n) => n.key === key)) {
        const ok = n.acronym !== undefined ? n.acronym === written : !n.capital || /^[A-Z]/.test(written);
        byEntity.set(n.entity, byEntity.get(n.entity) || ok);
      }
      entities = [...byEntity].filter(([, ok]) => ok).map(([entity]) => entity);
      if (entities.length === 0) continue;
      end = after;
      break;
    }
    if (end === 0) {
      i++;
      continue;
    }
    out.push(`${i}-${end}:${entities.sort((a, b) => a - b).join(',')}`);
    i = end;
  }
  return out;
}

describe('the compact fold the matcher carries', () => {
  // Every unit that folds to a unit of these names: Traditional forms, full-width and upper case.
  const table = foldTable();
  const variantsOf = new Map<number, number[]>();
  for (const unit of foldedUnits()) {
    const target = table[unit]!;
    variantsOf.set(target, [...(variantsOf.get(target) ?? []), unit]);
  }
  const names = ENTITIES.flatMap((e) => [e.name, e.nameEn ?? '', ...e.aliases.map((a) => a.text)]).filter(Boolean);
  /** A name written with each unit in one of the forms that fold to it. */
  const writtenName = fc
    .tuple(fc.constantFrom(...names), fc.array(fc.nat(), { minLength: 16, maxLength: 16 }))
    .map(([name, picks]) =>
      [...foldText(name)]
        .map((char, i) => {
          const forms = [char.charCodeAt(0), ...(variantsOf.get(char.charCodeAt(0)) ?? [])];
          return String.fromCharCode(forms[picks[i % picks.length]! % forms.length]!);
        })
        .join(''),
    );
  const filler = fc.constantFrom('的', '和', ' ', 'a', 'X', 'Ｚ', '1', '·', '，', '跳', '字', 'ME', 'ta', '-', '4');
  const text = fc.array(fc.oneof(writtenName, filler), { maxLength: 24 }).map((parts) => parts.join(''));

  it('finds what a matcher over the full fold table finds, in any script, width and case', () => {
    const compact = new Matcher(JSON.parse(JSON.stringify(compileMatcher(ENTITIES, 'test'))));
    fc.assert(
      fc.property(text, (sample) => {
        const ours = compact.scan(sample).map(
          (m) =>
            `${m.start}-${m.end}:${m.candidates
              .map((c) => c.entity)
              .sort((a, b) => a - b)
              .join(',')}`,
        );
        expect(ours).toEqual(referenceMatches(ENTITIES, sample));
      }),
      { numRuns: 500 },
    );
  });
});
