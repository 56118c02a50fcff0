import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dataset } from '@/data/format/schema';
import {
  childrenOf,
  claimsNaming,
  compareVersions,
  ensureBundledDataset,
  getEntities,
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

/** Every table, rollback snapshots included. */
async function snapshot(db: OverlayDatabase) {
  return Promise.all([...db.datasetTables, db.snapshots].map((table) => table.toArray()));
}

describe('installing a dataset', () => {
  it('writes every record and a summary, and reads back the same dataset', async () => {
    const db = freshDb();
    const dataset = tinyDataset();
    const info = await installDataset(db, dataset, { kind: 'bundled' }, { now: () => 1000 });
    expect(info).toMatchObject({ version: '2026.01.01', installedAt: 1000, counts: { people: 2, orgs: 2, claims: 2 } });
    expect(await getEntities(db, ['org:alibaba', 'person:nobody', 'person:zhou-chang'])).toEqual([
      dataset.entities[3],
      undefined,
      dataset.entities[0],
    ]);
    expect((await claimsNaming(db, 'org:bytedance')).map((claim) => claim.id)).toEqual(['claim:t-zhou-chang-move']);
    expect((await claimsNaming(db, 'person:lin-junyang')).map((claim) => claim.id)).toEqual([
      'claim:t-lin-junyang-p10',
    ]);
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

    // Entities are written before claims: make the claims' write fail, half-way through the install.
    const failing = () => {
      throw new Error('disk full');
    };
    db.claimBuckets.hook('creating', failing);
    const next: Dataset = tinyDataset({ version: '2026.02.02' });
    next.entities.push(org('org:newcomer', '新公司'));
    await expect(installDataset(db, next, { kind: 'file', name: 'next.json' })).rejects.toThrow('disk full');
    db.claimBuckets.hook('creating').unsubscribe(failing);

    expect(await snapshot(db)).toEqual(before);
    expect(await getEntities(db, ['org:newcomer'])).toEqual([undefined]);
  });
});

describe('reading what is installed', () => {
  it('finds an entity among thousands, the claims naming it and its children', async () => {
    const db = freshDb();
    const dataset = tinyDataset();
    for (let i = 0; i < 3000; i++) {
      dataset.entities.push(org(`org:team-${i}`, '阿里巴巴', { parent: 'org:alibaba', aliases: [] }));
    }
    // Shared names would be refused by the checks; the store does not check, it stores.
    await installDataset(db, dataset, { kind: 'bundled' });
    expect((await getEntities(db, ['org:team-2999']))[0]?.parent).toBe('org:alibaba');
    expect((await childrenOf(db, 'org:alibaba')).length).toBe(3000);
    expect(await childrenOf(db, 'org:team-1')).toEqual([]);
    expect((await claimsNaming(db, 'org:alibaba')).map((claim) => claim.id)).toEqual(['claim:t-lin-junyang-p10']);
    expect((await readInstalled(db))?.entities.length).toBe(3004);
  });

  it('upgrades a version-2 database, whose entities and claims were rows, to buckets', async () => {
    const name = `test-upgrade-${counter++}`;
    const old = new Dexie(name);
    old
      .version(1)
      .stores({ entities: 'id, kind, parent', claims: 'id, kind, subject, *refs', articles: 'id', meta: 'key' });
    old.version(2).stores({ snapshots: 'key' });
    const dataset = tinyDataset();
    await old.table('articles').bulkAdd(dataset.articles);
    await old.table('entities').bulkAdd(dataset.entities);
    await old.table('claims').bulkAdd(dataset.claims.map((claim) => ({ ...claim, refs: [claim.subject] })));
    await old.table('meta').put({
      key: 'installed',
      value: { version: dataset.version, formatVersion: 1, source: { kind: 'bundled' }, installedAt: 1, counts: {} },
    });
    old.close();

    const db = new OverlayDatabase(name);
    open.push(db);
    const back = await readInstalled(db);
    expect(back?.entities.map((entity) => entity.id).sort()).toEqual(dataset.entities.map((e) => e.id).sort());
    expect(back?.claims.map((claim) => claim.id).sort()).toEqual(dataset.claims.map((c) => c.id).sort());
    expect(back?.claims.every((claim) => !('refs' in claim))).toBe(true);
    expect((await claimsNaming(db, 'org:bytedance')).map((claim) => claim.id)).toEqual(['claim:t-zhou-chang-move']);
    expect(db.tables.map((table) => table.name).sort()).toEqual(
      ['articles', 'claimBuckets', 'entityBuckets', 'indexBuckets', 'meta', 'snapshots'].sort(),
    );
  });

  it('upgrades a version-4 database: where a dataset came from is its origin, in the record and the snapshots', async () => {
    const name = `test-upgrade-${counter++}`;
    const old = new Dexie(name);
    old.version(4).stores({
      articles: 'id',
      meta: 'key',
      snapshots: 'key',
      entityBuckets: 'key',
      claimBuckets: 'key',
      indexBuckets: 'key',
    });
    const info = (source: object) => ({ version: '2026.01.01', formatVersion: 1, source, installedAt: 1, counts: {} });
    await old.table('meta').put({ key: 'installed', value: info({ kind: 'url', url: 'https://example.com/d.json' }) });
    await old.table('snapshots').bulkPut([
      { key: 'current', info: info({ kind: 'url', url: 'https://example.com/d.json' }), json: '{}' },
      { key: 'previous', info: info({ kind: 'file', name: 'mine.json' }), json: '{}' },
    ]);
    old.close();

    const db = new OverlayDatabase(name);
    open.push(db);
    expect((await getInstalled(db))?.origin).toEqual({ kind: 'url', url: 'https://example.com/d.json' });
    expect((await db.snapshots.get('previous'))?.info.origin).toEqual({ kind: 'file', name: 'mine.json' });
    expect(await getInstalled(db)).not.toHaveProperty('source');
    expect((await db.snapshots.get('current'))?.info).not.toHaveProperty('source');
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
    expect((await getInstalled(db))?.origin.kind).toBe('url');
    expect(await ensureBundledDataset(db, tinyDataset({ version: '2026.06.01' }))).toBe('refreshed');
    expect((await getInstalled(db))?.origin.kind).toBe('bundled');
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
