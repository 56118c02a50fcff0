/**
 * How large a dataset an import accepts, and how sizes are said: one home for the limit and its
 * wording, shared by the options page (a file's size is known before it is read), the download
 * (checked while the bytes arrive) and the validator (the text handed to it).
 */

/** Larger files are refused before parsing (100,000 entities and 300,000 claims take about 150 MB). */
export const MAX_DATASET_BYTES = 256 * 1024 * 1024;

/** A size in MB as every message about sizes writes it: one decimal, none when it is whole (2.5, 256). */
export function megabytes(bytes: number): string {
  return String(Number((bytes / 1024 / 1024).toFixed(1)));
}

/** The parameters of the "file too large" problem: the size found and the limit, in MB. */
export function tooLargeParams(bytes: number, maxBytes = MAX_DATASET_BYTES): { size: string; limit: string } {
  return { size: megabytes(bytes), limit: megabytes(maxBytes) };
}
