/**
 * The trusted-marks targets, held on the committed text: recall on the five articles against the
 * curated extraction, and false marks on the ordinary corpus and on sentences of common words.
 * (npm run marks:report prints the figures and every miss.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readBuildInput } from '@/data/build/build';
import { compileDataset } from '@/data/build/compile';
import { lexicon } from '@/data/build/lexicon';
import {
  commonJiebaWords,
  corpusReport,
  generatedReport,
  goldReport,
  loadMarkingSetup,
  type MarkingSetup,
} from '../bench/marks-report';

let setup: MarkingSetup;

beforeAll(() => {
  const built = compileDataset(readBuildInput());
  if (!built.ok) throw new Error('the dataset does not build');
  setup = loadMarkingSetup(built.dataset, lexicon().matcherLexicon());
}, 30_000);

describe('marks on the five articles', () => {
  it('mark 97% or more of the curated entities’ names, each for an entity tied to the article', () => {
    const gold = goldReport(setup);
    const expected = gold.reduce((sum, article) => sum + article.expected, 0);
    const found = gold.reduce((sum, article) => sum + article.found, 0);
    expect(expected).toBeGreaterThan(800);
    expect(found / expected).toBeGreaterThanOrEqual(0.97);
    expect(gold.flatMap((article) => article.wrongEntity).length).toBeLessThanOrEqual(3);
  });
});

describe('marks on ordinary text', () => {
  it('are at most 1 per 100,000 characters of the committed corpus', () => {
    const reports = corpusReport(setup);
    const chars = reports.reduce((sum, report) => sum + report.chars, 0);
    const marks = reports.flatMap((report) => report.marks.map((mark) => `${report.source}: ${mark}`));
    expect(chars).toBeGreaterThan(300_000);
    expect(marks.length, marks.join('\n')).toBeLessThanOrEqual(chars / 100_000);
  });

  it('are at most 1 per 100,000 characters of sentences built from common words', async () => {
    const report = generatedReport(setup, await commonJiebaWords(setup.dataset), 100_000);
    expect(report.marks.length, report.marks.join('\n')).toBeLessThanOrEqual(report.chars / 100_000);
  });
});
