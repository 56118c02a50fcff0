/**
 * Reads a dataset someone hands us (a file, a download) and says exactly what is wrong with it,
 * before anything is written: not JSON, the wrong format or version, too large, records that break
 * the schema, duplicate ids, references to nothing, quotes missing from their article.
 *
 * Pure: the options page runs it in a worker; tests run it in Node.
 */
import { z } from 'zod';
import { en as zodEnglish } from 'zod/locales';
import { type CheckProblem, checkDataset, type Problem } from '@/data/format/checks';
import {
  Article,
  Claim,
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
  Dataset,
  Entity,
  MAX_DATASET_ARTICLES,
  MAX_DATASET_CLAIMS,
  MAX_DATASET_ENTITIES,
  type SchemaRule,
  schemaRuleOf,
} from '@/data/format/schema';
import { foldText } from '../matcher/fold';
import { MAX_DATASET_BYTES, tooLargeParams } from './limits';

/** The problems listed in full; the rest are counted. */
export const PROBLEMS_SHOWN = 20;

/** Unknown keys listed in one problem (the rest are counted), and the characters shown of each. */
export const KEYS_SHOWN = 5;
const KEY_CHARS = 40;

/**
 * The longest English message of one problem: what a problem quotes is cut at the source (80
 * characters of a value, 600 of a quote, a few keys), and this is the last guard.
 */
export const MAX_PROBLEM_CHARS = 1000;

/**
 * What reading a dataset can find wrong before the checks run, with the data each names. Like the
 * checks' problems, each carries an English `message` too; the options page says it from the code.
 */
export interface ReadParams {
  /** Sizes in MB with one decimal. */
  fileTooLarge: { size: string; limit: string };
  /** `detail` is JSON.parse's own message. */
  notJson: { detail: string };
  notDataset: { format: string };
  lacksFields: { format: string; fields: string[] };
  unknownFormat: { format: string; expected: string };
  unsupportedVersion: { version: number; supported: number; newer: boolean };
  /** More records of one kind than a dataset may hold; numbers with thousands separators. */
  tooManyRecords: { record: 'article' | 'entity' | 'claim'; count: string; limit: string };
  /** A record that breaks the schema. */
  schema: SchemaIssueParams;
}
export type ReadCode = keyof ReadParams;

/** A zod issue, as data that survives postMessage (nested union errors dropped). */
export type SchemaIssue = z.core.$ZodIssue;

export interface SchemaIssueParams {
  issue: SchemaIssue;
  /** The type of the value found, for a wrong type: string, number, array, null, undefined… */
  received?: string;
  /** Which of the schema's own messages (SCHEMA_MESSAGES) the issue carries, if any. */
  rule?: SchemaRule;
  /** The issue's message is a custom one the schema does not list: it can only be shown as it is. */
  custom?: boolean;
  /** The string found there, cut to 80 characters. */
  got?: string;
  /** For unknown keys: how many more there are than the issue lists (it lists KEYS_SHOWN). */
  moreKeys?: number;
}

export type ReadProblem = { [C in ReadCode]: Problem & { code: C; params: ReadParams[C] } }[ReadCode];

/** Anything an import can be refused for. */
export type ImportProblem = ReadProblem | CheckProblem;

export type ReadResult = { ok: true; dataset: Dataset } | { ok: false; problems: ImportProblem[]; total: number };

export interface ReadOptions {
  /** Called with the share of the work done, 0 to 1. */
  onProgress?: (share: number) => void;
  /** Larger texts are refused unparsed; MAX_DATASET_BYTES unless told. */
  maxBytes?: number;
  /** The checks' search budget in characters (checks.ts MAX_QUOTE_SEARCH unless told). */
  maxSearch?: number;
}

const Envelope = z.looseObject({
  format: z.string(),
  formatVersion: z.number(),
  version: z.unknown(),
  articles: z.array(z.unknown()),
  entities: z.array(z.unknown()),
  claims: z.array(z.unknown()),
});

function fail(problems: ImportProblem[], total = problems.length): ReadResult {
  return { ok: false, problems: problems.slice(0, PROBLEMS_SHOWN).map(bounded), total };
}

