/**
 * The limits an import holds to, and that every refusal is said in a bounded message: record
 * counts, field lengths, the checks' search budget, the number and size of the problems listed,
 * and the URL rules shared by the build and the import (no user info, no private hosts).
 */
import { describe, expect, it } from 'vitest';
import { checkDataset, MAX_QUOTE_SEARCH } from '@/data/format/checks';
import { isPrivateHost } from '@/data/format/ids';
import {
  Article,
  type Dataset,
  HttpUrl,
  MAX_DATASET_ARTICLES,
  MAX_DATASET_CLAIMS,
  MAX_DATASET_ENTITIES,
} from '@/data/format/schema';
import { LOCALES, translator } from '@/utils/i18n';
import { problemText } from '@/utils/import/problem-text';
import {
  type ImportProblem,
  MAX_PROBLEM_CHARS,
  PROBLEMS_SHOWN,
  type ReadResult,
  readDataset,
  validateDataset,
} from '@/utils/import/validate';
import { foldText } from '@/utils/matcher/fold';
import { tinyDataset } from './fixtures';

function refusal(result: ReadResult): { problems: ImportProblem[]; total: number } {
  if (result.ok) throw new Error('expected the dataset to be refused');
  return result;
}

/** Every problem said in every language, each within the bound; the whole refusal as it crosses to the page. */
function expectBounded(result: ReadResult, maxBytes = 40_000): string[] {
  const { problems } = refusal(result);
  expect(problems.length).toBeLessThanOrEqual(PROBLEMS_SHOWN);
  expect(JSON.stringify(result).length).toBeLessThan(maxBytes);
  const said: string[] = [];
  for (const problem of problems) {
    expect(problem.message.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS);
    for (const locale of LOCALES) {
      const text = problemText(problem, translator(locale), locale);
      expect(text.length).toBeLessThanOrEqual(MAX_PROBLEM_CHARS + 300);
      said.push(text);
    }
  }
  return said;
}

describe('record counts', () => {
  const envelope = (counts: { articles?: number; entities?: number; claims?: number }) => ({
    ...tinyDataset(),
    // The same empty object many times: counted before any record is read, so this is cheap.
    articles: new Array(counts.articles ?? 1).fill({}),
    entities: new Array(counts.entities ?? 1).fill({}),
    claims: new Array(counts.claims ?? 1).fill({}),
  });

  it('refuses 2,000,001 entities before reading a record, and says so in each language', () => {
    const started = performance.now();
    const result = validateDataset(envelope({ entities: MAX_DATASET_ENTITIES + 1 }));
    expect(performance.now() - started).toBeLessThan(2000);
    const { problems, total } = refusal(result);
    expect(total).toBe(1);
    expect(problems[0]).toMatchObject({
      code: 'tooManyRecords',
      field: 'entities',
      params: { record: 'entity', count: '2,000,001', limit: '2,000,000' },
      message: 'The dataset has 2,000,001 entities; the limit is 2,000,000.',
    });
    expect(expectBounded(result)).toEqual([
      'entities：数据集有 2,000,001 个实体，上限为 2,000,000 个。',
      'entities：資料集有 2,000,001 個實體，上限為 2,000,000 個。',
      'entities: The dataset has 2,000,001 entities; the limit is 2,000,000.',
    ]);
  });

  it('refuses too many articles and too many claims alike', () => {
    const { problems } = refusal(
      validateDataset(envelope({ articles: MAX_DATASET_ARTICLES + 1, claims: MAX_DATASET_CLAIMS + 1 })),
    );
    expect(problems.map((problem) => problem.message)).toEqual([
      'The dataset has 100,001 articles; the limit is 100,000.',
      'The dataset has 2,000,001 claims; the limit is 2,000,000.',
    ]);
  });

  it('accepts exactly as many as the limits allow (the records themselves are then read)', () => {
    const { problems } = refusal(validateDataset(envelope({ articles: 3 })));
    expect(problems.every((problem) => problem.code === 'schema')).toBe(true);
  });
});

