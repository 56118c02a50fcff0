// @vitest-environment happy-dom
/**
 * The card says how old its facts are: a current role "as of" its source's time, with how long ago
 * that was, one freshness line per entity, and the English description in the English interface.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { EntityCard } from '@/components/EntityCard';
import type { Claim } from '@/data/format/schema';
import { formatAge, type Locale, translator } from '@/utils/i18n';
import type { EntityDetails } from '@/utils/protocol';
import { org, person } from './fixtures';
import { renderRoot } from './render-root';

const NOW = Date.UTC(2026, 10, 28);

function role(id: string, extra: Partial<Claim>, article: string): Claim {
  return {
    id: `claim:${id}`,
    kind: 'role',
    subject: 'person:zhou',
    title: '研究员',
    certainty: 'stated',
    evidence: [{ article, quote: '周畅' }],
    ...extra,
  } as Claim;
}

function details(): EntityDetails {
  return {
    entity: person('person:zhou', '周畅', { descriptionEn: 'A researcher (test)' }),
    children: [],
    claims: [
      role('now-bytedance', { org: 'org:bytedance' }, 'june'),
      role('asof-alibaba', { org: 'org:alibaba', asOf: { date: '2024-10' } }, 'old'),
      role('former-damo', { org: 'org:damo', status: 'former' }, 'old'),
    ],
    entities: Object.fromEntries(
      [org('org:bytedance', '字节跳动'), org('org:alibaba', '阿里巴巴'), org('org:damo', '达摩院')].map((e) => [
        e.id,
        { id: e.id, kind: e.kind, name: e.name, description: e.description },
      ]),
    ),
    articles: {
      june: { id: 'june', summary: '六月的文章', published: { date: '2025-06', estimated: false }, script: 'zh-Hans' },
      old: { id: 'old', summary: '旧文章', published: { date: '2024-10', estimated: true }, script: 'zh-Hans' },
    },
  } as EntityDetails;
}

const root = renderRoot();

function show(locale: Locale) {
  render(
    <EntityCard
      details={details()}
      locale={locale}
      t={translator(locale)}
      headingId="h"
      onOpenCitation={() => {}}
      now={NOW}
    />,
    root.element,
  );
  const lineOf = (id: string) => root.element.querySelector(`[data-claim="claim:${id}"] .time`)?.textContent ?? '';
  return {
    current: lineOf('now-bytedance'),
    asOf: lineOf('asof-alibaba'),
    former: lineOf('former-damo'),
    freshness: root.element.querySelector('.freshness')?.textContent,
    description: root.element.querySelector('.entity-description')?.textContent,
  };
}

describe('how old a fact is', () => {
  it('counts ages in years, months, or this month, in each language', () => {
    expect(formatAge('2024-10', 'en', NOW)).toBe('2 years ago');
    expect(formatAge('2025-06', 'en', NOW)).toBe('last year');
    expect(formatAge('2026-08', 'en', NOW)).toBe('3 months ago');
    expect(formatAge('2026-11-02', 'en', NOW)).toBe('this month');
    expect(formatAge('2024', 'zh-Hans', NOW)).toBe('2年前');
    expect(formatAge('2026-08', 'zh-Hant', NOW)).toBe('3 個月前');
  });

  it('shows a current role as of its source, with its age; a former one without', () => {
    const en = show('en');
    expect(en.current).toBe('as of Jun 2025 · last year');
    expect(en.asOf).toBe('as of Oct 2024 · 2 years ago');
    expect(en.former).toBe('');
    expect(en.freshness).toBe('Newest source: Jun 2025 · last year');
    expect(en.description).toBe('A researcher (test)');
  });

  it('says the same in Chinese, with the Chinese description', () => {
    const hans = show('zh-Hans');
    expect(hans.current).toBe('2025年6月时（去年）');
    expect(hans.freshness).toBe('最新来源：2025年6月（去年）');
    expect(hans.description).toBe('周畅（测试）');
    expect(show('zh-Hant').asOf).toBe('2024年10月時（2 年前）');
  });
});
