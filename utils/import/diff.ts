/**
 * What an import would change: records added, removed and changed, by kind, so the user sees it
 * before applying. Records are compared by id and by content.
 */
import type { Dataset } from '@/data/format/schema';

export interface ChangeSet {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface DatasetDiff {
  fromVersion: string | null;
  toVersion: string;
  articles: ChangeSet;
  entities: ChangeSet;
  claims: ChangeSet;
}

function changes<T extends { id: string }>(before: T[], after: T[]): ChangeSet {
  const old = new Map(before.map((record) => [record.id, record]));
  const set: ChangeSet = { added: [], removed: [], changed: [] };
  const seen = new Set<string>();
  for (const record of after) {
    seen.add(record.id);
    const previous = old.get(record.id);
    if (!previous) set.added.push(record.id);
    else if (!sameRecord(previous, record)) set.changed.push(record.id);
  }
  for (const id of old.keys()) if (!seen.has(id)) set.removed.push(id);
  return set;
}

/** Deep equality for plain JSON records, ignoring key order. */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameRecord(item, other[index]));
  }
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameRecord((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

export function diffDatasets(before: Dataset | undefined, after: Dataset): DatasetDiff {
  return {
    fromVersion: before?.version ?? null,
    toVersion: after.version,
    articles: changes(before?.articles ?? [], after.articles),
    entities: changes(before?.entities ?? [], after.entities),
    claims: changes(before?.claims ?? [], after.claims),
  };
}