/** The problem with its message and where it is cut to a bounded length (the last guard). */
function bounded(problem: ImportProblem): ImportProblem {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  return {
    ...problem,
    message: cut(problem.message, MAX_PROBLEM_CHARS),
    ...(problem.id !== undefined ? { id: cut(problem.id, 120) } : {}),
    ...(problem.field !== undefined ? { field: cut(problem.field, 200) } : {}),
  };
}

const countText = (count: number) => count.toLocaleString('en-US');
const RECORD_LIMITS = [
  ['articles', 'article', MAX_DATASET_ARTICLES],
  ['entities', 'entity', MAX_DATASET_ENTITIES],
  ['claims', 'claim', MAX_DATASET_CLAIMS],
] as const;

const ENGLISH: { [C in Exclude<ReadCode, 'schema'>]: (params: ReadParams[C]) => string } = {
  fileTooLarge: ({ size, limit }) => `The file is ${size} MB; the limit is ${limit} MB.`,
  notJson: ({ detail }) => `This is not JSON: ${detail}`,
  notDataset: ({ format }) => `This is not a Talent Overlay dataset (expected "format": "${format}").`,
  lacksFields: ({ format, fields }) => `The file says it is a ${format} but lacks ${fields.join(', ')}.`,
  unknownFormat: ({ format, expected }) => `Unknown format "${format}"; expected "${expected}".`,
  unsupportedVersion: ({ version, supported, newer }) =>
    `Format version ${version} is not supported; this extension reads version ${supported}${newer ? ' (update the extension)' : ''}.`,
  tooManyRecords: ({ record, count, limit }) =>
    `The dataset has ${count} ${{ article: 'articles', entity: 'entities', claim: 'claims' }[record]}; the limit is ${limit}.`,
};

/** A problem with its English message made from its code and parameters. */
export function readProblem<C extends Exclude<ReadCode, 'schema'>>(
  code: C,
  params: ReadParams[C],
  where: { field?: string } = {},
): ReadProblem {
  return { ...where, code, params, message: ENGLISH[code](params) } as ReadProblem;
}

export function readDataset(text: string, options: ReadOptions = {}): ReadResult {
  const { maxBytes = MAX_DATASET_BYTES } = options;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) {
    return fail([readProblem('fileTooLarge', tooLargeParams(bytes, maxBytes))]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail([readProblem('notJson', { detail: (error as Error).message })]);
  }
  return validateDataset(json, options);
}

export function validateDataset(json: unknown, options: ReadOptions = {}): ReadResult {
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) {
    const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
    return fail([
      format === DATASET_FORMAT
        ? readProblem('lacksFields', {
            format: DATASET_FORMAT,
            fields: envelope.error.issues.map((issue) => issue.path.join('.')),
          })
        : readProblem('notDataset', { format: DATASET_FORMAT }),
    ]);
  }
  const { format, formatVersion } = envelope.data;
  if (format !== DATASET_FORMAT) {
    return fail([readProblem('unknownFormat', { format, expected: DATASET_FORMAT }, { field: 'format' })]);
  }
  if (formatVersion !== DATASET_FORMAT_VERSION) {
    return fail([
      readProblem(
        'unsupportedVersion',
        { version: formatVersion, supported: DATASET_FORMAT_VERSION, newer: formatVersion > DATASET_FORMAT_VERSION },
        { field: 'formatVersion' },
      ),
    ]);
  }

  // Counted before any record is read: the limits hold whatever the records hold.
  const tooMany = RECORD_LIMITS.filter(([name, , limit]) => envelope.data[name].length > limit).map(
    ([name, record, limit]) =>
      readProblem(
        'tooManyRecords',
        { record, count: countText(envelope.data[name].length), limit: countText(limit) },
        { field: name },
      ),
  );
  if (tooMany.length > 0) return fail(tooMany);

  // Record by record, so each problem names its record and progress can be reported. Only the
  // problems shown are kept; the rest are counted.
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  const add = (found: ImportProblem[]) => {
    problemCount += found.length;
    for (const problem of found) if (problems.length < PROBLEMS_SHOWN) problems.push(problem);
  };
  const { articles, entities, claims, ...header } = envelope.data;
  const top = Dataset.omit({ articles: true, entities: true, claims: true }).safeParse(header);
  if (!top.success) add(issuesOf(top.error, header, ''));
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
      else add(issuesOf(result.error, item, `${name}[${index}]`));
      if (++done % 5000 === 0) options.onProgress?.((done / total) * 0.8);
    });
  }
  if (problemCount > 0) return fail(problems, problemCount);

  const dataset = { ...top.data!, ...parsed } as Dataset;
  options.onProgress?.(0.85);
  const checks = checkDataset(dataset, {
    fold: foldText,
    ...(options.maxSearch !== undefined ? { maxSearch: options.maxSearch } : {}),
  });
  options.onProgress?.(1);
  return checks.length > 0 ? fail(checks) : { ok: true, dataset };
}

