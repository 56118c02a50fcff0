/**
 * `npm run data:build`: reads data/sources and data/extraction, compiles the dataset, checks that no
 * strong name is an ordinary word (common-words.ts), and writes public/dataset.json (deterministic:
 * same input, same bytes), data/dataset.schema.json, the matcher's fold pairs
 * (utils/matcher/fold-pairs.generated.ts) and the matcher's word boundaries (public/lexicon.json,
 * from jieba's dictionary).
 * Lists every problem with its file, id and field, and exits non-zero on any.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../format/schema';
import { checkCommonWords, ReviewedFile } from './common-words';
import { type BuildInput, compileDataset, type InputFile } from './compile';
import { FOLD_PAIRS_FILE, foldPairsModule } from './fold-pairs';
import { formatProblem } from './format-problem';
import { datasetJsonSchema } from './json-schema';
import { lexicon } from './lexicon';

/** data/: the sources and the extraction (this file is in data/build/). */
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(dataDir, '..');

export function readBuildInput(directory = dataDir): BuildInput {
  const sources = join(directory, 'sources');
  const extraction = join(directory, 'extraction');
  const texts: BuildInput['texts'] = new Map();
  for (const name of readdirSync(sources).sort()) {
    if (!name.endsWith('.txt')) continue;
    const path = join(sources, name);
    texts.set(basename(name, '.txt'), { path: relative(root, path), text: readFileSync(path, 'utf8') });
  }
  const extractions = readdirSync(extraction)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readJson(join(extraction, name)));
  return { articleMeta: readJson(join(sources, 'articles.json')), texts, extractions };
}

function readJson(path: string): InputFile {
  const file = relative(root, path);
  try {
    return { path: file, content: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    return { path: file, content: undefined, parseError: (error as Error).message };
  }
}

/** Writes through a temporary file so a reader never sees half a file. */
function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * `--data-dir DIR` reads sources/ and extraction/ from DIR instead of data/ (to check a draft
 * extraction on its own); `--check` validates without writing anything.
 */
export function dataDirFromArgs(args: string[]): string {
  const at = args.indexOf('--data-dir');
  return at >= 0 && args[at + 1] ? join(process.cwd(), args[at + 1]!) : dataDir;
}

/** The strong names a curator reviewed and kept (see common-words.ts), read from data/. */
export function readReviewed(directory = dataDir): ReviewedFile {
  const file = readJson(join(directory, 'common-words-reviewed.json'));
  const parsed = ReviewedFile.safeParse(file.content ?? { strong: [] });
  if (!parsed.success) throw new Error(`${file.path}: ${parsed.error.message}`);
  return parsed.data;
}

/** The dataset, built and checked, with the common-word guard; or the problems, printed. */
export function buildChecked(directory: string): Dataset {
  const result = compileDataset(readBuildInput(directory));
  const problems = result.ok ? checkCommonWords(result.dataset, lexicon(), readReviewed(directory)) : result.problems;
  if (!result.ok || problems.length > 0) {
    console.error(`data:build found ${problems.length} problem(s):`);
    for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
    process.exit(1);
  }
  return result.dataset;
}

function main(): void {
  const args = process.argv.slice(2);
  const dataset = buildChecked(dataDirFromArgs(args));
  if (args.includes('--check')) {
    console.log(
      `data:build --check: no problems (${dataset.entities.length} entities, ${dataset.claims.length} claims)`,
    );
    return;
  }
  writeAtomically(join(root, 'public', 'dataset.json'), `${JSON.stringify(dataset)}\n`);
  writeAtomically(join(dataDir, 'dataset.schema.json'), `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
  writeAtomically(join(root, FOLD_PAIRS_FILE), foldPairsModule());
  writeAtomically(join(root, 'public', 'lexicon.json'), `${JSON.stringify(lexicon().matcherLexicon())}\n`);
  const byKind = (kind: string) => dataset.entities.filter((entity) => entity.kind === kind).length;
  console.log(
    `data:build wrote public/dataset.json (version ${dataset.version}): ${dataset.articles.length} articles, ` +
      `${dataset.entities.length} entities (${byKind('person')} people, ${byKind('org')} organisations, ` +
      `${byKind('model')} models), ${dataset.claims.length} claims`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
