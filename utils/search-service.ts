/**
 * The background's search: one SearchIndex per installed dataset, built on the first query, and
 * results with a one-line summary of each entity (its latest move or role).
 */
import { claimDate, claimRefs } from '@/data/format/claims';
import type { Claim, EntityKind } from '@/data/format/schema';
import { readInstalled } from './dataset-store';
import type { OverlayDatabase } from './db';
import type { ClaimSummary, SearchResult } from './protocol';
import { SearchIndex } from './search-index';

interface Built {
  index: SearchIndex;
  ids: string[];
  names: Map<string, string>;
  claimCounts: Int32Array;
  latest: Map<string, Claim>;
}

/** The claim that best sums an entity up: its latest move, else its latest current role, else any role or level. */
export function summaryClaim(claims: Claim[]): Claim | undefined {
  const score = (claim: Claim) => {
    const kindRank = claim.kind === 'move' ? 3 : claim.kind === 'role' ? (claim.status === 'current' ? 2 : 1) : 0;
    return [claimDate(claim)?.date ?? '', kindRank] as const;
  };
  let best: Claim | undefined;
  for (const claim of claims) {
    if (claim.kind !== 'move' && claim.kind !== 'role' && claim.kind !== 'level') continue;
    if (!best) best = claim;
    else {
      const [date, rank] = score(claim);
      const [bestDate, bestRank] = score(best);
      if (date > bestDate || (date === bestDate && rank > bestRank)) best = claim;
    }
  }
  return best;
}

export class SearchService {
  private built: { key: string; value: Promise<Built> } | null = null;

  constructor(private readonly db: OverlayDatabase) {}

  /** Forgets the index (the dataset changed). */
  reset(): void {
    this.built = null;
  }

  async search(query: string, datasetKey: string, limit = 20): Promise<SearchResult[]> {
    if (this.built?.key !== datasetKey) this.built = { key: datasetKey, value: this.build() };
    const built = await this.built.value;
    return built.index.search(query, limit).map((hit) => {
      const id = built.ids[hit.entity]!;
      const entity = built.index.entities[hit.entity]! as { name: string; nameEn?: string; kind: EntityKind };
      const claim = built.latest.get(id);
      return {
        id,
        kind: entity.kind,
        name: entity.name,
        ...(entity.nameEn ? { nameEn: entity.nameEn } : {}),
        matched: { name: hit.name, start: hit.start, end: hit.end, viaPinyin: hit.viaPinyin },
        match: hit.match,
        ...(claim ? { summary: toClaimSummary(claim, built.names) } : {}),
        claims: built.claimCounts[hit.entity]!,
      };
    });
  }

  private async build(): Promise<Built> {
    const { entities, claims } = (await readInstalled(this.db)) ?? { entities: [], claims: [] };
    const ids = entities.map((entity) => entity.id);
    const number = new Map(ids.map((id, index) => [id, index]));
    const claimCounts = new Int32Array(entities.length);
    const bySubject = new Map<string, Claim[]>();
    for (const claim of claims) {
      for (const ref of claimRefs(claim)) {
        const n = number.get(ref);
        if (n !== undefined) claimCounts[n]!++;
      }
      const list = bySubject.get(claim.subject) ?? [];
      list.push(claim);
      bySubject.set(claim.subject, list);
    }
    const latest = new Map<string, Claim>();
    for (const [subject, list] of bySubject) {
      const best = summaryClaim(list);
      if (best) latest.set(subject, best);
    }
    const names = new Map(entities.map((entity) => [entity.id, entity.name]));
    return { index: new SearchIndex(entities, (n) => claimCounts[n]!), ids, names, claimCounts, latest };
  }
}

/** A claim as a search result's one line says it, with names resolved. */
function toClaimSummary(claim: Claim, names: Map<string, string>): ClaimSummary | undefined {
  const name = (id?: string) => (id ? names.get(id) : undefined);
  switch (claim.kind) {
    case 'move':
      return { kind: 'move', from: name(claim.from), to: name(claim.to), title: claim.toTitle, date: claim.date };
    case 'role':
      return {
        kind: 'role',
        title: claim.title,
        org: name(claim.org),
        date: claim.start ?? claim.asOf,
        former: claim.status === 'former',
      };
    case 'level':
      return { kind: 'level', level: claim.level, org: name(claim.org), date: claim.date };
    default:
      return undefined;
  }
}
