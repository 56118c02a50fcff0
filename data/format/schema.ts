/**
 * The dataset format: the single source of truth for the types of articles, entities and claims.
 *
 * One versioned JSON document (`Dataset`) is both what the extension bundles (public/dataset.json)
 * and what the options page imports, so everything here is strict: unknown keys are errors.
 * The curated input in data/extraction/ uses the same record shapes (see `ExtractionFile`).
 */
import { z } from 'zod';
import { ArticleId, ClaimId, EntityId, HttpUrl, SCHEMA_MESSAGES } from './ids';

export { type SchemaRule, schemaRuleOf } from './ids';
export { ArticleId, ClaimId, EntityId, HttpUrl, SCHEMA_MESSAGES };

export const DATASET_FORMAT = 'talent-overlay-dataset';
export const DATASET_FORMAT_VERSION = 1;

/**
 * The longest article text: checking quotes costs their number times their article's length, so
 * both are bounded (and the checks have a total budget besides: checks.ts MAX_QUOTE_SEARCH).
 */
export const MAX_ARTICLE_CHARS = 1_000_000;

/** A non-empty single-line string with no surrounding whitespace. */
const Text = z
  .string()
  .min(1)
  .refine((s) => s === s.trim() && !/[\r\n]/.test(s), SCHEMA_MESSAGES.oneLine);

/** A partial date: 2024, 2024-10 or 2024-10-31, checked for a real month and day. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, SCHEMA_MESSAGES.dateFormat)
  .refine(isRealPartialDate, SCHEMA_MESSAGES.dateExists);

function isRealPartialDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number?, number?];
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A point in time as a claim states it. `asWritten` keeps the text's own words when they were
 * relative or vague (今年2月, 去年底, 7月中旬); `relative` says the date was resolved against the
 * article's publication date, and `estimated` that the result is not certain (the build sets it
 * when a relative time was resolved against an estimated publication date).
 */
export const TimePoint = z.strictObject({
  date: PartialDate,
  asWritten: Text.max(80).optional(),
  relative: z.boolean().optional(),
  estimated: z.boolean().optional(),
});
export type TimePoint = z.infer<typeof TimePoint>;

export const Script = z.enum(['zh-Hans', 'zh-Hant', 'en']);

export const Article = z.strictObject({
  id: ArticleId,
  /** Only a title the page itself gives; never a made-up one. */
  title: Text.max(300).optional(),
  /** What the article is about, written by us (shown where there is no title). */
  summary: Text.max(500),
  /** Publisher as the text names it (光子星球, 第一财经); absent when the text does not say. */
  publisher: Text.max(120).optional(),
  /** The platform that carried it, when different from the publisher (网易号). */
  platform: Text.max(120).optional(),
  author: Text.max(120).optional(),
  editor: Text.max(120).optional(),
  published: z.strictObject({
    date: PartialDate,
    /** True when the date is inferred from the text rather than printed on the page. */
    estimated: z.boolean(),
    /** How the date was arrived at, when estimated. */
    basis: Text.max(300).optional(),
  }),
  url: z.optional(HttpUrl),
  script: Script,
  /** The article text as captured, debris and all: quotes are checked against it. */
  text: z.string().min(1).max(MAX_ARTICLE_CHARS),
});
export type Article = z.infer<typeof Article>;

/**
 * Where a name or fact comes from: `source` means it is written in one of the articles (the build
 * checks), `knowledge` that it was added from general knowledge (English or pinyin names, well-known
 * short forms), `derived` that the build generated it (Traditional/Simplified variants).
 */
export const Origin = z.enum(['source', 'knowledge', 'derived']);

export const Alias = z.strictObject({
  text: Text.max(80),
  lang: z.enum(['zh-Hans', 'zh-Hant', 'en', 'pinyin']),
  /** Ambiguous in ordinary text (字节 = byte, Meta, Seed, 阿里 in 阿里山): marked only with corroboration. */
  weak: z.boolean().optional(),
  origin: Origin,
});
export type Alias = z.infer<typeof Alias>;

