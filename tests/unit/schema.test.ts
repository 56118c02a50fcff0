import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { foldForComparison } from '@/data/build/chinese';
import { checkDataset } from '@/data/format/checks';
import { CLAIM_REFERENCES, claimRefs } from '@/data/format/claims';
import { Claim, Dataset, EntityId } from '@/data/format/schema';
import { tinyDataset } from './fixtures';

const check = (dataset: Dataset) => checkDataset(dataset, { fold: foldForComparison });

describe('dataset schema', () => {
  it('accepts a valid dataset, and the checks find nothing', () => {
    const dataset = tinyDataset();
    expect(Dataset.safeParse(dataset).success).toBe(true);
    expect(check(dataset)).toEqual([]);
  });

  it('rejects a record with a missing field', () => {
    const dataset = tinyDataset();
    const { description: _dropped, ...entity } = dataset.entities[0]!;
    const result = Dataset.safeParse({ ...dataset, entities: [entity, ...dataset.entities.slice(1)] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['entities', 0, 'description']);
  });

  it.each(['2024-13', '2024-02-30', '24', '2024/10', 'last year'])('rejects the date %s', (date) => {
    const dataset = tinyDataset();
    const claims = dataset.claims.map((claim) => (claim.kind === 'move' ? { ...claim, date: { date } } : claim));
    expect(Dataset.safeParse({ ...dataset, claims }).success).toBe(false);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'ftp://example.com/a'])(
    'rejects the article URL %s',
    (url) => {
      const dataset = tinyDataset();
      const articles = [{ ...dataset.articles[0]!, url }];
      expect(Dataset.safeParse({ ...dataset, articles }).success).toBe(false);
    },
  );

  it('accepts an https article URL', () => {
    const dataset = tinyDataset();
    const articles = [{ ...dataset.articles[0]!, url: 'https://www.163.com/dy/article/example.html' }];
    expect(Dataset.safeParse({ ...dataset, articles }).success).toBe(true);
  });

  it('rejects unknown keys (the format is strict)', () => {
    expect(Dataset.safeParse({ ...tinyDataset(), extra: 1 }).success).toBe(false);
  });

  it('rejects a wrong format name or version', () => {
    expect(Dataset.safeParse({ ...tinyDataset(), format: 'something-else' }).success).toBe(false);
    expect(Dataset.safeParse({ ...tinyDataset(), formatVersion: 2 }).success).toBe(false);
  });

  it('rejects a move with neither from nor to', () => {
    const dataset = tinyDataset();
    const claims = dataset.claims.map((claim) => (claim.kind === 'move' ? { ...claim, to: undefined } : claim));
    expect(Dataset.safeParse({ ...dataset, claims }).success).toBe(false);
  });
});

describe('dataset checks', () => {
  it('finds a dangling reference, naming the claim and field', () => {
    const dataset = tinyDataset();
    dataset.claims[0] = { ...dataset.claims[0]!, subject: 'person:nobody' };
    expect(check(dataset)).toContainEqual(
      expect.objectContaining({
        id: 'claim:t-zhou-chang-move',
        field: 'subject',
        message: "unknown entity 'person:nobody'",
      }),
    );
  });

  it('finds a reference to the wrong kind of entity', () => {
    const dataset = tinyDataset();
    dataset.claims[0] = { ...dataset.claims[0]!, to: 'person:lin-junyang' } as Dataset['claims'][number];
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'claim:t-zhou-chang-move', field: 'to' }));
  });

  it('finds a duplicate id', () => {
    const dataset = tinyDataset();
    dataset.entities.push({ ...dataset.entities[0]! });
    expect(check(dataset)).toContainEqual(
      expect.objectContaining({ id: 'person:zhou-chang', message: expect.stringMatching(/duplicate entity id/) }),
    );
  });

  it('finds a quote that is not in its article, naming the claim', () => {
    const dataset = tinyDataset();
    dataset.claims[0]!.evidence[0]!.quote = '周暢加入了字節跳動。';
    expect(check(dataset)).toContainEqual(
      expect.objectContaining({ id: 'claim:t-zhou-chang-move', field: 'evidence[0].quote' }),
    );
  });

  it('accepts a quote that differs only in whitespace', () => {
    const dataset = tinyDataset();
    // The article has a line break between these sentences; the quote a run of spaces.
    dataset.claims[0]!.evidence[0]!.quote = '周暢被字節挖走。   有消息稱';
    expect(check(dataset)).toEqual([]);
    dataset.claims[0]!.evidence[0]!.quote = '周暢被字節挖走。有消息稱';
    expect(check(dataset)).toHaveLength(1);
  });

  it('finds a hedge that is not in the quote, and a hedged claim without one', () => {
    const dataset = tinyDataset();
    dataset.claims[1] = { ...dataset.claims[1]!, hedge: '据悉' };
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'claim:t-lin-junyang-p10', field: 'hedge' }));
    dataset.claims[1] = { ...dataset.claims[1]!, hedge: undefined };
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'claim:t-lin-junyang-p10', field: 'hedge' }));
  });

  it('finds a mention that names none of the entity names, comparing across scripts', () => {
    const dataset = tinyDataset();
    expect(check(dataset)).toEqual([]); // 周暢 in the quote names 周畅
    dataset.entities[0]!.mentions[0]!.quote = '林俊旸';
    expect(check(dataset)).toContainEqual(
      expect.objectContaining({ id: 'person:zhou-chang', field: 'mentions[0].quote' }),
    );
  });

  it('finds two entities sharing a strong name, but lets weak names be shared', () => {
    const dataset = tinyDataset();
    dataset.entities[3]!.aliases.push({ text: '字节', lang: 'zh-Hans', weak: true, origin: 'knowledge' });
    expect(check(dataset)).toEqual([]);
    dataset.entities[3]!.aliases.push({ text: '字节跳动', lang: 'zh-Hans', origin: 'knowledge' });
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'org:alibaba', field: 'aliases' }));
  });

  it('finds a source alias that no article contains', () => {
    const dataset = tinyDataset();
    dataset.entities[3]!.aliases.push({ text: 'Alibaba', lang: 'en', origin: 'source' });
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'org:alibaba', field: 'aliases[0]' }));
  });

  it('finds a parent that is not an organisation', () => {
    const dataset = tinyDataset();
    dataset.entities[2] = { ...dataset.entities[2]!, parent: 'person:zhou-chang' };
    expect(check(dataset)).toContainEqual(expect.objectContaining({ id: 'org:bytedance', field: 'parent' }));
  });
});

