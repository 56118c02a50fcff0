/**
 * How a dataset is laid out in IndexedDB: entities and claims in buckets of about a hundred,
 * chosen by a hash of the id, plus an index from each entity id to the claims that name it and the
 * entities that name it as their parent. IndexedDB pays per record, so a few thousand buckets
 * install far faster than hundreds of thousands of rows, and reading one bucket to find one record
 * stays cheap (the import bench prints the figures).
 *
 * Pure: the install (dataset-store.ts) and the schema upgrade (db.ts) share it.
 */
import { claimRefs } from '@/data/format/claims';
import type { Claim, Entity } from '@/data/format/schema';

/** How many buckets of each kind the installed dataset is spread over. */
export interface BucketLayout {
  entities: number;
  claims: number;
  index: number;
}

/** The records stored in the entityBuckets, claimBuckets and indexBuckets tables (db.ts). */
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

/** Records per bucket, on average. */
const BUCKET_SIZE = 100;

/** FNV-1a: a fast, well-spread 32-bit hash of an id. */
export function bucketOf(id: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

export interface Buckets {
  layout: BucketLayout;
  entityBuckets: EntityBucket[];
  claimBuckets: ClaimBucket[];
  indexBuckets: IndexBucket[];
}

const countFor = (records: number) => Math.max(1, Math.ceil(records / BUCKET_SIZE));

export function bucketsFor(entities: Entity[], claims: Claim[]): Buckets {
  const layout: BucketLayout = {
    entities: countFor(entities.length),
    claims: countFor(claims.length),
    index: countFor(entities.length),
  };
  const entityBuckets = Array.from({ length: layout.entities }, (_, key): EntityBucket => ({ key, entities: [] }));
  for (const entity of entities) entityBuckets[bucketOf(entity.id, layout.entities)]!.entities.push(entity);
  const claimBuckets = Array.from({ length: layout.claims }, (_, key): ClaimBucket => ({ key, claims: [] }));
  for (const claim of claims) claimBuckets[bucketOf(claim.id, layout.claims)]!.claims.push(claim);

  const indexBuckets = Array.from({ length: layout.index }, (_, key): IndexBucket => ({ key, entries: {} }));
  const entryFor = (id: string): IndexEntry => {
    const entries = indexBuckets[bucketOf(id, layout.index)]!.entries;
    entries[id] ??= { claims: [], children: [] };
    return entries[id];
  };
  for (const claim of claims) for (const ref of claimRefs(claim)) entryFor(ref).claims.push(claim.id);
  for (const entity of entities) if (entity.parent) entryFor(entity.parent).children.push(entity.id);
  return { layout, entityBuckets, claimBuckets, indexBuckets };
}
