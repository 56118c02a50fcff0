/**
 * Installs a dataset into IndexedDB and answers what is installed: the one module that knows how
 * records are laid out (buckets.ts). Everything else reads through the functions here.
 *
 * An install is one read-write transaction over every dataset table: either the whole new dataset
 * is there afterwards, or (on any failure, including a closed page) the previous one is, untouched.
 */
import { sortById } from '@/data/format/order';
import {
  type Article,
  type Claim,
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
  type Dataset,
  type Entity,
} from '@/data/format/schema';
import { type BucketLayout, bucketOf, bucketsFor, type IndexEntry } from './buckets';
import type { OverlayDatabase } from './db';
import type { DatasetOrigin, InstalledDataset } from './protocol';

/** Buckets written per bulk call, so progress moves on large datasets. */
const CHUNK = 50;

export interface InstallOptions {
  /** Called with the share written so far, 0 to 1. */
  onProgress?: (done: number) => void;
  /** Clock, for tests. */
  now?: () => number;
  /** The dataset as JSON text, when the caller has it (saves serialising it again for the snapshot). */
  json?: string;
  /**
   * Aborting it before the transaction commits aborts the transaction: the installed dataset stays
   * exactly as it was and the install rejects with the signal's reason. After the commit it is too late.
   */
  signal?: AbortSignal;
}

/** What installing this dataset from there, then, records about it. */
export function describeDataset(dataset: Dataset, origin: DatasetOrigin, installedAt: number): InstalledDataset {
  const count = (kind: string) => dataset.entities.filter((entity) => entity.kind === kind).length;
  return {
    version: dataset.version,
    formatVersion: dataset.formatVersion,
    ...(dataset.description ? { description: dataset.description } : {}),
    origin,
    installedAt,
    counts: {
      articles: dataset.articles.length,
      people: count('person'),
      orgs: count('org'),
      models: count('model'),
      claims: dataset.claims.length,
    },
  };
}

/** Replaces the installed dataset with `dataset` (already validated) in one transaction. */
export async function installDataset(
  db: OverlayDatabase,
  dataset: Dataset,
  origin: DatasetOrigin,
  options: InstallOptions = {},
): Promise<InstalledDataset> {
  const info = describeDataset(dataset, origin, (options.now ?? Date.now)());
  const buckets = bucketsFor(dataset.entities, dataset.claims);
  const total =
    dataset.articles.length +
      buckets.entityBuckets.length +
      buckets.claimBuckets.length +
      buckets.indexBuckets.length || 1;
  let written = 0;
  const progress = (rows: number) => {
    written += rows;
    options.onProgress?.(Math.min(1, written / total));
  };
  const { signal } = options;
  signal?.throwIfAborted();
  await db.transaction('rw', [...db.datasetTables, db.snapshots], async () => {
    // Checked between writes: throwing inside the transaction aborts it.
    const write = <T>(rows: T[], bulkAdd: (chunk: T[]) => Promise<unknown>) =>
      writeInChunks(
        rows,
        (chunk) => {
          signal?.throwIfAborted();
          return bulkAdd(chunk);
        },
        progress,
      );
    // The dataset being replaced becomes the one a rollback returns to.
    const current = await db.snapshots.get('current');
    if (current) await db.snapshots.put({ ...current, key: 'previous' });
    await db.snapshots.put({ key: 'current', info, json: options.json ?? JSON.stringify(dataset) });
    await Promise.all(db.datasetTables.map((table) => table.clear()));
    await write(dataset.articles, (rows) => db.articles.bulkAdd(rows));
    await write(buckets.entityBuckets, (rows) => db.entityBuckets.bulkAdd(rows));
    await write(buckets.claimBuckets, (rows) => db.claimBuckets.bulkAdd(rows));
    await write(buckets.indexBuckets, (rows) => db.indexBuckets.bulkAdd(rows));
    signal?.throwIfAborted();
    await db.meta.bulkPut([
      { key: 'layout', value: buckets.layout },
      { key: 'installed', value: info },
    ]);
  });
  return info;
}

async function writeInChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, progress: (n: number) => void) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await write(chunk);
    progress(chunk.length);
  }
}

export async function getInstalled(db: OverlayDatabase): Promise<InstalledDataset | undefined> {
  const row = await db.meta.get('installed');
  return row?.key === 'installed' ? row.value : undefined;
}

async function getLayout(db: OverlayDatabase): Promise<BucketLayout | undefined> {
  const row = await db.meta.get('layout');
  return row?.key === 'layout' ? row.value : undefined;
}

/** Reads the whole installed dataset back, in the dataset format (for export, the matcher, search). */
export async function readInstalled(db: OverlayDatabase): Promise<Dataset | undefined> {
  return db.transaction('r', db.datasetTables, async () => {
    const info = await getInstalled(db);
    if (!info) return undefined;
    const [articles, entities, claimBuckets] = await Promise.all([
      db.articles.toArray(),
      readEntities(db),
      db.claimBuckets.toArray(),
    ]);
    return {
      format: DATASET_FORMAT,
      formatVersion: DATASET_FORMAT_VERSION,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
      articles,
      entities,
      claims: sortById(claimBuckets.flatMap((bucket) => bucket.claims)),
    } satisfies Dataset;
  });
}

