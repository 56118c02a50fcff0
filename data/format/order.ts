/**
 * The order of records in a dataset: by id, comparing UTF-16 code units (not the locale). The build
 * writes a dataset in this order and an installed one is read back in it, so the same data gives
 * the same bytes and the same diff.
 */
export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A copy of the records, in id order. */
export function sortById<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort(compareIds);
}
