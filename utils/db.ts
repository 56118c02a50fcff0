/**
 * The extension's IndexedDB, owned by the background. Content scripts run in the page's origin and
 * cannot open it: they ask the background through messages (utils/messaging.ts).
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Article, Claim, Entity } from '@/data/schema';
import { bucketsFor } from './buckets';

export type DatasetSource = { kind: 'bundled' } | { kind: 'file'; name: string } | { kind: 'url'; url: string };

/** What is installed, kept in the `meta` table under the key 'installed'. */
export interface InstalledDataset {
  version: string;
  formatVersion: number;
  description?: string;
  source: DatasetSource;
  /** Milliseconds since the epoch. */
  installedAt: number;
  counts: { articles: number; people: number; orgs: number; models: number; claims: number };
}

/** How the installed dataset is spread over buckets (see dataset-store.ts). */
export interface BucketLayout {
  entities: number;
  claims: number;
  index: number;
}

export type MetaRow = { key: 'installed'; value: InstalledDataset } | { key: 'layout'; value: BucketLayout };

export interface EntityBucket {
  key: number;
  entities: Entity[];
}

export interface ClaimBucket {
  key: number;
  claims: Claim[];
}

/** For each entity id: the claims that name it and the entities that name it as their parent. */
export interface IndexEntry {
  claims: string[];
  children: string[];
}

export interface IndexBucket {
  key: number;
  entries: Record<string, IndexEntry>;
}

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
    // Version 3 keeps entities and claims in buckets of about a hundred: IndexedDB pays per record,
    // so a 400,000-record import took a minute where 4,000 buckets take a second.
    this.version(3)
      .stores({ entityBuckets: 'key', claimBuckets: 'key', indexBuckets: 'key' })
      .upgrade((transaction) => upgradeRowsToBuckets(transaction));
    this.version(4).stores({ entities: null, claims: null });
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