/** Every installed entity, in id order (what the matcher is compiled from). */
export async function readEntities(db: OverlayDatabase): Promise<Entity[]> {
  return sortById((await db.entityBuckets.toArray()).flatMap((bucket) => bucket.entities));
}

/** The installed entities with these ids, in the same order (undefined where there is none). */
export async function getEntities(db: OverlayDatabase, ids: string[]): Promise<(Entity | undefined)[]> {
  const layout = await getLayout(db);
  if (!layout || ids.length === 0) return ids.map(() => undefined);
  const keys = [...new Set(ids.map((id) => bucketOf(id, layout.entities)))];
  const found = new Map<string, Entity>();
  for (const bucket of await db.entityBuckets.bulkGet(keys)) {
    for (const entity of bucket?.entities ?? []) found.set(entity.id, entity);
  }
  return ids.map((id) => found.get(id));
}

export async function getArticle(db: OverlayDatabase, id: string): Promise<Article | undefined> {
  return db.articles.get(id);
}

export async function getArticles(db: OverlayDatabase, ids: string[]): Promise<(Article | undefined)[]> {
  return db.articles.bulkGet(ids);
}

async function indexEntry(db: OverlayDatabase, layout: BucketLayout, id: string): Promise<IndexEntry | undefined> {
  return (await db.indexBuckets.get(bucketOf(id, layout.index)))?.entries[id];
}

/** Every claim that names the entity: as subject, organisation, source, destination, target... */
export async function claimsNaming(db: OverlayDatabase, id: string): Promise<Claim[]> {
  const layout = await getLayout(db);
  const claimIds = layout ? ((await indexEntry(db, layout, id))?.claims ?? []) : [];
  if (!layout || claimIds.length === 0) return [];
  const wanted = new Set(claimIds);
  const keys = [...new Set(claimIds.map((claimId) => bucketOf(claimId, layout.claims)))];
  const claims: Claim[] = [];
  for (const bucket of await db.claimBuckets.bulkGet(keys)) {
    for (const claim of bucket?.claims ?? []) if (wanted.has(claim.id)) claims.push(claim);
  }
  return sortById(claims);
}

/** The teams, labs and products that name this entity as their parent. */
export async function childrenOf(db: OverlayDatabase, id: string): Promise<Entity[]> {
  const layout = await getLayout(db);
  const childIds = layout ? ((await indexEntry(db, layout, id))?.children ?? []) : [];
  const children = await getEntities(db, childIds);
  return children.filter((child) => child !== undefined);
}

/**
 * The ids of an entity's units at every depth (its children, theirs...), nearest first, at most
 * `limit` of them: an organisation's card speaks for its teams and labs too.
 */
export async function descendantsOf(db: OverlayDatabase, id: string, limit: number): Promise<string[]> {
  const layout = await getLayout(db);
  if (!layout) return [];
  const found: string[] = [];
  const seen = new Set([id]);
  for (let level = [id]; level.length > 0 && found.length < limit; ) {
    const entries = await Promise.all(level.map((parent) => indexEntry(db, layout, parent)));
    level = [];
    for (const child of entries.flatMap((entry) => entry?.children ?? [])) {
      if (seen.has(child) || found.length >= limit) continue;
      seen.add(child);
      found.push(child);
      level.push(child);
    }
  }
  return found;
}

/** What a rollback would return to, if anything. */
export async function getPrevious(db: OverlayDatabase): Promise<InstalledDataset | undefined> {
  return (await db.snapshots.get('previous'))?.info;
}

/**
 * Puts the previous dataset back (the one replaced by the last install); the dataset it replaces
 * becomes the previous one, so a second rollback undoes the first.
 */
export async function rollback(db: OverlayDatabase, options: InstallOptions = {}): Promise<InstalledDataset> {
  const previous = await db.snapshots.get('previous');
  if (!previous) throw new Error('There is no previous dataset to return to.');
  // It was validated when it was first installed; it comes from our own database.
  const dataset = JSON.parse(previous.json) as Dataset;
  return installDataset(db, dataset, previous.info.origin, { ...options, json: previous.json });
}

/** Compares data versions (YYYY.MM.DD or YYYY.MM.DD.N). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const difference = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

export type BundledOutcome = 'installed' | 'refreshed' | 'unchanged' | 'kept-import';

/**
 * Puts the bundled dataset in place on install and on extension update: installs it when nothing
 * is installed, refreshes an older bundled one, and keeps a dataset the user imported unless the
 * bundled one is newer. Installing the same bundled version again does nothing.
 */
export async function ensureBundledDataset(db: OverlayDatabase, bundled: Dataset): Promise<BundledOutcome> {
  const installed = await getInstalled(db);
  if (!installed) {
    await installDataset(db, bundled, { kind: 'bundled' });
    return 'installed';
  }
  const order = compareVersions(bundled.version, installed.version);
  if (installed.origin.kind === 'bundled') {
    if (order === 0) return 'unchanged';
    await installDataset(db, bundled, { kind: 'bundled' });
    return 'refreshed';
  }
  if (order > 0) {
    await installDataset(db, bundled, { kind: 'bundled' });
    return 'refreshed';
  }
  return 'kept-import';
}