/** A verbatim quote from an article. The build checks it occurs there (whitespace-normalised only). */
export const Evidence = z.strictObject({
  article: ArticleId,
  quote: Text.max(600),
});
export type Evidence = z.infer<typeof Evidence>;

export const EntityKind = z.enum(['person', 'org', 'model']);
export type EntityKind = z.infer<typeof EntityKind>;

export const OrgType = z.enum([
  'company',
  'division',
  'lab',
  'team',
  'university',
  'investor',
  'media',
  'research-institute',
  'government',
  'other',
]);

export const Entity = z.strictObject({
  id: EntityId,
  kind: EntityKind,
  /** Canonical name: Simplified Chinese where the entity has a Chinese name, else its usual name. */
  name: Text.max(80),
  /** English (or Latin-script) name, when known. */
  nameEn: Text.max(80).optional(),
  nameEnOrigin: Origin.optional(),
  /** The canonical or English name is an ordinary word too (Meta, Seed, Apple): see `Alias.weak`. */
  nameWeak: z.boolean().optional(),
  nameEnWeak: z.boolean().optional(),
  /** Every other name a reader meets. The canonical and English names need not be repeated. */
  aliases: z.array(Alias).max(100),
  /** One line, Simplified Chinese, written by us from what the articles say. */
  description: Text.max(200),
  /** One line in English, optional. */
  descriptionEn: Text.max(240).optional(),
  /** For organisations. */
  orgType: OrgType.optional(),
  /** For teams, labs, divisions and products: the organisation they belong to. */
  parent: z.optional(EntityId),
  /** Where the articles name this entity: at least one quote containing one of its names. */
  mentions: z.array(Evidence).min(1).max(100),
});
export type Entity = z.infer<typeof Entity>;

/**
 * How firm a claim is, from the hedges in its quote: `stated` when the article states it as fact,
 * `reported` when attributed to a named source or media report (据…报道, 据达摩院官方披露),
 * `inferred` when the text implies it without saying it (its note says how),
 * `rumoured` when hedged or anonymous (有消息称, 据悉, 知情人士, 推测, 或许).
 */
export const Certainty = z.enum(['stated', 'reported', 'inferred', 'rumoured']);
export type Certainty = z.infer<typeof Certainty>;

const claimBase = {
  id: ClaimId,
  subject: EntityId,
  certainty: Certainty,
  /** The hedge words from the quote that set the certainty (有消息称, 据悉), when not `stated`. */
  hedge: Text.max(40).optional(),
  evidence: z.array(Evidence).min(1).max(50),
  /** A short remark by the curator (why an interpretation was chosen). */
  note: Text.max(300).optional(),
};

/** A position held: title at an organisation, over a span or as of a time. */
export const RoleClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('role'),
  org: z.optional(EntityId),
  /** As the text puts it (技术负责人, 副总裁, CTO). */
  title: Text.max(80),
  start: TimePoint.optional(),
  end: TimePoint.optional(),
  /** A time the role is known to have been held (彼时, 时任) when start and end are unknown. */
  asOf: TimePoint.optional(),
  /** Relative to the article's date: still held, held before (原, 前, 曾), or not said. */
  status: z.enum(['current', 'former', 'unknown']),
});

/** A move: left `from`, joined `to` (either may be unknown, but not both). */
export const MoveClaim = z
  .strictObject({
    ...claimBase,
    kind: z.literal('move'),
    from: z.optional(EntityId),
    to: z.optional(EntityId),
    /** The role left or taken, as written. */
    fromTitle: Text.max(80).optional(),
    toTitle: Text.max(80).optional(),
    date: TimePoint.optional(),
  })
  .refine((c) => c.from !== undefined || c.to !== undefined, {
    message: SCHEMA_MESSAGES.moveEnds,
    path: ['to'],
  });

