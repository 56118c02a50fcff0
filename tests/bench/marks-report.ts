/**
 * How right the marks are, measured on text, with the content script's own matcher and
 * corroboration (every kind of entity marked, as a reader who turns models on sees it):
 *
 * - Recall on the five source articles, with the curated extraction as the gold. Every occurrence
 *   of a name of an entity the extraction ties to that article (it quotes a mention of it there, or
 *   a claim about it cites the article) should be marked, for that entity. Marks of entities the
 *   article is not tied to are listed for a reader to judge.
 * - False marks on ordinary text that is not about these companies: the committed corpus in
 *   tests/corpus/ordinary/ (written for the project, or public domain) and sentences built at
 *   random from jieba's common words. Every mark there is false, per 100,000 characters.
 *
 * `npm run marks:report` prints it; `npm run bench` includes it; unit tests hold the targets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimRefs } from '@/data/format/claims';
import type { Dataset } from '@/data/format/schema';
import { Corroboration } from '@/utils/marking/corroboration';
import { compileMatcher } from '@/utils/matcher/compile';
import type { MatcherLexicon } from '@/utils/matcher/compiled';
import { Matcher } from '@/utils/matcher/matcher';
import { ROOT } from '../harness/paths';
import { random } from './synthetic';

export const CORPUS = join(ROOT, 'tests', 'corpus', 'ordinary');

export interface Mark {
  paragraph: number;
  start: number;
  end: number;
  entity: number;
}

export interface MarkingSetup {
  dataset: Dataset;
  matcher: Matcher;
  ids: string[];
}

/**
 * The dataset and lexicon compiled as the background does: by default the bundled ones (npm run
 * data:build writes both to public/).
 */
export function loadMarkingSetup(
  dataset = JSON.parse(readFileSync(join(ROOT, 'public', 'dataset.json'), 'utf8')) as Dataset,
  lexicon = JSON.parse(readFileSync(join(ROOT, 'public', 'lexicon.json'), 'utf8')) as MatcherLexicon,
): MarkingSetup {
  const compiled = compileMatcher(dataset.entities, dataset.version, { claims: dataset.claims, lexicon });
  return { dataset, matcher: new Matcher(compiled), ids: dataset.entities.map((entity) => entity.id) };
}

/** The marks a page of these paragraphs gets, in order found (corroboration spans the whole page). */
export function markPage(matcher: Matcher, paragraphs: string[], kinds = 'pom'): Mark[] {
  const corroboration = new Corroboration<number>(matcher, new Set(kinds));
  const marks: Mark[] = [];
  paragraphs.forEach((text, paragraph) => {
    for (const mark of corroboration.add(paragraph, matcher.scan(text))) {
      marks.push({ paragraph: mark.place, start: mark.start, end: mark.end, entity: mark.entity });
    }
  });
  return marks;
}

/** An article's text as a page shows it: one paragraph per line. */
export function paragraphsOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim().length > 0);
}

export interface GoldArticle {
  article: string;
  expected: number;
  found: number;
  /** Expected occurrences marked for another entity. */
  wrongEntity: string[];
  /** Expected occurrences left unmarked: "name (entity id)". */
  missed: string[];
  /** Marks of entities the article is not tied to: for a reader to judge. */
  untied: string[];
}

/** Recall per article against the curated extraction (see the file's comment). */
export function goldReport({ dataset, matcher, ids }: MarkingSetup): GoldArticle[] {
  const number = new Map(ids.map((id, index) => [id, index]));
  const tied = new Map<string, Set<number>>(dataset.articles.map((article) => [article.id, new Set()]));
  for (const entity of dataset.entities) {
    for (const mention of entity.mentions) tied.get(mention.article)?.add(number.get(entity.id)!);
  }
  for (const claim of dataset.claims) {
    for (const evidence of claim.evidence) {
      for (const id of claimRefs(claim)) tied.get(evidence.article)?.add(number.get(id)!);
    }
  }
  return dataset.articles.map((article) => {
    const mine = tied.get(article.id)!;
    const paragraphs = paragraphsOf(article.text);
    const marks = new Map(markPage(matcher, paragraphs).map((mark) => [`${mark.paragraph}:${mark.start}`, mark]));
    const report: GoldArticle = {
      article: article.id,
      expected: 0,
      found: 0,
      wrongEntity: [],
      missed: [],
      untied: [],
    };
    const expectedAt = new Set<string>();
    paragraphs.forEach((text, paragraph) => {
      // Every occurrence of a name, as the matcher finds names before weak names and guards decide.
      for (const match of matcher.scan(text)) {
        // A name two entities tied to the article share (通义: the lab and the model) is right for either.
        const right = match.candidates.filter((candidate) => mine.has(candidate.entity)).map((c) => c.entity);
        if (right.length === 0) continue;
        const at = `${paragraph}:${match.start}`;
        expectedAt.add(at);
        report.expected++;
        const name = text.slice(match.start, match.end);
        const mark = marks.get(at);
        const expectedIds = right.map((entity) => ids[entity]).join(' or ');
        if (!mark) report.missed.push(`${name} (${expectedIds})`);
        else if (!right.includes(mark.entity))
          report.wrongEntity.push(`${name} (${ids[mark.entity]}, not ${expectedIds})`);
        else report.found++;
      }
    });
    for (const [at, mark] of marks) {
      if (expectedAt.has(at)) continue;
      const text = paragraphs[mark.paragraph]!.slice(mark.start, mark.end);
      report.untied.push(`${text} (${ids[mark.entity]})`);
    }
    return report;
  });
}

