/**
 * Property: whatever a user imports (random JSON, a valid dataset mutated at random, a valid one
 * whose write fails at a random row), the installed data afterwards is either the new dataset whole
 * or exactly what it was before. The import runs as the options page's worker runs it: read and
 * validate, then install in one transaction.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '@/data/format/schema';
import { installDataset, readInstalled } from '@/utils/dataset-store';
import { OverlayDatabase } from '@/utils/db';
import { readDataset } from '@/utils/import/validate';
import { org, person, tinyDataset } from './fixtures';

let counter = 0;
const open: OverlayDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function installedBaseline(): Promise<OverlayDatabase> {
  const db = new OverlayDatabase(`property-${counter++}`);
  open.push(db);
  await installDataset(db, tinyDataset(), { kind: 'bundled' }, { now: () => 1 });
  return db;
}

/** Every table, rollback snapshots included. */
async function everything(db: OverlayDatabase) {
  return Promise.all([...db.datasetTables, db.snapshots].map((table) => table.toArray()));
}

type Outcome = 'installed' | 'refused' | 'failed';

/** Reads, validates and installs like the import worker; `failAtRow` makes the n-th written row fail. */
async function importText(db: OverlayDatabase, text: string, failAtRow?: number): Promise<Outcome> {
  const result = readDataset(text);
  if (!result.ok) return 'refused';
  let rows = 0;
  const failing = (_key: unknown, _row: unknown) => {
    if (failAtRow !== undefined && rows++ === failAtRow) throw new Error('write failed');
  };
  for (const table of db.datasetTables) table.hook('creating', failing);
  try {
    await installDataset(db, result.dataset, { kind: 'file', name: 'import.json' }, { now: () => 2 });
    return 'installed';
  } catch {
    return 'failed';
  } finally {
    for (const table of db.datasetTables) table.hook('creating').unsubscribe(failing);
  }
}

/** How many rows an install of `dataset` creates (articles, buckets, meta), counted on a scratch database. */
async function rowsWritten(dataset: Dataset): Promise<number> {
  const db = new OverlayDatabase(`property-count-${counter++}`);
  open.push(db);
  let rows = 0;
  const count = () => {
    rows++;
  };
  for (const table of db.datasetTables) table.hook('creating', count);
  await installDataset(db, dataset, { kind: 'bundled' });
  return rows;
}

/** The dataset as read back: records in id order, as IndexedDB returns them. */
function normalised(dataset: Dataset): Dataset {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    ...dataset,
    articles: byId(dataset.articles),
    entities: byId(dataset.entities),
    claims: byId(dataset.claims),
  };
}

async function expectWholeOrNothing(db: OverlayDatabase, text: string, outcome: Outcome, before: unknown) {
  if (outcome === 'installed') {
    const parsed = readDataset(text);
    if (!parsed.ok) throw new Error('installed a dataset that does not validate');
    expect(await readInstalled(db)).toEqual(normalised(parsed.dataset));
  } else {
    expect(await everything(db)).toEqual(before);
  }
}

/** A valid dataset, sometimes with extra entities (names that occur in the article, none taken). */
const validDataset = fc
  .subarray(['通義千問', '大模型', '技術負責人', '一家公司', '現已升至'], { minLength: 0 })
  .map((names) => {
    const dataset = tinyDataset({ version: '2026.02.02' });
    names.forEach((name, index) => {
      const make = index % 2 ? org : person;
      dataset.entities.push(make(`${index % 2 ? 'org' : 'person'}:extra-${index}`, name));
    });
    return dataset;
  });

/** A path to some value inside a dataset, as keys. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

const hostile = fc.constantFrom(
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '',
  ' padded ',
  'person:nobody',
  'claim:t-zhou-chang-move',
  '2024-13',
  'x'.repeat(5000),
  '\u0000',
);

/** A valid dataset changed in one random place: a value replaced, a key deleted, a record duplicated. */
const mutatedDataset = fc
  .tuple(validDataset, fc.nat(), fc.oneof(fc.jsonValue(), hostile), fc.constantFrom('set', 'delete', 'duplicate'))
  .map(([dataset, pick, value, operation]) => {
    const json = structuredClone(dataset) as unknown as Record<string, unknown>;
    const all = paths(json).filter((path) => path.length > 0);
    const path = all[pick % all.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], json) as
      | Record<string | number, unknown>
      | unknown[];
    const key = path.at(-1)!;
    if (operation === 'set') (parent as Record<string | number, unknown>)[key] = value;
    else if (operation === 'delete' && Array.isArray(parent)) parent.splice(key as number, 1);
    else if (operation === 'delete') delete (parent as Record<string, unknown>)[key as string];
    else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
    return JSON.stringify(json);
  });

describe('an import changes everything or nothing', () => {
  it('refuses random JSON and changes nothing', async () => {
    const db = await installedBaseline();
    const before = await everything(db);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.string(),
        ),
        async (text) => {
          expect(await importText(db, text)).toBe('refused');
          expect(await everything(db)).toEqual(before);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('installs a mutated dataset whole, or refuses it and changes nothing', async () => {
    let installed = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutatedDataset, async (text) => {
        const db = await installedBaseline();
        const before = await everything(db);
        const outcome = await importText(db, text);
        if (outcome === 'installed') installed++;
        else refused++;
        await expectWholeOrNothing(db, text, outcome, before);
      }),
      { numRuns: 150 },
    );
    // The mutations reach both sides: some stay valid (a changed description), most do not.
    expect(installed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('leaves the previous dataset whole when the write fails at any row', async () => {
    await fc.assert(
      fc.asyncProperty(validDataset, fc.nat({ max: 16 }), async (dataset, failAtRow) => {
        const db = await installedBaseline();
        const before = await everything(db);
        const text = JSON.stringify(dataset);
        const rows = await rowsWritten(dataset);
        const outcome = await importText(db, text, failAtRow);
        expect(outcome).toBe(failAtRow < rows ? 'failed' : 'installed');
        await expectWholeOrNothing(db, text, outcome, before);
      }),
      { numRuns: 60 },
    );
  });
});
