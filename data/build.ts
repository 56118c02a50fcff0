/**
 * `npm run data:build`: reads data/sources and data/extraction, compiles the dataset, and writes
 * public/dataset.json (deterministic: same input, same bytes) and data/dataset.schema.json.
 * Lists every problem with its file, id and field, and exits non-zero on any.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Problem } from './checks';
import { type BuildInput, compileDataset, type InputFile } from './compile';
import { datasetJsonSchema } from './json-schema';

const dataDir = dirname(fileURLToPath(import.meta.url));
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

export function formatProblem(problem: Problem): string {
  const where = [problem.file ?? '(dataset)', problem.id, problem.field].filter(Boolean).join(' › ');
  return `${where}: ${problem.message}`;
}

/** Writes through a temporary file so a reader never sees half a file. */
function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

function main(): void {
  const result = compileDataset(readBuildInput());
  if (!result.ok) {
    console.error(`data:build found ${result.problems.length} problem(s):`);
    for (const problem of result.problems) console.error(`  ${formatProblem(problem)}`);
    process.exit(1);
  }
  const { dataset } = result;
  writeAtomically(join(root, 'public', 'dataset.json'), `${JSON.stringify(dataset)}\n`);
  writeAtomically(join(dataDir, 'dataset.schema.json'), `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`);
  const byKind = (kind: string) => dataset.entities.filter((entity) => entity.kind === kind).length;
  console.log(
    `data:build wrote public/dataset.json (version ${dataset.version}): ${dataset.articles.length} articles, ` +
      `${dataset.entities.length} entities (${byKind('person')} people, ${byKind('org')} organisations, ` +
      `${byKind('model')} models), ${dataset.claims.length} claims`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
