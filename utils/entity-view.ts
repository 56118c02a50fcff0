/**
 * Turns an entity's claims into what a card shows: roles, a timeline of moves, who joined and
 * left an organisation, other events, and a numbered list of citations (quotes from articles). Claims stating the same fact
 * (from one or several articles) become one line citing all their sources; claims that disagree
 * (P10 per 有消息称, P9 per a headhunter) become one line holding both versions side by side.
 *
 * Pure: shared by the hover card and the popup's detail view, tested in Node.
 */
import { claimDate } from '@/data/format/claims';
import type { Certainty, Claim, TimePoint } from '@/data/format/schema';
import type { ArticleSummary, EntityDetails, OpenView } from './protocol';

/** A quote cited from an article, numbered in the order the card first cites it. */
export interface Citation {
  /** 1-based, as cited on the lines. */
  number: number;
  article: ArticleSummary;
  quote: string;
}

/** Where a citation is read: at the article's URL, else in the extension's own copy of its text. */
export function citationView({ article, quote }: Citation): OpenView {
  return article.url ? { view: 'url', url: article.url } : { view: 'source', article: article.id, quote };
}

/** One version of a fact, with the claims that state it. */
export interface Version {
  claims: Claim[];
  certainty: Certainty;
  hedges: string[];
  /** The numbers of the citations that state it. */
  citations: number[];
}

export interface Line {
  /** The first claim: what the line says (the versions differ only in the disputed detail). */
  claim: Claim;
  /** Usually one; more than one when sources disagree. */
  versions: Version[];
  disputed: boolean;
  /** For ordering: the claim's own date, else ''. */
  sortDate: string;
}

export interface EntityView {
  /** Roles and levels the entity held (people). */
  roles: Line[];
  /** The entity's own moves, oldest first (people). */
  moves: Line[];
  /** Moves into this organisation or its teams (organisations). */
  joined: Line[];
  /** Moves out of this organisation or its teams (organisations). */
  left: Line[];
  /** Roles others hold here (organisations). */
  people: Line[];
  /** Everything else: foundings, lawsuits, acquisitions, education, models... */
  events: Line[];
  citations: Citation[];
}

const CERTAINTY_RANK: Record<Certainty, number> = { stated: 0, reported: 1, inferred: 2, rumoured: 3 };

/** Two partial dates agree when one is a prefix of the other (2024 and 2024-10). */
function datesAgree(a?: TimePoint, b?: TimePoint): boolean {
  if (!a || !b) return true;
  return a.date.startsWith(b.date) || b.date.startsWith(a.date);
}

/** What a claim is about: claims with the same topic are one line. */
function topicOf(claim: Claim): string {
  switch (claim.kind) {
    case 'role':
      return `role|${claim.subject}|${claim.org ?? ''}|${claim.title.replace(/\s+/g, '').toLowerCase()}`;
    case 'move':
      return `move|${claim.subject}|${claim.from ?? ''}|${claim.to ?? ''}`;
    case 'level':
      return `level|${claim.subject}|${claim.org}`;
    case 'founding':
    case 'education':
      return `${claim.kind}|${claim.subject}|${claim.org}`;
    case 'legal':
      return `legal|${claim.subject}|${claim.against}|${claim.action}`;
    case 'acquisition':
    case 'investment':
      return `${claim.kind}|${claim.subject}|${claim.target}`;
    case 'development':
      return `development|${claim.subject}|${claim.model}|${claim.action}`;
  }
}

/** Whether two claims on one topic say the same thing (else they are versions that disagree). */
function agree(a: Claim, b: Claim): boolean {
  if (a.kind === 'level' && b.kind === 'level') {
    // A different level at a different time is a career, not a dispute: keep those as separate lines.
    return a.level === b.level;
  }
  return datesAgree(claimDate(a), claimDate(b));
}