export interface OrdinaryReport {
  source: string;
  chars: number;
  marks: string[];
}

/** Every mark on the committed ordinary corpus, file by file. */
export function corpusReport({ matcher, ids }: MarkingSetup): OrdinaryReport[] {
  return readdirSync(CORPUS)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ordinaryMarks(matcher, ids, name, readFileSync(join(CORPUS, name), 'utf8')));
}

function ordinaryMarks(matcher: Matcher, ids: string[], source: string, text: string): OrdinaryReport {
  const paragraphs = paragraphsOf(text);
  const marks = markPage(matcher, paragraphs).map((mark) => {
    const line = paragraphs[mark.paragraph]!;
    const context = line.slice(Math.max(0, mark.start - 8), mark.end + 8).replace(/\s+/g, ' ');
    return `${line.slice(mark.start, mark.end)} (${ids[mark.entity]}) in “${context}”`;
  });
  return { source, chars: paragraphs.reduce((sum, line) => sum + line.length, 0), marks };
}

/**
 * Sentences of common words drawn at random from jieba's dictionary (a fixed seed), each a
 * "page" of its own: they put every common word beside every other, which is where a name
 * straddling two words hides (浙江|一家). Words that are themselves strong names are left out:
 * those would be real mentions.
 */
export function generatedReport(setup: MarkingSetup, jiebaWords: string[], chars = 200_000): OrdinaryReport {
  const rand = random(20261128);
  const pages: string[] = [];
  let total = 0;
  while (total < chars) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 5; p++) {
      let sentence = '';
      const length = 6 + Math.floor(rand() * 10);
      for (let w = 0; w < length; w++) sentence += jiebaWords[Math.floor(rand() * jiebaWords.length)];
      paragraphs.push(`${sentence}。`);
      total += sentence.length + 1;
    }
    pages.push(paragraphs.join('\n'));
  }
  const reports = pages.map((page, index) => ordinaryMarks(setup.matcher, setup.ids, `generated ${index}`, page));
  return {
    source: 'sentences of jieba common words',
    chars: reports.reduce((sum, report) => sum + report.chars, 0),
    marks: reports.flatMap((report) => report.marks),
  };
}

/** jieba's words of two to four Han characters seen 100 times or more, less the dataset's strong names. */
export async function commonJiebaWords(dataset: Dataset): Promise<string[]> {
  const { lexicon } = await import('@/data/build/lexicon');
  const { strongNames } = await import('@/data/format/checks');
  const { simplify } = await import('@/data/build/chinese');
  const strong = new Set(dataset.entities.flatMap((entity) => strongNames(entity).map(simplify)));
  const words: string[] = [];
  for (const [word, { freq }] of lexicon().jieba) {
    if (freq >= 100 && /^\p{Script=Han}{2,4}$/u.test(word) && !strong.has(word)) words.push(word);
  }
  return words.sort();
}

const per100k = (count: number, chars: number) => ((count / chars) * 100_000).toFixed(2);

export async function runMarksReport(): Promise<string[]> {
  const setup = loadMarkingSetup();
  const lines: string[] = ['Marks on text (the matcher and corroboration in Node; every kind marked)'];

  const gold = goldReport(setup);
  const expected = gold.reduce((sum, article) => sum + article.expected, 0);
  const found = gold.reduce((sum, article) => sum + article.found, 0);
  lines.push('', 'Recall on the five articles, the curated extraction as the gold:');
  for (const article of gold) {
    lines.push(
      `  ${article.article}: ${article.found} of ${article.expected} (${((article.found / article.expected) * 100).toFixed(1)}%)`,
    );
    if (article.missed.length) lines.push(`    missed: ${article.missed.join(', ')}`);
    if (article.wrongEntity.length) lines.push(`    wrong entity: ${article.wrongEntity.join(', ')}`);
    if (article.untied.length) lines.push(`    marked, entity not tied to the article: ${article.untied.join(', ')}`);
  }
  lines.push(`  all: ${found} of ${expected} (${((found / expected) * 100).toFixed(1)}%)`);

  const ordinary = [...corpusReport(setup), generatedReport(setup, await commonJiebaWords(setup.dataset))];
  const chars = ordinary.reduce((sum, report) => sum + report.chars, 0);
  const marks = ordinary.reduce((sum, report) => sum + report.marks.length, 0);
  lines.push('', 'False marks on ordinary text (every mark there is false):');
  for (const report of ordinary) {
    lines.push(
      `  ${report.source}: ${report.marks.length} in ${report.chars} chars (${per100k(report.marks.length, report.chars)} per 100,000)`,
    );
    for (const mark of report.marks.slice(0, 10)) lines.push(`    ${mark}`);
  }
  lines.push(`  all: ${marks} in ${chars} chars (${per100k(marks, chars)} per 100,000)`);
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMarksReport().then((lines) => console.log(lines.join('\n')));
}