/** The subject founded (or co-founded) `org`. */
export const FoundingClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('founding'),
  org: EntityId,
  date: TimePoint.optional(),
});

/** A rank or level: P10 at Alibaba, 4-2 at ByteDance; a promotion when `promotion` is true. */
export const LevelClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('level'),
  org: EntityId,
  level: Text.max(40),
  promotion: z.boolean().optional(),
  date: TimePoint.optional(),
});

/** Arbitration, lawsuit or similar: the subject acts against `against`. */
export const LegalClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('legal'),
  against: EntityId,
  action: z.enum(['arbitration', 'lawsuit', 'other']),
  /** What it is about, as written (违反竞业协议). */
  matter: Text.max(120),
  date: TimePoint.optional(),
});

/** The subject acquired `target` (or its core assets). */
export const AcquisitionClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('acquisition'),
  target: EntityId,
  /** As written (超过 6 亿美元). */
  amount: Text.max(60).optional(),
  date: TimePoint.optional(),
});

/** The subject invested in `target`. */
export const InvestmentClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('investment'),
  target: EntityId,
  round: Text.max(60).optional(),
  date: TimePoint.optional(),
});

/** The subject studied at `org`. */
export const EducationClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('education'),
  org: EntityId,
  degree: Text.max(60).optional(),
});

/** The subject (a person, team or company) built or released `model` (an AI model or product). */
export const DevelopmentClaim = z.strictObject({
  ...claimBase,
  kind: z.literal('development'),
  model: EntityId,
  /** led, released, developed, open-sourced, as written. */
  action: Text.max(40),
  date: TimePoint.optional(),
});

export const Claim = z.discriminatedUnion('kind', [
  RoleClaim,
  MoveClaim,
  FoundingClaim,
  LevelClaim,
  LegalClaim,
  AcquisitionClaim,
  InvestmentClaim,
  EducationClaim,
  DevelopmentClaim,
]);
export type Claim = z.infer<typeof Claim>;
export type ClaimKind = Claim['kind'];

/** The version of the data itself (not of the format): YYYY.MM.DD or YYYY.MM.DD.N, newer sorts higher. */
export const DataVersion = z.string().regex(/^\d{4}\.\d{2}\.\d{2}(\.\d+)?$/, SCHEMA_MESSAGES.dataVersion);

/**
 * The most entities a dataset may hold: the matcher numbers entities in 21 bits
 * (utils/matcher/compiled.ts MAX_ENTITIES), and a file within the import's size limit could exceed it.
 */
export const MAX_DATASET_ENTITIES = 2_000_000;

/** The most articles and claims a dataset may hold (an import checks the counts before the records). */
export const MAX_DATASET_ARTICLES = 100_000;
export const MAX_DATASET_CLAIMS = 2_000_000;

export const Dataset = z.strictObject({
  format: z.literal(DATASET_FORMAT),
  formatVersion: z.literal(DATASET_FORMAT_VERSION),
  version: DataVersion,
  /** A short human description of this release. */
  description: Text.max(300).optional(),
  articles: z.array(Article).max(MAX_DATASET_ARTICLES),
  entities: z.array(Entity).max(MAX_DATASET_ENTITIES),
  claims: z.array(Claim).max(MAX_DATASET_CLAIMS),
});
export type Dataset = z.infer<typeof Dataset>;

/** One curated file in data/extraction/: the entities first met there and the claims it adds. */
export const ExtractionFile = z.strictObject({
  $comment: z.string().optional(),
  entities: z.array(Entity).default([]),
  claims: z.array(Claim).default([]),
});
export type ExtractionFile = z.infer<typeof ExtractionFile>;

/** Article metadata as curated in data/sources/articles.json (the text lives in <id>.txt). */
export const ArticleMeta = Article.omit({ text: true });
export const ArticleMetaFile = z.strictObject({
  $comment: z.string().optional(),
  version: DataVersion,
  description: Text.max(300).optional(),
  articles: z.array(ArticleMeta),
});
