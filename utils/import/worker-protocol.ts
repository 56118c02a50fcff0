/** Messages between the options page and its import worker. */
import type { Problem } from '@/data/checks';
import type { DatasetSource, InstalledDataset } from '../db';
import type { DatasetDiff } from './diff';

export type WorkerRequest =
  | { type: 'read'; json: string; source: DatasetSource }
  | { type: 'apply' }
  | { type: 'discard' }
  | { type: 'rollback' }
  | { type: 'export' };

export type WorkerPhase = 'validating' | 'comparing' | 'writing' | 'reading';

export type WorkerResponse =
  | { type: 'progress'; phase: WorkerPhase; share: number }
  | { type: 'invalid'; problems: Problem[]; total: number }
  | { type: 'preview'; diff: DatasetDiff; incoming: InstalledDataset }
  | { type: 'installed'; info: InstalledDataset }
  | { type: 'exported'; json: string; version: string }
  | { type: 'error'; message: string };
