/**
 * Turns the curated sources into the dataset: validates every file with the schema, merges the
 * extraction files, derives Traditional/Simplified alias variants, resolves estimated times, runs
 * the dataset checks, and reports every problem at once with its file, id and field.
 *
 * Pure: the caller reads the files (build.ts) so tests can feed it records directly.
 */
import type { z } from 'zod';
import { checkDataset, type Problem } from '../format/checks';
import { claimTimes } from '../format/claims';
import { sortById } from '../format/order';
import {
  type Alias,
  type Article,
  ArticleMetaFile,
  type Claim,
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
  Dataset,
  type Entity,
  ExtractionFile,
} from '../format/schema';
import { foldForComparison, hasHan, simplify, traditionalForms } from './chinese';

export interface InputFile {
  path: string;
  /** The parsed JSON, or the error from parsing it. */
  content: unknown;
  parseError?: string;
}

export interface BuildInput {
  articleMeta: InputFile;
  /** Article texts by article id, with the file each came from. */
  texts: Map<string, { path: string; text: string }>;
  extractions: InputFile[];
}

export type BuildResult = { ok: true; dataset: Dataset } | { ok: false; problems: Problem[] };

export function compileDataset(input: BuildInput): BuildResult {
  const problems: Problem[] = [];
  const fileOf = new Map<string, string>();

  const meta = parseFile(input.articleMeta, ArticleMetaFile, problems);
  const articles: Article[] = [];
  for (const article of meta?.articles ?? []) {
    const text = input.texts.get(article.id);
    fileOf.set(article.id, input.articleMeta.path);
    if (text === undefined) {
      problems.push({ file: input.articleMeta.path, id: article.id, message: `no text file ${article.id}.txt` });
      continue;
    }
    articles.push({ ...article, text: text.text });
  }
  for (const [id, { path }] of input.texts) {
    if (!meta?.articles.some((article) => article.id === id)) {
      problems.push({ file: path, id, message: 'text file with no entry in articles.json' });
    }
  }

  const entities: Entity[] = [];
  const claims: Claim[] = [];
  for (const file of input.extractions) {
    const parsed = parseFile(file, ExtractionFile, problems);
    if (!parsed) continue;
    for (const entity of parsed.entities) {
      if (!fileOf.has(entity.id)) fileOf.set(entity.id, file.path);
      entities.push(entity);
    }
    for (const claim of parsed.claims) {
      if (!fileOf.has(claim.id)) fileOf.set(claim.id, file.path);
      claims.push(claim);
    }
  }

  const published = new Map(articles.map((article) => [article.id, article.published]));
  const dataset: Dataset = {
    format: DATASET_FORMAT,
    formatVersion: DATASET_FORMAT_VERSION,
    version: meta?.version ?? '0000.00.00',
    ...(meta?.description ? { description: meta.description } : {}),
    articles: sortById(articles),
    entities: sortById(entities.map(withDerivedAliases)),
    claims: sortById(claims.map((claim) => withEstimatedTimes(claim, published, problems))),
  };

  for (const problem of checkDataset(dataset, { fold: foldForComparison })) {
    problems.push({ ...problem, file: problem.id ? fileOf.get(problem.id) : undefined });
  }
  // The assembled document must satisfy the published schema too (it is what imports accept).
  const final = Dataset.safeParse(dataset);
  if (!final.success) problems.push(...zodProblems(final.error, 'public/dataset.json'));

  return problems.length > 0 ? { ok: false, problems } : { ok: true, dataset };
}

function parseFile<T extends z.ZodType>(file: InputFile, schema: T, problems: Problem[]): z.infer<T> | undefined {
  if (file.parseError !== undefined) {
    problems.push({ file: file.path, message: `not valid JSON: ${file.parseError}` });
    return undefined;
  }
  const result = schema.safeParse(file.content);
  if (result.success) return result.data;
  problems.push(...zodProblems(result.error, file.path, file.content));
  return undefined;
}

/** Turns zod issues into problems that name the record's id where the path leads into one. */
function zodProblems(error: z.ZodError, file: string, content?: unknown): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    let id: string | undefined;
    let field = path.join('.');
    // Paths look like entities.3.aliases.0.text: name the record by its id when it has one.
    if (path.length >= 2 && content && typeof content === 'object') {
      const list = (content as Record<string, unknown>)[path[0] as string];
      const record = Array.isArray(list) ? list[Number(path[1])] : undefined;
      if (record && typeof record === 'object' && typeof (record as { id?: unknown }).id === 'string') {
        id = (record as { id: string }).id;
        field = path.slice(2).join('.') || '(record)';
      }
    }
    return { file, id, field: field || '(document)', message: issue.message };
  });
}

/** Adds the Simplified and Traditional forms of every Chinese name that the curators did not list. */
export function withDerivedAliases(entity: Entity): Entity {
  const present = new Set([entity.name, entity.nameEn, ...entity.aliases.map((alias) => alias.text)]);
  const derived: Alias[] = [];
  const add = (text: string, lang: Alias['lang'], weak: boolean | undefined) => {
    if (present.has(text)) return;
    present.add(text);
    derived.push({ text, lang, ...(weak ? { weak } : {}), origin: 'derived' });
  };
  // A derived form is as weak as the name it comes from: the matcher folds both to one key, and a
  // key is weak only if every name behind it is.
  const sources: { text: string; weak?: boolean }[] = [{ text: entity.name, weak: entity.nameWeak }, ...entity.aliases];
  for (const { text, weak } of sources) {
    if (!hasHan(text)) continue;
    add(simplify(text), 'zh-Hans', weak);
    for (const form of traditionalForms(text)) add(form, 'zh-Hant', weak);
  }
  return derived.length > 0 ? { ...entity, aliases: [...entity.aliases, ...derived] } : entity;
}

/**
 * A relative time (今年2月) resolved against an estimated publication date is itself estimated.
 * The evidence's first article is the one the time was resolved against.
 */
function withEstimatedTimes(claim: Claim, published: Map<string, Article['published']>, problems: Problem[]): Claim {
  const article = published.get(claim.evidence[0]?.article ?? '');
  if (!article?.estimated) return claim;
  let changed = false;
  const copy: Record<string, unknown> = { ...claim };
  for (const [field, time] of claimTimes(claim)) {
    if (!time.relative) continue;
    if (time.estimated === false) {
      problems.push({
        id: claim.id,
        field,
        message: 'resolved against an estimated publication date, so it cannot be estimated: false',
      });
      continue;
    }
    if (time.estimated !== true) {
      copy[field] = { ...time, estimated: true };
      changed = true;
    }
  }
  return changed ? (copy as Claim) : claim;
}
