/** Messages between the options page and its import worker. */
import type { DatasetOrigin, InstalledDataset } from '../protocol';
import type { DatasetDiff } from './diff';
import type { ImportProblem } from './validate';

export type WorkerRequest =
  | { type: 'read'; json: string; origin: DatasetOrigin }
  | { type: 'apply' }
  | { type: 'discard' }
  | { type: 'rollback' }
  | { type: 'export' }
  /** Stops the install (apply or rollback) under way if its transaction has not committed. */
  | { type: 'cancel' };

export type WorkerPhase = 'validating' | 'comparing' | 'writing' | 'reading';

/**
 * Why a request failed, as a code the page says in the reader's language; `failed` is anything
 * unexpected (a database error), with the exception's own message as `detail`.
 */
export type WorkerError =
  | { code: 'nothingToApply' }
  | { code: 'noDataset' }
  | { code: 'noPrevious' }
  | { code: 'failed'; detail: string };

export type WorkerResponse =
  | { type: 'progress'; phase: WorkerPhase; share: number }
  | { type: 'invalid'; problems: ImportProblem[]; total: number }
  | { type: 'preview'; diff: DatasetDiff; incoming: InstalledDataset }
  | { type: 'installed'; info: InstalledDataset }
  | { type: 'exported'; json: string; version: string }
  /** The install was cancelled before it committed: nothing changed. */
  | { type: 'cancelled' }
  | { type: 'error'; error: WorkerError };
