/**
 * Checks a dataset beyond what its schema can say: unique ids, references that resolve to the right
 * kind of entity, quotes that occur in their article, names that occur in their mentions.
 *
 * Pure, so the options page runs the same checks on an imported dataset of 100,000 entities that
 * the build runs on the curated one. Finding quotes in articles costs their number times the
 * articles' length, which a crafted file can make enormous: every text search is charged to a
 * budget (MAX_QUOTE_SEARCH characters searched), the same search is never made twice, and a
 * dataset that spends the budget is refused with `checkBudget` instead of keeping the page busy
 * for hours.
 */
import { CLAIM_REFERENCES, claimReferences, claimTimes } from './claims';
import type { Article, Certainty, Claim, ClaimKind, Dataset, Entity, EntityKind, Evidence } from './schema';

export interface Problem {
  /** The file the record came from, when known (the build fills it in). */
  file?: string;
  /** The id of the record at fault. */
  id?: string;
  /** The field within the record, as a path: evidence[0].quote. */
  field?: string;
  /** What is wrong, in English: the build prints it. */
  message: string;
}

/**
 * What each check can find, with the data it names (ids, names, quotes, dates: shown as they are).
 * The options page says a problem in the reader's language from its code and these parameters
 * (utils/import/problem-text.ts); the build prints the English `message` made from the same.
 */
export interface CheckParams {
  duplicateId: { record: 'article' | 'entity' | 'claim'; position: number };
  unknownArticle: { article: string };
  quoteNotFound: { article: string; quote: string };
  strongNameShared: { name: string; owner: string };
  aliasNotInArticles: { alias: string };
  aliasRepeatsName: { alias: string };
  aliasSingleCharacter: { alias: string };
  quoteNamesNoName: { names: string[] };
  unknownEntity: { entity: string };
  parentNotOrg: { parent: string; kind: EntityKind };
  parentLoop: { parent: string };
  wrongEntityKind: { entity: string; kind: EntityKind; claimKind: ClaimKind; field: string; allowed: EntityKind[] };
  hedgeNotInQuotes: { hedge: string };
  hedgeMissing: { certainty: Exclude<Certainty, 'stated' | 'inferred'> };
  inferenceUnexplained: Record<string, never>;
  relativeTimeWithoutWords: Record<string, never>;
  endsBeforeStart: { start: string; end: string };
  moveToSameOrg: Record<string, never>;
  /** The checks would search more than `limit` characters (written with thousands separators). */
  checkBudget: { limit: string };
}
export type CheckCode = keyof CheckParams;

/** A problem a check found: its code and parameters, and the same in English. */
export type CheckProblem = { [C in CheckCode]: Problem & { code: C; params: CheckParams[C] } }[CheckCode];

const ENGLISH: { [C in CheckCode]: (params: CheckParams[C]) => string } = {
  duplicateId: ({ record, position }) => `duplicate ${record} id (again at position ${position})`,
  unknownArticle: ({ article }) => `unknown article '${article}'`,
  quoteNotFound: ({ article, quote }) => `quote not found in article '${article}': "${quote}"`,
  strongNameShared: ({ name, owner }) =>
    `name '${name}' is also a strong name of ${owner}; mark it weak on both or drop it from one`,
  aliasNotInArticles: ({ alias }) =>
    `alias '${alias}' is marked origin "source" but occurs in no article; use "knowledge" if it comes from general knowledge`,
  aliasRepeatsName: ({ alias }) => `alias '${alias}' repeats another name`,
  aliasSingleCharacter: ({ alias }) => `alias '${alias}' is a single character`,
  quoteNamesNoName: ({ names }) => `the quote names none of the entity's names (${names.join(', ')})`,
  unknownEntity: ({ entity }) => `unknown entity '${entity}'`,
  parentNotOrg: ({ parent, kind }) => `parent '${parent}' is a ${kind}, not an org`,
  parentLoop: ({ parent }) => `parent chain loops back to '${parent}'`,
  wrongEntityKind: ({ entity, kind, claimKind, field, allowed }) =>
    `'${entity}' is a ${kind}; a ${claimKind} claim's ${field} must be ${allowed.join(' or ')}`,
  hedgeNotInQuotes: ({ hedge }) => `hedge '${hedge}' is not in any of its quotes`,
  hedgeMissing: ({ certainty }) => `a ${certainty} claim names the hedge words in its quote that make it so`,
  inferenceUnexplained: () => 'an inferred claim says in its note how the text implies it',
  relativeTimeWithoutWords: () => 'a relative time keeps its words in asWritten (今年2月)',
  endsBeforeStart: ({ start, end }) => `ends (${end}) before it starts (${start})`,
  moveToSameOrg: () => 'a move from and to the same organisation',
  checkBudget: ({ limit }) =>
    `Checking the quotes would mean searching more than ${limit} characters of article text; the check was stopped. Use shorter articles or fewer quotes.`,
};

