/**
 * How a dataset is laid out in IndexedDB: entities and claims in buckets of about a hundred,
 * chosen by a hash of the id, plus an index from each entity id to the claims that name it and the
 * entities that name it as their parent. IndexedDB pays per record (about 80 µs each in Chromium
 * here), so a few thousand buckets install in a second where 400,000 rows took a minute; reading
 * one bucket to find one record costs well under a millisecond.
 *
 * Pure: the install (dataset-store.ts) and the schema upgrade (db.ts) share it.
 */
import type { Claim, Entity } from '@/data/schema';
import type { BucketLayout, ClaimBucket, EntityBucket, IndexBucket, IndexEntry } from './db';

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

/** Every entity id a claim refers to, its subject included. */
export function claimRefs(claim: Claim): string[] {
  const refs = new Set<string>([claim.subject]);
  for (const key of ['org', 'from', 'to', 'target', 'against', 'model'] as const) {
    const value = (claim as Partial<Record<typeof key, string>>)[key];
    if (value !== undefined) refs.add(value);
  }
  return [...refs];
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
