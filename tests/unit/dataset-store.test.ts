import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '@/data/schema';
import {
  compareVersions,
  ensureBundledDataset,
  getInstalled,
  installDataset,
  readInstalled,
} from '@/utils/dataset-store';
import { OverlayDatabase } from '@/utils/db';
import { org, tinyDataset } from './fixtures';

let counter = 0;
const open: OverlayDatabase[] = [];
function freshDb(): OverlayDatabase {
  const db = new OverlayDatabase(`test-${counter++}`);
  open.push(db);
  return db;
}
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function snapshot(db: OverlayDatabase) {
  return {
    entities: await db.entities.toArray(),
    claims: await db.claims.toArray(),
    articles: await db.articles.toArray(),
    meta: await db.meta.toArray(),
  };
}

describe('installing a dataset', () => {
  it('writes every record and a summary, and reads back the same dataset', async () => {
    const db = freshDb();
    const dataset = tinyDataset();
    const info = await installDataset(db, dataset, { kind: 'bundled' }, { now: () => 1000 });
    expect(info).toMatchObject({ version: '2026.01.01', installedAt: 1000, counts: { people: 2, orgs: 2, claims: 2 } });
    expect(await db.entities.count()).toBe(4);
    const lookup = await db.claims.where('refs').equals('org:bytedance').toArray();
    expect(lookup.map((claim) => claim.id)).toEqual(['claim:t-zhou-chang-move']);
    // IndexedDB returns records in key order.
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const back = await readInstalled(db);
    expect(back).toEqual({
      ...dataset,
      articles: byId(dataset.articles),
      entities: byId(dataset.entities),
      claims: byId(dataset.claims),
    });
  });

  it('reports progress up to 1', async () => {
    const db = freshDb();
    const seen: number[] = [];
    await installDataset(db, tinyDataset(), { kind: 'bundled' }, { onProgress: (share) => seen.push(share) });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('is atomic: a failure half-way leaves the previous dataset whole', async () => {
    const db = freshDb();
    await installDataset(db, tinyDataset(), { kind: 'bundled' });
    const before = await snapshot(db);

    // Entities are written before claims; a duplicate claim id fails the claims bulkAdd half-way.
    const broken: Dataset = tinyDataset({ version: '2026.02.02' });
    broken.entities.push(org('org:newcomer', '新公司'));
    broken.claims.push({ ...broken.claims[0]! });
    await expect(installDataset(db, broken, { kind: 'file', name: 'broken.json' })).rejects.toThrow();

    expect(await snapshot(db)).toEqual(before);
    expect(await db.entities.get('org:newcomer')).toBeUndefined();
  });
});

describe('the bundled dataset', () => {
  it('is installed when nothing is, and a second load of the same version changes nothing', async () => {
    const db = freshDb();
    expect(await ensureBundledDataset(db, tinyDataset())).toBe('installed');
    const first = await snapshot(db);
    expect(await ensureBundledDataset(db, tinyDataset())).toBe('unchanged');
    expect(await snapshot(db)).toEqual(first);
  });

  it('refreshes an older bundled dataset on update', async () => {
    const db = freshDb();
    await ensureBundledDataset(db, tinyDataset({ version: '2026.01.01' }));
    expect(await ensureBundledDataset(db, tinyDataset({ version: '2026.03.01' }))).toBe('refreshed');
    expect((await getInstalled(db))?.version).toBe('2026.03.01');
  });

  it('keeps a dataset the user imported unless the bundled one is newer', async () => {
    const db = freshDb();
    await installDataset(db, tinyDataset({ version: '2026.05.01' }), {
      kind: 'url',
      url: 'https://example.com/d.json',
    });
    expect(await ensureBundledDataset(db, tinyDataset({ version: '2026.03.01' }))).toBe('kept-import');
    expect((await getInstalled(db))?.source.kind).toBe('url');
    expect(await ensureBundledDataset(db, tinyDataset({ version: '2026.06.01' }))).toBe('refreshed');
    expect((await getInstalled(db))?.source.kind).toBe('bundled');
  });
});

describe('compareVersions', () => {
  it.each([
    ['2026.01.02', '2026.01.01', 1],
    ['2026.01.01', '2026.01.01', 0],
    ['2026.01.01.2', '2026.01.01', 1],
    ['2025.12.31', '2026.01.01', -1],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});