/**
 * How many characters the checks may search in all. A search that nearly matches everywhere
 * ('aaa…ab' in 'aaaa…') runs at some 70 characters a microsecond on a slow 2-core machine, so a
 * crafted file is refused after about a minute at worst; ordinary text is searched far faster, and
 * the benchmark's 100,000 entities and 300,000 claims spend between 0.4 and 1 billion of it.
 */
export const MAX_QUOTE_SEARCH = 5_000_000_000;

/** What a step up a parent chain is charged, in characters searched (a map lookup costs about as much). */
const PARENT_STEP_COST = 16;

class BudgetSpent extends Error {}

/** Text searches charged to one budget. */
class Search {
  constructor(private left: number) {}
  /** Charges `cost` characters; throws BudgetSpent once the budget is gone. */
  spend(cost: number): void {
    this.left -= cost;
    if (this.left < 0) throw new BudgetSpent();
  }
  includes(text: string, needle: string): boolean {
    this.spend(text.length);
    return text.includes(needle);
  }
}

/** A problem with its English message made from its code and parameters. */
export function checkProblem<C extends CheckCode>(
  code: C,
  params: CheckParams[C],
  where: { id?: string; field?: string } = {},
): CheckProblem {
  return { ...where, code, params, message: ENGLISH[code](params) } as CheckProblem;
}

export interface CheckOptions {
  /**
   * Folds a text for name comparisons (Traditional to Simplified, lower case). The build passes
   * OpenCC's converter; the extension passes its character fold.
   */
  fold: (text: string) => string;
  /** Characters the checks may search in all (MAX_QUOTE_SEARCH unless told). */
  maxSearch?: number;
}

/** Collapses whitespace runs (including full-width and no-break spaces) to one space. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
}

export function checkDataset(dataset: Dataset, options: CheckOptions): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const maxSearch = options.maxSearch ?? MAX_QUOTE_SEARCH;
  const search = new Search(maxSearch);
  try {
    indexUnique(dataset.articles, 'article', problems);
    const entities = indexUnique(dataset.entities, 'entity', problems);
    indexUnique(dataset.claims, 'claim', problems);
    const texts = articleTexts(dataset.articles, options, search);
    checkEntities(dataset.entities, entities, texts, options, problems);
    for (const claim of dataset.claims) checkClaim(claim, entities, texts, options, problems);
  } catch (error) {
    if (!(error instanceof BudgetSpent)) throw error;
    // First: it says why the list is incomplete, and a list shown cut short must still show it.
    problems.unshift(checkProblem('checkBudget', { limit: maxSearch.toLocaleString('en-US') }));
  }
  return problems;
}

/** Each article's text with whitespace collapsed (quotes are compared so), and the same folded (for names). */
interface ArticleTexts {
  normalised: Map<string, string>;
  folded: string[];
  search: Search;
  /** Whether a quote (whitespace collapsed) occurs in an article, by article id then quote: found once. */
  quotes: Map<string, Map<string, boolean>>;
  /** Whether a folded source alias occurs in any article: found once. */
  aliases: Map<string, boolean>;
}

function articleTexts(articles: Article[], options: CheckOptions, search: Search): ArticleTexts {
  const normalised = new Map<string, string>();
  const folded: string[] = [];
  for (const article of articles) {
    const text = normaliseWhitespace(article.text);
    normalised.set(article.id, text);
    folded.push(options.fold(text));
  }
  return { normalised, folded, search, quotes: new Map(), aliases: new Map() };
}

/** Whether the quote occurs in the article's text (known to exist), each pair searched once. */
function quoteInArticle(texts: ArticleTexts, article: string, text: string, quote: string): boolean {
  let known = texts.quotes.get(article);
  if (!known) {
    known = new Map();
    texts.quotes.set(article, known);
  }
  const needle = normaliseWhitespace(quote);
  let found = known.get(needle);
  if (found === undefined) {
    found = texts.search.includes(text, needle);
    known.set(needle, found);
  }
  return found;
}