describe('field lengths', () => {
  it('refuses an id, a name, a title and a quote over their limits, quoting at most 80 characters', () => {
    const dataset = tinyDataset();
    dataset.entities[0]!.id = `person:${'a'.repeat(300)}`;
    dataset.entities[1]!.name = '名'.repeat(81);
    dataset.articles[0]!.title = 'T'.repeat(301);
    dataset.claims[0]!.evidence[0]!.quote = '引'.repeat(601);
    const result = readDataset(JSON.stringify(dataset));
    const fields = refusal(result).problems.map((problem) => `${problem.field} ${problem.message.split(' (')[0]}`);
    expect(fields).toEqual([
      'articles[0].title Too big: expected string to have <=300 characters',
      'entities[0].id Too big: expected string to have <=200 characters',
      'entities[1].name Too big: expected string to have <=80 characters',
      'claims[0].evidence.0.quote Too big: expected string to have <=600 characters',
    ]);
    for (const text of expectBounded(result)) expect(text.length).toBeLessThan(300);
  });

  it('refuses an article text over a million characters', () => {
    const parsed = Article.safeParse({ ...tinyDataset().articles[0], text: 'x'.repeat(1_000_001) });
    expect(parsed.success).toBe(false);
  });
});

describe('problem reports', () => {
  it('lists five of 200,000 unknown keys in one record, each cut short, and counts the rest', () => {
    const dataset = tinyDataset() as unknown as { entities: Record<string, unknown>[] };
    const record = dataset.entities[0]!;
    for (let i = 0; i < 200_000; i++) record[`unknown-key-${i}-${'k'.repeat(i === 0 ? 500 : 5)}`] = i;
    const result = readDataset(JSON.stringify(dataset));
    const { problems, total } = refusal(result);
    expect(total).toBe(1);
    expect(problems[0]!.message).toBe(
      `Unrecognized keys: "unknown-key-0-${'k'.repeat(25)}…", "unknown-key-1-kkkkk", "unknown-key-2-kkkkk", "unknown-key-3-kkkkk", "unknown-key-4-kkkkk" and 199995 more`,
    );
    const said = expectBounded(result, 3000);
    expect(said[0]).toMatch(/^person:zhou-chang › entities\[0\]：未知的字段："unknown-key-0-k+…", .*，另有 199995 个$/);
    expect(said[1]).toMatch(/，另有 199995 個$/);
    expect(said[2]).toBe(`person:zhou-chang › entities[0]: ${problems[0]!.message}`);
  });

  it('lists the first 20 of 10,000 broken records, counting all of them', () => {
    const dataset = tinyDataset() as unknown as Dataset;
    const broken = { ...dataset.entities[0]!, id: 'Not An Id' };
    dataset.entities = new Array(10_000).fill(broken);
    const result = readDataset(JSON.stringify(dataset));
    expect(refusal(result).total).toBe(10_000);
    expectBounded(result);
  });

  it('cuts a long entity name list in a problem to ten names', () => {
    const dataset = tinyDataset();
    const lin = dataset.entities[1]!;
    lin.aliases = Array.from({ length: 60 }, (_, i) => ({ text: `别名${i}`, lang: 'zh-Hans', origin: 'knowledge' }));
    lin.mentions = [{ article: 'test-article', quote: '阿里巴巴是一家公司。' }];
    const problem = checkDataset(dataset, { fold: foldText }).find((p) => p.code === 'quoteNamesNoName');
    expect(problem?.params).toEqual({ names: ['林俊旸', ...Array.from({ length: 9 }, (_, i) => `别名${i}`), '…'] });
  });
});

