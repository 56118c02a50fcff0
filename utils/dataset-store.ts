/**
 * Installs a dataset into IndexedDB and answers what is installed.
 *
 * An install is one read-write transaction over every dataset table: either the whole new dataset
 * is there afterwards, or (on any failure, including a closed page) the previous one is, untouched.
 */
import type { Claim, Dataset } from '@/data/schema';
import type { DatasetSource, InstalledDataset, OverlayDatabase, StoredClaim } from './db';

/** Rows written per bulk call, so progress can be reported on large datasets. */
const CHUNK = 2000;

export interface InstallOptions {
  /** Called with the share written so far, 0 to 1. */
  onProgress?: (done: number) => void;
  /** Clock, for tests. */
  now?: () => number;
  /** The dataset as JSON text, when the caller has it (saves serialising it again for the snapshot). */
  json?: string;
}

/** Every entity id a claim refers to, its subject included. */
export function claimRefs(claim: Claim): string[] {
  const refs = new Set<string>([claim.subject]);
  for (const key of ['org', 'from', 'to', 'target', 'against', 'model'] as const) {
    const value = (claim as Partial<Record<typeof key, string>>)[key];
    if (value !== undefined) refs.add(value);
  }
  return [...refs];
}

export function summarise(dataset: Dataset, source: DatasetSource, installedAt: number): InstalledDataset {
  const count = (kind: string) => dataset.entities.filter((entity) => entity.kind === kind).length;
  return {
    version: dataset.version,
    formatVersion: dataset.formatVersion,
    ...(dataset.description ? { description: dataset.description } : {}),
    source,
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
  source: DatasetSource,
  options: InstallOptions = {},
): Promise<InstalledDataset> {
  const info = summarise(dataset, source, (options.now ?? Date.now)());
  const total = dataset.articles.length + dataset.entities.length + dataset.claims.length || 1;
  let written = 0;
  const progress = (rows: number) => {
    written += rows;
    options.onProgress?.(Math.min(1, written / total));
  };
  await db.transaction('rw', [...db.datasetTables, db.snapshots], async () => {
    // The dataset being replaced becomes the one a rollback returns to.
    const current = await db.snapshots.get('current');
    if (current) await db.snapshots.put({ ...current, key: 'previous' });
    await db.snapshots.put({ key: 'current', info, json: options.json ?? JSON.stringify(dataset) });
    await Promise.all(db.datasetTables.map((table) => table.clear()));
    await writeInChunks(dataset.articles, (rows) => db.articles.bulkAdd(rows), progress);
    await writeInChunks(dataset.entities, (rows) => db.entities.bulkAdd(rows), progress);
    await writeInChunks(
      dataset.claims,
      (rows) => db.claims.bulkAdd(rows.map((claim): StoredClaim => ({ ...claim, refs: claimRefs(claim) }))),
      progress,
    );
    await db.meta.put({ key: 'installed', value: info });
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
  return (await db.meta.get('installed'))?.value;
}

/** Reads the whole installed dataset back, in the dataset format (for export and for the matcher). */
export async function readInstalled(db: OverlayDatabase): Promise<Dataset | undefined> {
  return db.transaction('r', db.datasetTables, async () => {
    const info = await getInstalled(db);
    if (!info) return undefined;
    const [articles, entities, claims] = await Promise.all([
      db.articles.toArray(),
      db.entities.toArray(),
      db.claims.toArray(),
    ]);
    return {
      format: 'talent-overlay-dataset',
      formatVersion: 1,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
      articles,
      entities,
      claims: claims.map(({ refs: _refs, ...claim }) => claim as Claim),
    } satisfies Dataset;
  });
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
  return installDataset(db, dataset, previous.info.source, { ...options, json: previous.json });
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
  if (installed.source.kind === 'bundled') {
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
