import { describe, expect, it } from 'vitest';
import { timeReport } from '@/data/build/report';
import type { Claim } from '@/data/format/schema';
import { tinyDataset } from './fixtures';

describe('the data report’s times', () => {
  it('lists claims without a time, inferred and ended ones, and each entity’s newest source, stalest first', () => {
    const dataset = tinyDataset();
    dataset.articles.push({
      ...dataset.articles[0]!,
      id: 'newer-article',
      published: { date: '2026-03', estimated: false },
    });
    dataset.entities[0]!.mentions.push({ article: 'newer-article', quote: '周暢' });
    dataset.claims.push(
      {
        id: 'claim:t-inferred',
        kind: 'founding',
        subject: 'person:zhou-chang',
        org: 'org:bytedance',
        certainty: 'inferred',
        note: 'implied by the text',
        evidence: [{ article: 'test-article', quote: '周暢' }],
      } as Claim,
      {
        id: 'claim:t-former',
        kind: 'role',
        subject: 'person:lin-junyang',
        org: 'org:alibaba',
        title: '算法专家',
        status: 'former',
        certainty: 'stated',
        end: { date: '2025-03' },
        evidence: [{ article: 'test-article', quote: '林俊旸' }],
      } as Claim,
    );
    const text = timeReport(dataset).join('\n');
    expect(text).toContain("Claims without a time (as of their article's date): 2 of 4");
    expect(text).toContain('  claim:t-lin-junyang-p10  as of 2025-06 (estimated)');
    expect(text).toContain('Inferred claims: 1\n  claim:t-inferred: implied by the text');
    expect(text).toContain('Ended roles: 1\n  claim:t-former: until 2025-03');
    const newest = text.slice(text.indexOf('Newest source per entity')).split('\n').slice(1);
    expect(newest.at(-1)).toBe('  2026-03  周畅 (person:zhou-chang)');
    expect(newest[0]).toMatch(/^ {2}2025-06 {2}/);
  });
});