describe('the quote search budget', () => {
  /** One long article that nearly matches every quote everywhere, and `count` claims quoting it. */
  function crafted(count: number, distinct: boolean): Dataset {
    const dataset = tinyDataset();
    const text = `${'a'.repeat(200_000)}。周暢`;
    dataset.articles.push({ ...dataset.articles[0]!, id: 'long', text });
    const template = dataset.claims[0]!;
    for (let i = 0; i < count; i++) {
      const quote = distinct ? `${'a'.repeat(100 + (i % 400))}b${i}` : `${'a'.repeat(500)}b`;
      dataset.claims.push({ ...template, id: `claim:c-${i}`, evidence: [{ article: 'long', quote }] });
    }
    return dataset;
  }

  it('is large enough for the benchmark yet bounded', () => {
    expect(MAX_QUOTE_SEARCH).toBeGreaterThanOrEqual(2_000_000_000);
    expect(MAX_QUOTE_SEARCH).toBeLessThanOrEqual(10_000_000_000);
  });

  it('stops a dataset whose quotes would take too long, with one bounded problem', () => {
    const started = performance.now();
    const result = readDataset(JSON.stringify(crafted(2000, true)), { maxSearch: 20_000_000 });
    expect(performance.now() - started).toBeLessThan(10_000);
    const { problems } = refusal(result);
    const first = problems[0]!;
    expect(first).toMatchObject({ code: 'checkBudget', params: { limit: '20,000,000' } });
    expect(expectBounded(result).slice(0, 3)).toEqual([
      '核对引文需要在文章中搜索超过 20,000,000 个字符，检查已停止。请使用较短的文章或较少的引文。',
      '核對引文需要在文章中搜尋超過 20,000,000 個字元，檢查已停止。請使用較短的文章或較少的引文。',
      first.message,
    ]);
  });

  it('searches the same quote in the same article once', () => {
    // 2,000 claims with one quote: 2,000 searches of 200,000 characters would spend 400 million.
    const problems = checkDataset(crafted(2000, false), { fold: foldText, maxSearch: 20_000_000 });
    expect(problems.map((problem) => problem.code)).toEqual(new Array(2000).fill('quoteNotFound'));
  });
});

describe('URLs in a dataset', () => {
  it('refuses user info and private or local hosts, with the schema’s own message', () => {
    const refusedWith = (url: string) => HttpUrl.safeParse(url).error?.issues.map((issue) => issue.message);
    expect(refusedWith('https://trusted@evil.example/')).toEqual([
      'a URL may not carry a user name or password (user@host)',
    ]);
    expect(refusedWith('https://user:pass@example.com/')).toHaveLength(1);
    for (const url of [
      'http://localhost/',
      'http://localhost./',
      'http://app.localhost/',
      'http://printer.local/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://0.0.0.0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[febf::1]/',
    ]) {
      expect(refusedWith(url), url).toEqual([
        'a URL may not point to this computer or a private network (localhost, 10.x, 192.168.x, *.local…)',
      ]);
    }
  });

  it('accepts public hosts, including ones that only look private', () => {
    for (const url of [
      'https://www.163.com/dy/article/x.html',
      'http://example.com/',
      'https://172.32.0.1/',
      'https://172.15.0.1/',
      'https://192.169.0.1/',
      'https://11.0.0.1/',
      'https://[2001:db8::1]/',
      'https://[fec0::1]/',
      'https://localhost.example.com/',
      'https://local/',
    ]) {
      expect(HttpUrl.safeParse(url).success, url).toBe(true);
    }
    expect(isPrivateHost('LOCALHOST')).toBe(true);
  });

  it('refuses an article whose source URL is private, at import as at build', () => {
    const dataset = tinyDataset();
    dataset.articles[0]!.url = 'http://192.168.0.1/admin';
    const { problems } = refusal(readDataset(JSON.stringify(dataset)));
    expect(problems).toHaveLength(1);
    expect(problemText(problems[0]!, translator('zh-Hans'), 'zh-Hans')).toBe(
      'test-article › articles[0].url：网址不能指向本机或私有网络（localhost、10.x、192.168.x、*.local 等）（实际为“http://192.168.0.1/admin”）',
    );
  });
});
