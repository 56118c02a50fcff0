// @vitest-environment happy-dom
/** A move with one end unknown says what is known ("joined ByteDance"), in the card and in search summaries. */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { EntityCard } from '@/components/EntityCard';
import { summaryText } from '@/components/SearchResults';
import type { Claim } from '@/data/format/schema';
import { type Locale, translator } from '@/utils/i18n';
import type { EntityDetails } from '@/utils/protocol';
import { org, person } from './fixtures';
import { renderRoot } from './render-root';

function move(id: string, extra: Partial<Claim>): Claim {
  return {
    id: `claim:${id}`,
    kind: 'move',
    subject: 'person:zhou',
    certainty: 'stated',
    evidence: [{ article: 'a', quote: '周畅' }],
    ...extra,
  } as Claim;
}

function details(): EntityDetails {
  const orgs = [org('org:bytedance', '字节跳动'), org('org:meta', 'Meta')];
  return {
    entity: person('person:zhou', '周畅'),
    children: [],
    claims: [
      move('both', { from: 'org:meta', to: 'org:bytedance' }),
      move('to-only', { to: 'org:bytedance' }),
      move('from-only', { from: 'org:meta' }),
      move('from-with-new-title', { from: 'org:bytedance', toTitle: '联合创始人' }),
    ],
    entities: Object.fromEntries(orgs.map((e) => [e.id, { id: e.id, kind: e.kind, name: e.name, description: '' }])),
    articles: { a: { id: 'a', summary: '文章', published: { date: '2025-06', estimated: false }, script: 'zh-Hans' } },
  } as EntityDetails;
}

const root = renderRoot();

function moves(locale: Locale): Record<string, string> {
  render(
    <EntityCard details={details()} locale={locale} t={translator(locale)} headingId="h" onOpenCitation={() => {}} />,
    root.element,
  );
  const text = (id: string) => root.element.querySelector(`[data-claim="claim:${id}"] .claim-body`)?.textContent ?? '';
  return Object.fromEntries(['both', 'to-only', 'from-only', 'from-with-new-title'].map((id) => [id, text(id)]));
}

describe('a move with one end unknown', () => {
  it('reads as joining or leaving, in each language', () => {
    expect(moves('en')).toEqual({
      both: 'Meta → 字节跳动',
      'to-only': 'joined 字节跳动',
      'from-only': 'left Meta',
      // A title at the unknown end keeps the arrow, so the title is not lost.
      'from-with-new-title': '字节跳动 → somewhere unknown（联合创始人）',
    });
    expect(moves('zh-Hans')['to-only']).toBe('加入字节跳动');
    expect(moves('zh-Hant')['from-only']).toBe('離開Meta');
  });

  it('in search summaries too', () => {
    const t = translator('en');
    expect(summaryText({ kind: 'move', to: '字节跳动' }, 'en', t)).toBe('joined 字节跳动');
    expect(summaryText({ kind: 'move', from: 'Meta' }, 'en', t)).toBe('left Meta');
    expect(summaryText({ kind: 'move', from: 'Meta', to: '字节跳动' }, 'en', t)).toBe('Meta → 字节跳动');
  });
});