function aliasInArticles(texts: ArticleTexts, folded: string): boolean {
  let found = texts.aliases.get(folded);
  if (found === undefined) {
    found = texts.folded.some((text) => texts.search.includes(text, folded));
    texts.aliases.set(folded, found);
  }
  return found;
}

/** Each quote names a known article and occurs in its text. */
function checkEvidence(
  id: string,
  field: string,
  evidence: Evidence[],
  texts: ArticleTexts,
  problems: CheckProblem[],
): void {
  evidence.forEach((item, index) => {
    const text = texts.normalised.get(item.article);
    if (text === undefined) {
      problems.push(
        checkProblem('unknownArticle', { article: item.article }, { id, field: `${field}[${index}].article` }),
      );
    } else if (!quoteInArticle(texts, item.article, text, item.quote)) {
      problems.push(
        checkProblem(
          'quoteNotFound',
          { article: item.article, quote: item.quote },
          { id, field: `${field}[${index}].quote` },
        ),
      );
    }
  });
}

function checkEntities(
  list: Entity[],
  entities: Map<string, Entity>,
  texts: ArticleTexts,
  options: CheckOptions,
  problems: CheckProblem[],
): void {
  const strongNameOwner = new Map<string, string>();
  for (const entity of list) {
    checkEvidence(entity.id, 'mentions', entity.mentions, texts, problems);
    checkEntityNames(entity, options, problems);
    checkMentionsNameEntity(entity, options, texts.search, problems);
    checkParent(entity, entities, texts.search, problems);
    for (const name of strongNames(entity)) {
      const key = options.fold(name);
      const owner = strongNameOwner.get(key);
      if (owner !== undefined && owner !== entity.id) {
        problems.push(checkProblem('strongNameShared', { name, owner }, { id: entity.id, field: 'aliases' }));
      } else {
        strongNameOwner.set(key, entity.id);
      }
    }
    entity.aliases.forEach((alias, index) => {
      if (alias.origin !== 'source') return;
      const folded = options.fold(alias.text);
      if (!aliasInArticles(texts, folded)) {
        problems.push(
          checkProblem('aliasNotInArticles', { alias: alias.text }, { id: entity.id, field: `aliases[${index}]` }),
        );
      }
    });
  }
}

function checkClaim(
  claim: Claim,
  entities: Map<string, Entity>,
  texts: ArticleTexts,
  options: CheckOptions,
  problems: CheckProblem[],
): void {
  checkEvidence(claim.id, 'evidence', claim.evidence, texts, problems);
  checkClaimReferences(claim, entities, problems);
  if (claim.hedge !== undefined) {
    const hedge = options.fold(claim.hedge);
    if (!claim.evidence.some((e) => texts.search.includes(options.fold(e.quote), hedge))) {
      problems.push(checkProblem('hedgeNotInQuotes', { hedge: claim.hedge }, { id: claim.id, field: 'hedge' }));
    }
  }
  // An inferred claim has no hedge words to name (the text implies it): its note says how instead.
  if (claim.certainty === 'inferred') {
    if (!claim.note?.trim()) problems.push(checkProblem('inferenceUnexplained', {}, { id: claim.id, field: 'note' }));
  } else if (claim.certainty !== 'stated' && claim.hedge === undefined) {
    problems.push(checkProblem('hedgeMissing', { certainty: claim.certainty }, { id: claim.id, field: 'hedge' }));
  }
  for (const [field, time] of claimTimes(claim)) {
    if (time.relative && time.asWritten === undefined) {
      problems.push(checkProblem('relativeTimeWithoutWords', {}, { id: claim.id, field }));
    }
  }
  // A partial end is compared with the start cut to its precision: 2024 does not end before 2024-10.
  if (
    claim.kind === 'role' &&
    claim.start &&
    claim.end &&
    claim.end.date < claim.start.date.slice(0, claim.end.date.length)
  ) {
    problems.push(
      checkProblem('endsBeforeStart', { start: claim.start.date, end: claim.end.date }, { id: claim.id, field: 'end' }),
    );
  }
  if (claim.kind === 'move' && claim.from !== undefined && claim.from === claim.to) {
    problems.push(checkProblem('moveToSameOrg', {}, { id: claim.id, field: 'to' }));
  }
}