export function buildEntityView(details: EntityDetails): EntityView {
  const { entity } = details;
  const citations: Citation[] = [];
  const sourceNumber = new Map<string, number>();
  const cite = (claim: Claim) =>
    claim.evidence.map((evidence) => {
      const key = `${evidence.article}\u0000${evidence.quote}`;
      let number = sourceNumber.get(key);
      const article = details.articles[evidence.article];
      if (number === undefined && article) {
        number = citations.length + 1;
        citations.push({ number, article, quote: evidence.quote });
        sourceNumber.set(key, number);
      }
      return number ?? 0;
    });

  // Group by topic, then within a topic into versions that agree.
  const topics = new Map<string, Claim[][]>();
  for (const claim of details.claims) {
    const topic = topicOf(claim);
    const versions = topics.get(topic) ?? [];
    const home = versions.find((version) => version.every((other) => agree(other, claim)));
    if (home) home.push(claim);
    else versions.push([claim]);
    topics.set(topic, versions);
  }

  const lines: Line[] = [];
  for (const versions of topics.values()) {
    // Levels that differ with different dates are separate lines (a career); the same date, a dispute.
    const groups = splitCareer(versions);
    for (const group of groups) {
      const built = group.map((claims): Version => {
        const firmest = claims.reduce((best, claim) =>
          CERTAINTY_RANK[claim.certainty] < CERTAINTY_RANK[best.certainty] ? claim : best,
        );
        return {
          claims,
          certainty: firmest.certainty,
          hedges: [...new Set(claims.flatMap((claim) => (claim.hedge ? [claim.hedge] : [])))],
          citations: [...new Set(claims.flatMap(cite))].filter((n) => n > 0).sort((a, b) => a - b),
        };
      });
      built.sort((a, b) => CERTAINTY_RANK[a.certainty] - CERTAINTY_RANK[b.certainty]);
      const claim = mostPrecise(built[0]!.claims);
      lines.push({ claim, versions: built, disputed: built.length > 1, sortDate: claimDate(claim)?.date ?? '' });
    }
  }

  const family = familyOf(details);
  const view: EntityView = { roles: [], moves: [], joined: [], left: [], people: [], events: [], citations };
  for (const line of lines) {
    const { claim } = line;
    const own = claim.subject === entity.id;
    if (own && (claim.kind === 'role' || claim.kind === 'level')) view.roles.push(line);
    else if (own && claim.kind === 'move') view.moves.push(line);
    else if (claim.kind === 'move' && claim.to && family.has(claim.to)) view.joined.push(line);
    else if (claim.kind === 'move' && claim.from && family.has(claim.from)) view.left.push(line);
    else if (!own && (claim.kind === 'role' || claim.kind === 'level')) view.people.push(line);
    else view.events.push(line);
  }
  const chronological = (a: Line, b: Line) =>
    (a.sortDate || '9999').localeCompare(b.sortDate || '9999') || a.claim.id.localeCompare(b.claim.id);
  const latestFirst = (a: Line, b: Line) =>
    (b.sortDate || '').localeCompare(a.sortDate || '') || a.claim.id.localeCompare(b.claim.id);
  view.moves.sort(chronological);
  view.joined.sort(chronological);
  view.left.sort(chronological);
  view.events.sort(chronological);
  view.roles.sort(latestFirst);
  view.people.sort(latestFirst);
  return view;
}

/**
 * The entity and its units at any depth, among the entities the details carry (its children, and
 * the units its units' claims name): moves into any of them are "who joined".
 */
function familyOf(details: EntityDetails): Set<string> {
  const family = new Set([details.entity.id, ...details.children.map((child) => child.id)]);
  const summaries = Object.values(details.entities);
  for (let grew = true; grew; ) {
    grew = false;
    for (const summary of summaries) {
      if (summary.parent && family.has(summary.parent) && !family.has(summary.id)) {
        family.add(summary.id);
        grew = true;
      }
    }
  }
  return family;
}

/** Level versions with different dates are a career (separate lines); otherwise one disputed line. */
function splitCareer(versions: Claim[][]): Claim[][][] {
  if (versions.length < 2 || versions[0]![0]!.kind !== 'level') return [versions];
  const dated = new Map<string, Claim[][]>();
  for (const version of versions) {
    const key = claimDate(version[0]!)?.date ?? '';
    dated.set(key, [...(dated.get(key) ?? []), version]);
  }
  // Undated versions dispute every dated one of the same topic only when nothing else dates them.
  if (dated.size === 1) return [versions];
  return [...dated.values()];
}

/** Among claims saying the same thing, the one with the most precise time (for display). */
function mostPrecise(claims: Claim[]): Claim {
  return claims.reduce((best, claim) =>
    (claimDate(claim)?.date.length ?? 0) > (claimDate(best)?.date.length ?? 0) ? claim : best,
  );
}
