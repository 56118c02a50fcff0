import type { Claim, Dataset, Entity } from '@/data/format/schema';

const ARTICLE_TEXT =
  '2024年通義千問大模型技術負責人周暢被字節挖走。\n有消息稱,年僅32歲的林俊旸現已升至P10。\n阿里巴巴是一家公司。';

/** An entity whose kind is read from its id (person:, model:, else org), for matcher tests. */
export function entity(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    kind: id.startsWith('person:') ? 'person' : id.startsWith('model:') ? 'model' : 'org',
    name,
    aliases: [],
    description: name,
    mentions: [{ article: 'a', quote: name }],
    ...extra,
  } as Entity;
}

export function person(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return {
    id,
    kind: 'person',
    name,
    aliases: [],
    description: `${name}（测试）`,
    mentions: [{ article: 'test-article', quote: name }],
    ...extra,
  } as Entity;
}

export function org(id: string, name: string, extra: Partial<Entity> = {}): Entity {
  return { ...person(id, name, extra), kind: 'org', ...extra } as Entity;
}

/** A small valid dataset whose quotes all occur in its one article. */
export function tinyDataset(overrides: Partial<Dataset> = {}): Dataset {
  const claims: Claim[] = [
    {
      id: 'claim:t-zhou-chang-move',
      kind: 'move',
      subject: 'person:zhou-chang',
      to: 'org:bytedance',
      certainty: 'stated',
      date: { date: '2024' },
      evidence: [{ article: 'test-article', quote: '2024年通義千問大模型技術負責人周暢被字節挖走。' }],
    },
    {
      id: 'claim:t-lin-junyang-p10',
      kind: 'level',
      subject: 'person:lin-junyang',
      org: 'org:alibaba',
      level: 'P10',
      certainty: 'rumoured',
      hedge: '有消息稱',
      evidence: [{ article: 'test-article', quote: '有消息稱,年僅32歲的林俊旸現已升至P10。' }],
    },
  ];
  return {
    format: 'talent-overlay-dataset',
    formatVersion: 1,
    version: '2026.01.01',
    articles: [
      {
        id: 'test-article',
        summary: '测试文章',
        published: { date: '2025-06', estimated: true, basis: 'test' },
        script: 'zh-Hant',
        text: ARTICLE_TEXT,
      },
    ],
    entities: [
      person('person:zhou-chang', '周畅', { mentions: [{ article: 'test-article', quote: '周暢' }] }),
      person('person:lin-junyang', '林俊旸'),
      org('org:bytedance', '字节跳动', {
        aliases: [{ text: '字节', lang: 'zh-Hans', weak: true, origin: 'source' }],
        mentions: [{ article: 'test-article', quote: '被字節挖走' }],
      }),
      org('org:alibaba', '阿里巴巴'),
    ],
    claims,
    ...overrides,
  };
}
