import { describe, expect, it } from 'vitest';
import type { Claim } from '@/data/format/schema';
import { buildEntityView, citationView } from '@/utils/entity-view';
import type { ArticleSummary, EntityDetails } from '@/utils/protocol';
import { org, person } from './fixtures';

const article = (id: string, url?: string): ArticleSummary => ({
  id,
  summary: id,
  published: { date: '2025-06', estimated: false },
  script: 'zh-Hans',
  ...(url ? { url } : {}),
});
const ARTICLES = { a: article('a', 'https://example.com/a'), b: article('b') };
const quote = (article: string, text: string) => ({ article, quote: text });

function role(id: string, extra: Partial<Extract<Claim, { kind: 'role' }>>): Claim {
  return {
    id: `claim:${id}`,
    kind: 'role',
    subject: 'person:lin',
    org: 'org:ali',
    title: '负责人',
    status: 'current',
    certainty: 'stated',
    evidence: [quote('a', id)],
    ...extra,
  } as Claim;
}
function level(id: string, value: string, extra: Partial<Extract<Claim, { kind: 'level' }>> = {}): Claim {
  return {
    id: `claim:${id}`,
    kind: 'level',
    subject: 'person:lin',
    org: 'org:ali',
    level: value,
    certainty: 'stated',
    evidence: [quote('a', id)],
    ...extra,
  } as Claim;
}
function move(id: string, subject: string, from?: string, to?: string, date?: string): Claim {
  return {
    id: `claim:${id}`,
    kind: 'move',
    subject,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(date ? { date: { date } } : {}),
    certainty: 'stated',
    evidence: [quote('b', id)],
  } as Claim;
}

function details(entityId: string, claims: Claim[], children: string[] = []): EntityDetails {
  const entity = entityId.startsWith('person:') ? person(entityId, entityId) : org(entityId, entityId);
  return {
    entity,
    children: children.map((id) => ({ id, kind: 'org', name: id, description: id, parent: entityId })),
    claims,
    entities: {},
    articles: ARTICLES,
  };
}

const ids = (lines: { claim: Claim }[]) => lines.map((line) => line.claim.id.replace('claim:', ''));

describe('a person’s view', () => {
  it.each([
    [
      'one fact told twice is one line citing both quotes',
      [role('r1', {}), role('r2', { evidence: [quote('b', 'r2')] })],
      { roles: ['r1'], citations: [[1, 2]], disputed: [false] },
    ],
    [
      'a title written with other spacing or case is the same role',
      [role('r1', { title: 'Tech Lead' }), role('r2', { title: 'tech lead' })],
      { roles: ['r1'], citations: [[1, 2]], disputed: [false] },
    ],
    [
      'levels that disagree at one time are one disputed line, the firmer version first',
      [level('p10', 'P10', { certainty: 'rumoured', hedge: '有消息称' }), level('p9', 'P9')],
      { roles: ['p9'], citations: [[2]], disputed: [true] },
    ],
    [
      'levels at different dates are a career: two lines, the latest first',
      [level('p8', 'P8', { date: { date: '2022' } }), level('p9', 'P9', { date: { date: '2024' } })],
      { roles: ['p9', 'p8'], citations: [[2], [1]], disputed: [false, false] },
    ],
    [
      'the most precise date of one fact is shown',
      [role('r1', { start: { date: '2024' } }), role('r2', { start: { date: '2024-10' } })],
      { roles: ['r2'], citations: [[1, 2]], disputed: [false] },
    ],
  ])('%s', (_, claims, expected) => {
    const view = buildEntityView(details('person:lin', claims));
    expect(ids(view.roles)).toEqual(expected.roles);
    expect(view.roles.map((line) => line.versions[0]!.citations)).toEqual(expected.citations);
    expect(view.roles.map((line) => line.disputed)).toEqual(expected.disputed);
  });

  it('orders moves oldest first, undated last', () => {
    const view = buildEntityView(
      details('person:lin', [
        move('m3', 'person:lin', 'org:b', 'org:c'),
        move('m2', 'person:lin', 'org:a', 'org:b', '2024-02'),
        move('m1', 'person:lin', undefined, 'org:a', '2019'),
      ]),
    );
    expect(ids(view.moves)).toEqual(['m1', 'm2', 'm3']);
  });
});

describe('an organisation’s view', () => {
  it('sorts moves into joined and left, its teams included, and others’ roles into people', () => {
    const view = buildEntityView(
      details(
        'org:ali',
        [
          move('in', 'person:a', 'org:x', 'org:ali', '2024'),
          move('into-team', 'person:b', undefined, 'org:ali-team', '2023'),
          move('out', 'person:c', 'org:ali', 'org:y', '2025'),
          role('lead', { subject: 'person:lin' }),
          {
            id: 'claim:found',
            kind: 'founding',
            subject: 'person:jack',
            org: 'org:ali',
            certainty: 'stated',
            evidence: [quote('a', 'found')],
          },
        ],
        ['org:ali-team'],
      ),
    );
    expect(ids(view.joined)).toEqual(['into-team', 'in']);
    expect(ids(view.left)).toEqual(['out']);
    expect(ids(view.people)).toEqual(['lead']);
    expect(ids(view.events)).toEqual(['found']);
    expect(view.roles).toEqual([]);
  });

  it('numbers citations in the order first cited, once per quote', () => {
    const view = buildEntityView(
      details('org:ali', [
        move('x', 'person:a', undefined, 'org:ali', '2024'),
        move('x', 'person:b', undefined, 'org:ali', '2025'),
      ]),
    );
    expect(view.citations.map((citation) => [citation.number, citation.quote])).toEqual([[1, 'x']]);
  });
});

describe('where a citation is read', () => {
  it.each([
    ['at the article’s URL when it has one', 'a', { view: 'url', url: 'https://example.com/a' }],
    ['in the extension’s copy when it has none', 'b', { view: 'source', article: 'b', quote: 'q' }],
  ])('%s', (_, id, expected) => {
    expect(citationView({ number: 1, article: ARTICLES[id as 'a' | 'b'], quote: 'q' })).toEqual(expected);
  });
});
