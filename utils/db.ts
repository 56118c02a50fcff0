/**
 * The extension's IndexedDB, owned by the background. Content scripts run in the page's origin and
 * cannot open it: they ask the background through messages (utils/messaging.ts).
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Article, Claim, Entity } from '@/data/format/schema';
import { type BucketLayout, bucketsFor, type ClaimBucket, type EntityBucket, type IndexBucket } from './buckets';
import type { InstalledDataset } from './protocol';

/** The `meta` table: what is installed (key 'installed') and how it is laid out in buckets ('layout'). */
export type MetaRow = { key: 'installed'; value: InstalledDataset } | { key: 'layout'; value: BucketLayout };

/** The installed dataset ('current') and the one before it ('previous'), as JSON text, for rollback. */
export interface Snapshot {
  key: 'current' | 'previous';
  info: InstalledDataset;
  json: string;
}

export const DATABASE_NAME = 'talent-overlay';

export class OverlayDatabase extends Dexie {
  entityBuckets!: Table<EntityBucket, number>;
  claimBuckets!: Table<ClaimBucket, number>;
  indexBuckets!: Table<IndexBucket, number>;
  articles!: Table<Article, string>;
  meta!: Table<MetaRow, string>;
  snapshots!: Table<Snapshot, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Each schema change is a new version() with an upgrade; never edit a released version.
    this.version(1).stores({
      entities: 'id, kind, parent',
      claims: 'id, kind, subject, *refs',
      articles: 'id',
      meta: 'key',
    });
    // Version 2 keeps the previous dataset for rollback.
    this.version(2).stores({ snapshots: 'key' });
    // Version 3 keeps entities and claims in buckets of about a hundred: IndexedDB pays per record.
    this.version(3)
      .stores({ entityBuckets: 'key', claimBuckets: 'key', indexBuckets: 'key' })
      .upgrade((transaction) => upgradeRowsToBuckets(transaction));
    this.version(4).stores({ entities: null, claims: null });
    // Version 5 calls where an installed dataset came from its `origin` (it was `source`).
    this.version(5)
      .stores({})
      .upgrade((transaction) => upgradeSourceToOrigin(transaction));
  }

  /** The tables an install replaces, in one transaction. */
  get datasetTables() {
    return [this.entityBuckets, this.claimBuckets, this.indexBuckets, this.articles, this.meta];
  }
}

/** Version 2 → 3: moves the rows of the old entities and claims tables into buckets. */
async function upgradeRowsToBuckets(transaction: Transaction): Promise<void> {
  const entities = (await transaction.table('entities').toArray()) as Entity[];
  const claims = ((await transaction.table('claims').toArray()) as (Claim & { refs?: string[] })[]).map(
    ({ refs: _refs, ...claim }) => claim as Claim,
  );
  const buckets = bucketsFor(entities, claims);
  await transaction.table('entityBuckets').bulkPut(buckets.entityBuckets);
  await transaction.table('claimBuckets').bulkPut(buckets.claimBuckets);
  await transaction.table('indexBuckets').bulkPut(buckets.indexBuckets);
  await transaction.table('meta').put({ key: 'layout', value: buckets.layout } satisfies MetaRow);
}

/** An InstalledDataset as versions 1 to 4 stored it. */
type StoredBefore5 = Omit<InstalledDataset, 'origin'> & { source?: InstalledDataset['origin'] };

/** Version 4 → 5: renames `source` to `origin` in the installed dataset's record and in both snapshots'. */
async function upgradeSourceToOrigin(transaction: Transaction): Promise<void> {
  const rename = (info: StoredBefore5 | InstalledDataset): InstalledDataset => {
    if (!('source' in info) || info.source === undefined) return info as InstalledDataset;
    const { source, ...rest } = info;
    return { ...rest, origin: source };
  };
  await transaction
    .table('meta')
    .where('key')
    .equals('installed')
    .modify((row: { value: StoredBefore5 }) => {
      row.value = rename(row.value);
    });
  await transaction
    .table('snapshots')
    .toCollection()
    .modify((snapshot: { info: StoredBefore5 }) => {
      snapshot.info = rename(snapshot.info);
    });
}
