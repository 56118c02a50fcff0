import { describe, expect, it } from 'vitest';
import type { Entity } from '@/data/format/schema';
import { editDistance, SearchIndex, withinOneEdit } from '@/utils/search-index';

const entity = (name: string, kind: Entity['kind'], extra: Partial<Entity> = {}) =>
  ({ name, kind, aliases: [], ...extra }) as Pick<Entity, 'name' | 'nameEn' | 'aliases' | 'kind'>;

const ENTITIES = [
  entity('周畅', 'person', { nameEn: 'Zhou Chang', aliases: [{ text: '周暢', lang: 'zh-Hant', origin: 'derived' }] }),
  entity('字节跳动', 'org', {
    nameEn: 'ByteDance',
    aliases: [{ text: '字节', lang: 'zh-Hans', weak: true, origin: 'source' }],
  }),
  entity('周靖人', 'person', { nameEn: 'Zhou Jingren' }),
  entity('林俊旸', 'person', { nameEn: 'Lin Junyang' }),
  entity('阿里巴巴', 'org', { nameEn: 'Alibaba' }),
  entity('阿里云', 'org', { nameEn: 'Alibaba Cloud' }),
  entity('阿曼德·朱林', 'person', { nameEn: 'Armand Joulin' }),
];
// The dataset knows more about 阿里巴巴 than about 阿里云.
const claims = [5, 9, 1, 2, 20, 3, 1];
const index = new SearchIndex(ENTITIES, (e) => claims[e]!);
const names = (query: string) => index.search(query).map((hit) => ENTITIES[hit.entity]!.name);

describe('search', () => {
  it('finds an alias in either script', () => {
    expect(names('周暢')[0]).toBe('周畅');
    expect(names('周畅')[0]).toBe('周畅');
  });

  it('finds English names case-insensitively', () => {
    expect(names('bytedance')).toEqual(['字节跳动']);
    expect(names('BYTEDANCE')).toEqual(['字节跳动']);
    expect(names('zhou chang')[0]).toBe('周畅');
  });

  it('finds pinyin in full and by initials', () => {
    expect(names('zhouchang')[0]).toBe('周畅');
    expect(names('zc')).toContain('周畅');
    expect(names('linjunyang')).toEqual(['林俊旸']);
    expect(names('zjtd')).toEqual(['字节跳动']);
  });

  it('ranks exact before prefix before substring, ties by what the dataset knows', () => {
    expect(names('阿里')).toEqual(['阿里巴巴', '阿里云']);
    const hits = index.search('周');
    expect(hits.map((hit) => hit.match)).toEqual(['prefix', 'prefix']);
    expect(names('朱林')).toEqual(['阿曼德·朱林']);
    expect(index.search('朱林')[0]!.match).toBe('substring');
  });

  it('forgives small typos in Latin names', () => {
    expect(names('bytedanse')).toEqual(['字节跳动']);
    expect(names('armand joulim')).toEqual(['阿曼德·朱林']);
    expect(index.search('bytedanse')[0]!.match).toBe('fuzzy');
  });

  it('says which part of which name matched, for highlighting', () => {
    const [hit] = index.search('cloud');
    expect(hit).toMatchObject({ name: 'Alibaba Cloud', start: 8, end: 13, match: 'substring' });
    // "zhouchang" is also Zhou Chang's English name; initials match through pinyin only.
    expect(index.search('zhouchang')[0]).toMatchObject({ name: 'Zhou Chang', start: 0, end: 10, match: 'exact' });
    expect(index.search('zjtd')[0]).toMatchObject({ name: '字节跳动', start: 0, end: 4, viaPinyin: true });
  });

  it('returns nothing for an empty or unknown query', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('qqqqqq')).toEqual([]);
  });
});

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['bytedance', 'bytedanse', 1],
    ['abc', 'abc', 0],
  ])('%s → %s', (a, b, expected) => {
    expect(editDistance(a, b, 5)).toBe(expected);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['bytedance', 'bytedanse', true],
    ['bytedance', 'bytdance', true],
    ['bytedance', 'byteddance', true],
    ['bytedance', 'bytedance', true],
    ['bytedance', 'bytdanse', false],
    ['meta', 'beta', true],
    ['meta', 'mate', false],
    ['ab', 'abcd', false],
  ])('%s → %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(editDistance(a, b, 1) <= 1).toBe(expected);
  });
});
