import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBuildInput, readReviewed } from '@/data/build/build';
import { checkCommonWords, commonWordHits } from '@/data/build/common-words';
import { type BuildInput, compileDataset } from '@/data/build/compile';
import { FOLD_PAIRS_FILE, foldPairsModule } from '@/data/build/fold-pairs';
import { formatProblem } from '@/data/build/format-problem';
import { datasetJsonSchema } from '@/data/build/json-schema';
import { lexicon } from '@/data/build/lexicon';
import type { Dataset, Entity } from '@/data/format/schema';
import { tinyDataset } from './fixtures';

/** A build input holding the tiny dataset as curated files. */
function tinyInput(): BuildInput {
  const { articles, entities, claims, version } = tinyDataset();
  const { text, ...meta } = articles[0]!;
  return {
    articleMeta: { path: 'data/sources/articles.json', content: { version, articles: [meta] } },
    texts: new Map([['test-article', { path: 'data/sources/test-article.txt', text }]]),
    extractions: [{ path: 'data/extraction/test.json', content: { entities, claims } }],
  };
}

describe('data build', () => {
  it('compiles curated files into a dataset with derived script variants', () => {
    const result = compileDataset(tinyInput());
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const zhouChang = result.dataset.entities.find((entity) => entity.id === 'person:zhou-chang')!;
    expect(zhouChang.aliases).toContainEqual({ text: '周暢', lang: 'zh-Hant', origin: 'derived' });
    const bytedance = result.dataset.entities.find((entity) => entity.id === 'org:bytedance')!;
    // A variant of a weak alias is weak too.
    expect(bytedance.aliases).toContainEqual({ text: '字節', lang: 'zh-Hant', weak: true, origin: 'derived' });
  });

  it('fails when a quote is not in its article, naming the file, the claim and the field', () => {
    const input = tinyInput();
    const content = input.extractions[0]!.content as { claims: { evidence: { quote: string }[] }[] };
    content.claims[0]!.evidence[0]!.quote = '周暢加入字節跳動。';
    const result = compileDataset(input);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^data\/extraction\/test\.json › claim:t-zhou-chang-move › evidence\[0\]\.quote: quote not found/,
      ),
    );
  });

  it('lists every problem at once, with where it is', () => {
    const input = tinyInput();
    const content = input.extractions[0]!.content as {
      entities: Record<string, unknown>[];
      claims: Record<string, unknown>[];
    };
    content.entities[1]!.kind = 'robot';
    content.claims[1]!.subject = 'person:nobody';
    input.extractions.push({ path: 'data/extraction/broken.json', content: undefined, parseError: 'Unexpected token' });
    const result = compileDataset(input);
    expect(result.ok).toBe(false);
    const lines = result.ok ? [] : result.problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^data\/extraction\/test\.json › person:lin-junyang › kind: /));
    expect(lines).toContainEqual('data/extraction/broken.json: not valid JSON: Unexpected token');
  });

  it('marks a relative time resolved against an estimated publication date as estimated', () => {
    const input = tinyInput();
    const content = input.extractions[0]!.content as { claims: Record<string, unknown>[] };
    content.claims[0]!.date = { date: '2024', asWritten: '去年', relative: true };
    const result = compileDataset(input);
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const move = result.dataset.claims.find((claim) => claim.id === 'claim:t-zhou-chang-move');
    expect(move && 'date' in move ? move.date : undefined).toEqual({
      date: '2024',
      asWritten: '去年',
      relative: true,
      estimated: true,
    });
  });

  it('is deterministic: the same input gives the same bytes, whatever the file order', () => {
    const first = compileDataset(tinyInput());
    const reordered = tinyInput();
    const content = reordered.extractions[0]!.content as { entities: unknown[]; claims: unknown[] };
    content.entities.reverse();
    content.claims.reverse();
    const second = compileDataset(reordered);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) expect(JSON.stringify(second.dataset)).toBe(JSON.stringify(first.dataset));
  });

  it('builds the curated dataset in data/ without a problem', () => {
    const result = compileDataset(readBuildInput());
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('keeps data/dataset.schema.json in sync with the zod schema (run npm run data:build)', () => {
    const committed = JSON.parse(readFileSync('data/dataset.schema.json', 'utf8'));
    expect(committed).toEqual(datasetJsonSchema());
  });

  it("keeps the matcher's fold pairs in sync with opencc-js (run npm run data:build)", () => {
    expect(readFileSync(FOLD_PAIRS_FILE, 'utf8')).toBe(foldPairsModule());
  });
});

describe('the common-word guard', () => {
  const person = (id: string, name: string, extra: Partial<Entity> = {}): Entity =>
    ({
      id,
      kind: 'person',
      name,
      aliases: [],
      description: name,
      mentions: [{ article: 'a', quote: name }],
      ...extra,
    }) as Entity;
  const dataset = (entities: Entity[]) => ({ entities }) as Dataset;

  it('names a strong name that is an ordinary word, with the word, in Chinese and English', () => {
    const hits = commonWordHits(
      dataset([
        person('org:cainiao', '菜鸟', { kind: 'org' }),
        person('model:llama', 'Llama', { kind: 'model' }),
        person('org:fair', 'FAIR', { kind: 'org' }),
        person('person:zhou-chang', '周畅'),
        person('org:apple', '苹果', { kind: 'org', nameWeak: true }),
      ]),
      lexicon(),
    );
    expect(hits.map((hit) => [hit.entity, hit.name])).toEqual([
      ['org:cainiao', '菜鸟'],
      ['model:llama', 'Llama'],
    ]);
    expect(hits[0]!.word).toMatch(/rookie/);
  });

  it('fails the build on such a name unless a curator reviewed it, and on a review that excuses nothing', () => {
    const data = dataset([
      person('org:cainiao', '菜鸟', { kind: 'org' }),
      person('org:google', 'Google', { kind: 'org' }),
    ]);
    const problems = checkCommonWords(data, lexicon(), {
      strong: [
        { entity: 'org:google', name: 'Google', why: 'the verb is named after the company' },
        { entity: 'person:zhou-chang', name: '周畅', why: 'no longer needed: not an ordinary word' },
      ],
    });
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/org:cainiao.*'菜鸟' is an ordinary word .*mark it weak/),
      expect.stringMatching(/person:zhou-chang.*'周畅' is listed as reviewed but is no strong name/),
    ]);
  });

  it('finds nothing to fault in the curated dataset and its reviews', () => {
    const result = compileDataset(readBuildInput());
    if (!result.ok) throw new Error('the dataset does not build');
    expect(checkCommonWords(result.dataset, lexicon(), readReviewed()).map(formatProblem)).toEqual([]);
  });
});