function idOf(item: unknown): string | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 120) : undefined;
}

const englishIssue = zodEnglish().localeError;

/** One problem per schema issue, naming the record, the field and (for a bad string) what it holds. */
function issuesOf(error: z.ZodError, item: unknown, prefix: string): ReadProblem[] {
  const id = idOf(item);
  return error.issues.map((raw) => {
    const { issue, moreKeys } = boundedIssue(raw);
    const value = valueAt(item, issue.path);
    const got = typeof value === 'string' ? (value.length > 80 ? `${value.slice(0, 80)}…` : value) : undefined;
    const rule = schemaRuleOf(issue.message);
    // zod's English for the issue, as it would say it: anything else is a message of the schema's own.
    const standard = englishIssue({ ...issue, input: value } as never);
    const custom =
      rule === undefined &&
      moreKeys === undefined &&
      issue.message !== (typeof standard === 'string' ? standard : standard?.message);
    const params: SchemaIssueParams = {
      issue: plainIssue(issue),
      ...(issue.code === 'invalid_type' ? { received: typeOf(value) } : {}),
      ...(rule ? { rule } : {}),
      ...(custom ? { custom } : {}),
      ...(got !== undefined ? { got } : {}),
      ...(moreKeys ? { moreKeys } : {}),
    };
    return {
      ...(id ? { id } : {}),
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || undefined,
      code: 'schema',
      params,
      message: got === undefined ? issue.message : `${issue.message} (got "${got}")`,
    };
  });
}

/**
 * The issue with what it lists bounded: a record with 200,000 unknown keys is reported with the
 * first few, each cut short, and how many more there are (zod's message lists them all).
 */
function boundedIssue(issue: SchemaIssue): { issue: SchemaIssue; moreKeys?: number } {
  if (issue.code !== 'unrecognized_keys') return { issue };
  const long = issue.keys.some((key) => key.length > KEY_CHARS);
  if (issue.keys.length <= KEYS_SHOWN && !long) return { issue };
  const keys = issue.keys
    .slice(0, KEYS_SHOWN)
    .map((key) => (key.length > KEY_CHARS ? `${key.slice(0, KEY_CHARS - 1)}…` : key));
  const moreKeys = issue.keys.length - keys.length;
  const listed = keys.map((key) => `"${key}"`).join(', ');
  const message =
    moreKeys > 0
      ? `Unrecognized keys: ${listed} and ${moreKeys} more`
      : `Unrecognized key${keys.length > 1 ? 's' : ''}: ${listed}`;
  return { issue: { ...issue, keys, message }, ...(moreKeys > 0 ? { moreKeys } : {}) };
}

/** The issue without what need not cross to the page: its path (the problem has it) and nested issues. */
function plainIssue(issue: SchemaIssue): SchemaIssue {
  const plain = { ...issue, path: [] };
  if ('errors' in plain) plain.errors = [];
  if ('issues' in plain) plain.issues = [];
  return plain;
}

/** A JSON value's type as zod names it. */
function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(item: unknown, path: PropertyKey[]): unknown {
  let value = item;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