function indexUnique<T extends { id: string }>(
  records: T[],
  label: CheckParams['duplicateId']['record'],
  problems: CheckProblem[],
): Map<string, T> {
  const index = new Map<string, T>();
  records.forEach((record, position) => {
    if (index.has(record.id)) {
      problems.push(checkProblem('duplicateId', { record: label, position }, { id: record.id }));
    } else {
      index.set(record.id, record);
    }
  });
  return index;
}

/** The canonical, English and non-weak alias names of an entity. */
export function strongNames(entity: Entity): string[] {
  const names: string[] = [];
  if (!entity.nameWeak) names.push(entity.name);
  if (entity.nameEn && !entity.nameEnWeak) names.push(entity.nameEn);
  for (const alias of entity.aliases) if (!alias.weak) names.push(alias.text);
  return [...new Set(names)];
}

/** The names a problem lists: the first ten, and an ellipsis for the rest (an entity may have a hundred). */
function namesListed(entity: Entity): string[] {
  const names = allNames(entity);
  return names.length > 10 ? [...names.slice(0, 10), '…'] : names;
}

/** Every name of an entity, weak or not. */
export function allNames(entity: Entity): string[] {
  return [...new Set([entity.name, ...(entity.nameEn ? [entity.nameEn] : []), ...entity.aliases.map((a) => a.text)])];
}

function checkEntityNames(entity: Entity, options: CheckOptions, problems: CheckProblem[]): void {
  const seen = new Set<string>([entity.name, ...(entity.nameEn ? [entity.nameEn] : [])]);
  entity.aliases.forEach((alias, index) => {
    if (seen.has(alias.text)) {
      problems.push(
        checkProblem('aliasRepeatsName', { alias: alias.text }, { id: entity.id, field: `aliases[${index}]` }),
      );
    }
    seen.add(alias.text);
    if (options.fold(alias.text).length < 2 && !/^[A-Za-z0-9]/.test(alias.text)) {
      problems.push(
        checkProblem('aliasSingleCharacter', { alias: alias.text }, { id: entity.id, field: `aliases[${index}]` }),
      );
    }
  });
}

function checkMentionsNameEntity(
  entity: Entity,
  options: CheckOptions,
  search: Search,
  problems: CheckProblem[],
): void {
  const names = allNames(entity).map(options.fold);
  entity.mentions.forEach((mention, index) => {
    const quote = options.fold(mention.quote);
    if (!names.some((name) => search.includes(quote, name))) {
      problems.push(
        checkProblem(
          'quoteNamesNoName',
          { names: namesListed(entity) },
          { id: entity.id, field: `mentions[${index}].quote` },
        ),
      );
    }
  });
}

function checkParent(entity: Entity, entities: Map<string, Entity>, search: Search, problems: CheckProblem[]): void {
  if (entity.parent === undefined) return;
  const seen = new Set([entity.id]);
  let current: Entity | undefined = entity;
  while (current?.parent !== undefined) {
    // A chain is walked from each of its members: a long one costs its length squared.
    search.spend(PARENT_STEP_COST);
    const parent = entities.get(current.parent);
    if (parent === undefined) {
      if (current === entity) {
        problems.push(checkProblem('unknownEntity', { entity: entity.parent }, { id: entity.id, field: 'parent' }));
      }
      return;
    }
    if (current === entity && parent.kind !== 'org') {
      problems.push(
        checkProblem('parentNotOrg', { parent: parent.id, kind: parent.kind }, { id: entity.id, field: 'parent' }),
      );
    }
    if (seen.has(parent.id)) {
      problems.push(checkProblem('parentLoop', { parent: parent.id }, { id: entity.id, field: 'parent' }));
      return;
    }
    seen.add(parent.id);
    current = parent;
  }
}

function checkClaimReferences(claim: Claim, entities: Map<string, Entity>, problems: CheckProblem[]): void {
  const allowedFor = CLAIM_REFERENCES[claim.kind] as Record<string, readonly EntityKind[]>;
  for (const [field, target] of claimReferences(claim)) {
    const allowed = allowedFor[field]!;
    const entity = entities.get(target);
    if (entity === undefined) {
      problems.push(checkProblem('unknownEntity', { entity: target }, { id: claim.id, field }));
    } else if (!allowed.includes(entity.kind)) {
      problems.push(
        checkProblem(
          'wrongEntityKind',
          { entity: target, kind: entity.kind, claimKind: claim.kind, field, allowed: [...allowed] },
          { id: claim.id, field },
        ),
      );
    }
  }
}
