import { describe, expect, it } from 'vitest';
import { Corroboration } from '@/utils/marking/corroboration';
import { compileMatcher } from '@/utils/matcher/compile';
import { Matcher } from '@/utils/matcher/matcher';
import { entity } from './fixtures';

const weak = (text: string) => ({ text, lang: 'zh-Hans' as const, weak: true, origin: 'source' as const });

const ENTITIES = [
  entity('org:bytedance', '字节跳动', { aliases: [weak('字节')] }),
  entity('org:bytedance-seed', 'Seed', { nameWeak: true, parent: 'org:bytedance' }),
  entity('org:alibaba', '阿里巴巴', { aliases: [weak('阿里')] }),
  entity('org:tongyi', '通义实验室', { parent: 'org:alibaba' }),
  entity('person:zhou-chang', '周畅'),
  entity('model:qwen', '通义千问'),
];
const matcher = new Matcher(compileMatcher(ENTITIES, 'test'));
const ids = ENTITIES.map((e) => e.id);

/**
 * Feeds the paragraphs in order, each a place of its own, and lists the marks as they are made:
 * "paragraph:text=id", where a mark released later by corroboration shows when it is released.
 */
function marks(paragraphs: string[], kinds = 'po'): string[] {
  const corroboration = new Corroboration<number>(matcher, new Set(kinds));
  return paragraphs.flatMap((text, place) =>
    corroboration
      .add(place, matcher.scan(text))
      .map((mark) => `${mark.place}:${paragraphs[mark.place]!.slice(mark.start, mark.end)}=${ids[mark.entity]}`),
  );
}

describe('corroboration', () => {
  it.each([
    ['a strong name marks at once', ['周畅加入字节跳动'], ['0:周畅=person:zhou-chang', '0:字节跳动=org:bytedance']],
    ['a weak name alone waits, and is never marked', ['每个字节都算数'], []],
    [
      'a weak name after a strong one marks at once',
      ['字节跳动的新团队', '字节的人'],
      ['0:字节跳动=org:bytedance', '1:字节=org:bytedance'],
    ],
    [
      'a weak name waiting is released by a later strong name, in its own place',
      ['字节的人', '来自字节跳动'],
      ['1:字节跳动=org:bytedance', '0:字节=org:bytedance'],
    ],
    [
      "a child's strong name corroborates its family: the parent's weak name",
      ['阿里的大模型', '通义实验室发布'],
      ['1:通义实验室=org:tongyi', '0:阿里=org:alibaba'],
    ],
    [
      "a parent's strong name corroborates a child's weak name",
      ['字节跳动', 'Seed 团队'],
      ['0:字节跳动=org:bytedance', '1:Seed=org:bytedance-seed'],
    ],
    ['another family does not corroborate', ['阿里巴巴', '字节的人'], ['0:阿里巴巴=org:alibaba']],
    ['a kind the reader does not mark is left out', ['通义千问和周畅'], ['0:周畅=person:zhou-chang']],
  ])('%s', (_, paragraphs, expected) => {
    expect(marks(paragraphs)).toEqual(expected);
  });

  it('marks models when the reader chose them', () => {
    expect(marks(['通义千问'], 'pom')).toEqual(['0:通义千问=model:qwen']);
  });

  it('forgets the waiting marks of a place that changed', () => {
    const corroboration = new Corroboration<number>(matcher, new Set('po'));
    expect(corroboration.add(0, matcher.scan('字节的人'))).toEqual([]);
    corroboration.forget(0);
    const released = corroboration.add(1, matcher.scan('字节跳动'));
    expect(released.map((mark) => mark.place)).toEqual([1]);
  });
});