describe('the claim reference list', () => {
  /** The fields of each claim kind whose schema is an entity id (optional or not), read from the schema. */
  function entityFieldsInSchema(): Record<string, string[]> {
    const fields: Record<string, string[]> = {};
    for (const option of Claim.options) {
      const shape = option.shape as unknown as Record<string, unknown>;
      const kind = (shape.kind as z.ZodLiteral<string>).value;
      fields[kind] = Object.keys(shape).filter((field) => {
        const schema = shape[field];
        const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
        return inner === EntityId;
      });
    }
    return fields;
  }

  it('names every field the schema types as an entity id, and no other', () => {
    const listed = Object.fromEntries(
      Object.entries(CLAIM_REFERENCES).map(([kind, fields]) => [kind, Object.keys(fields)]),
    );
    const inSchema = entityFieldsInSchema();
    expect(Object.keys(inSchema).sort()).toEqual(Object.keys(listed).sort());
    for (const kind of Object.keys(inSchema))
      expect([kind, ...listed[kind]!.sort()]).toEqual([kind, ...inSchema[kind]!.sort()]);
  });

  it('gives each claim its refs, the subject first and each once', () => {
    const claim = tinyDataset().claims.find((c) => c.kind === 'level')!;
    expect(claimRefs(claim)).toEqual(['person:lin-junyang', 'org:alibaba']);
    expect(
      claimRefs({ ...claim, kind: 'legal', against: claim.subject, action: 'lawsuit', matter: 'x' } as never),
    ).toEqual(['person:lin-junyang']);
  });
});
