/**
 * The house's conventions, read from the source tree's imports: the dataset format and the shapes
 * that cross the protocol are leaves, views do not reach into the background's modules, the
 * node-only build stays out of the extension, and no module imports itself round a cycle.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../harness/paths';

const SOURCE_FOLDERS = ['data', 'utils', 'components', 'entrypoints'];

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(ROOT, folder))) {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The project file an import specifier names, or null for a package (or an asset such as CSS). */
function resolve(from: string, specifier: string): string | null {
  const bare = specifier.replace(/\?.*$/, '');
  let base: string;
  if (bare.startsWith('@/')) base = bare.slice(2);
  else if (bare.startsWith('.')) base = join(dirname(from), bare);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(join(ROOT, candidate))) return relative('.', candidate);
  }
  return null;
}

/** Every source module and the project modules it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCE_FOLDERS.flatMap(sourceFiles)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles.map((imported) => resolve(file, imported.fileName)).filter((t) => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle per strongly connected group of modules, as a path that returns to its start. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const graph = importGraph();
const importsOf = (test: (file: string) => boolean) =>
  [...graph]
    .filter(([file]) => test(file))
    .flatMap(([file, targets]) => targets.map((target) => `${file} → ${target}`));

const isFormat = (file: string) => file.startsWith('data/format/');
const isBuild = (file: string) => file.startsWith('data/build/');
const isExtension = (file: string) => /^(utils|components|entrypoints)\//.test(file);
const BACKGROUND_MODULES = [
  'utils/background-service.ts',
  'utils/dataset-store.ts',
  'utils/db.ts',
  'utils/buckets.ts',
  'utils/entity-details.ts',
  'utils/search-service.ts',
];
const isView = (file: string) => /^(components|entrypoints\/(popup|options|source))\//.test(file);

describe('the import graph', () => {
  it('is read from every source folder', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get('utils/messaging.ts')).toContain('utils/protocol.ts');
  });

  it('has no cycle', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('keeps the dataset format a leaf: data/format imports only itself', () => {
    expect(importsOf(isFormat).filter((edge) => !isFormat(edge.split(' → ')[1]!))).toEqual([]);
  });

  it('keeps the protocol shapes a leaf: protocol.ts imports only the format', () => {
    expect(
      importsOf((file) => file === 'utils/protocol.ts').filter((edge) => !isFormat(edge.split(' → ')[1]!)),
    ).toEqual([]);
  });

  it('builds the message protocol from the format and the protocol shapes only', () => {
    const allowed = (target: string) => isFormat(target) || target === 'utils/protocol.ts';
    expect(
      importsOf((file) => file === 'utils/messaging.ts').filter((edge) => !allowed(edge.split(' → ')[1]!)),
    ).toEqual([]);
  });

  it('leaves the node-only build out of the extension', () => {
    expect(importsOf(isExtension).filter((edge) => isBuild(edge.split(' → ')[1]!))).toEqual([]);
  });

  it('lets views take shapes from the protocol, never from the background modules', () => {
    expect(importsOf(isView).filter((edge) => BACKGROUND_MODULES.includes(edge.split(' → ')[1]!))).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle, and none in a tree', () => {
    const looped = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(cycles(looped)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      cycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
  });
});
