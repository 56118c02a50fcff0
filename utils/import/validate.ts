/**
 * Reads a dataset someone hands us (a file, a download) and says exactly what is wrong with it,
 * before anything is written: not JSON, the wrong format or version, too large, records that break
 * the schema, duplicate ids, references to nothing, quotes missing from their article.
 *
 * Pure: the options page runs it in a worker; tests run it in Node.
 */
import { z } from 'zod';
import { checkDataset, type Problem } from '@/data/checks';
import { Article, Claim, DATASET_FORMAT, DATASET_FORMAT_VERSION, Dataset, Entity } from '@/data/schema';
import { foldText } from '../matcher/fold';

/** Larger files are refused before parsing (100,000 entities and 300,000 claims take about 150 MB). */
export const MAX_DATASET_BYTES = 256 * 1024 * 1024;
/** The problems listed in full; the rest are counted. */
export const PROBLEMS_SHOWN = 20;

export type ReadResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[]; total: number };

export interface ReadOptions {
  /** Called with the share of the work done, 0 to 1. */
  onProgress?: (share: number) => void;
}

const Envelope = z.looseObject({
  format: z.string(),
  formatVersion: z.number(),
  version: z.unknown(),
  articles: z.array(z.unknown()),
  entities: z.array(z.unknown()),
  claims: z.array(z.unknown()),
});

function fail(problems: Problem[]): ReadResult {
  return { ok: false, problems: problems.slice(0, PROBLEMS_SHOWN), total: problems.length };
}

export function readDataset(text: string, options: ReadOptions = {}): ReadResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_DATASET_BYTES) {
    return fail([{ message: `The file is ${megabytes(bytes)}; the limit is ${megabytes(MAX_DATASET_BYTES)}.` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail([{ message: `This is not JSON: ${(error as Error).message}` }]);
  }
  return validateDataset(json, options);
}

export function validateDataset(json: unknown, options: ReadOptions = {}): ReadResult {
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
    return fail([
      {
        message:
          format === DATASET_FORMAT
            ? `The file says it is a ${DATASET_FORMAT} but lacks ${envelope.error.issues.map((i) => i.path.join('.')).join(', ')}.`
            : `This is not a Talent Overlay dataset (expected "format": "${DATASET_FORMAT}").`,
      },
    ]);
  }
  const { format, formatVersion } = envelope.data;
  if (format !== DATASET_FORMAT) {
    return fail([{ field: 'format', message: `Unknown format "${format}"; expected "${DATASET_FORMAT}".` }]);
  }
  if (formatVersion !== DATASET_FORMAT_VERSION) {
    return fail([
      {
        field: 'formatVersion',
        message: `Format version ${formatVersion} is not supported; this extension reads version ${DATASET_FORMAT_VERSION}${formatVersion > DATASET_FORMAT_VERSION ? ' (update the extension)' : ''}.`,
      },
    ]);
  }

  // Record by record, so each problem names its record and progress can be reported.
  const problems: Problem[] = [];
  const { articles, entities, claims, ...header } = envelope.data;
  const top = Dataset.omit({ articles: true, entities: true, claims: true }).safeParse(header);
  if (!top.success) problems.push(...issuesOf(top.error, header, ''));
  const lists = [
    ['articles', Article, articles],
    ['entities', Entity, entities],
    ['claims', Claim, claims],
  ] as const;
  const total = lists.reduce((sum, [, , items]) => sum + items.length, 0) || 1;
  let done = 0;
  const parsed: Record<string, unknown[]> = { articles: [], entities: [], claims: [] };
  for (const [name, schema, items] of lists) {
    items.forEach((item, index) => {
      const result = (schema as z.ZodType).safeParse(item);
      if (result.success) parsed[name]!.push(result.data);
      else problems.push(...issuesOf(result.error, item, `${name}[${index}]`));
      if (++done % 5000 === 0) options.onProgress?.((done / total) * 0.8);
    });
  }
  if (problems.length > 0) return fail(problems);

  const dataset = { ...top.data!, ...parsed } as Dataset;
  options.onProgress?.(0.85);
  const checks = checkDataset(dataset, { fold: foldText });
  options.onProgress?.(1);
  return checks.length > 0 ? fail(checks) : { ok: true, dataset };
}

function idOf(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 120) : undefined;
}

/** One problem per schema issue, naming the record, the field and (for a bad string) what it holds. */
function issuesOf(error: z.ZodError, item: unknown, prefix: string): Problem[] {
  const id = idOf(item);
  return error.issues.map((issue) => {
    const value = valueAt(item, issue.path);
    const got = typeof value === 'string' ? ` (got "${value.length > 80 ? `${value.slice(0, 80)}…` : value}")` : '';
    return {
      ...(id ? { id } : {}),
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || undefined,
      message: issue.message + got,
    };
  });
}

function valueAt(item: unknown, path: PropertyKey[]): unknown {
  let value = item;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
