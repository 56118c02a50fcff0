/**
 * The shapes that cross the message protocol (messaging.ts) between the background, the content
 * scripts, the popup, the options page and the source view: what each side sends and receives.
 * A leaf: it imports only the dataset format, so a view can know what it is sent without
 * importing the background modules that produce it.
 */
import type { Article, Claim, Entity, EntityKind, TimePoint } from '@/data/format/schema';

/** Where an installed dataset came from: the one bundled with the extension, a file, or a URL. */
export type DatasetOrigin = { kind: 'bundled' } | { kind: 'file'; name: string } | { kind: 'url'; url: string };

/** What is installed: a dataset's version and counts, and where and when it came from. */
export interface InstalledDataset {
  version: string;
  formatVersion: number;
  description?: string;
  origin: DatasetOrigin;
  /** Milliseconds since the epoch. */
  installedAt: number;
  counts: { articles: number; people: number; orgs: number; models: number; claims: number };
}

/** An entity in lists: who or what it is, without its names and mentions. */
export type EntitySummary = Pick<Entity, 'id' | 'kind' | 'name' | 'nameEn' | 'description' | 'parent'>;

/** An article without its text. */
export type ArticleSummary = Omit<Article, 'text'>;

/** Everything a card or a detail view shows about one entity. */
export interface EntityDetails {
  entity: Entity;
  /** Teams, labs and products that name this entity as their parent. */
  children: EntitySummary[];
  /** Every claim naming this entity (as subject, organisation, source or destination...). */
  claims: Claim[];
  /** Every entity those claims, the parent and the children name, by id. */
  entities: Record<string, EntitySummary>;
  /** The articles the claims and mentions cite, without their text. */
  articles: Record<string, ArticleSummary>;
}

/** How a search query met a name, best first. */
export type MatchKind = 'exact' | 'prefix' | 'substring' | 'fuzzy';

/** The one line a search result shows about an entity: its latest move, role or level. */
export interface ClaimSummary {
  kind: 'move' | 'role' | 'level';
  title?: string;
  level?: string;
  /** Names, resolved: the organisation of a role or level; where a move went from and to. */
  org?: string;
  from?: string;
  to?: string;
  date?: TimePoint;
  former?: boolean;
}

export interface SearchResult {
  id: string;
  kind: EntityKind;
  name: string;
  nameEn?: string;
  /** The name that matched and the part of it the query matched. */
  matched: { name: string; start: number; end: number; viaPinyin: boolean };
  match: MatchKind;
  summary?: ClaimSummary;
  /** How many claims name the entity. */
  claims: number;
}

/** What a content script reports about its tab. */
export interface PageStatus {
  url: string;
  /** Whether marking is on for this page (settings). */
  marking: boolean;
  /** The dataset version the content script's matcher was built from. */
  datasetVersion: string | null;
  /** How many entities the matcher knows. */
  entityCount: number;
  /** The entities marked on the page, most marked first. */
  entities: { id: string; count: number }[];
}

/** An extension view or a web page to open in a new tab. */
export type OpenView =
  | { view: 'url'; url: string }
  /** An article as the dataset holds it, with a quote highlighted (for articles with no known URL). */
  | { view: 'source'; article: string; quote: string }
  | { view: 'entity'; id: string };
