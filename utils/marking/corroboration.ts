/**
 * Decides which matches become marks. A strong name marks its entity at once and corroborates its
 * family (its topmost ancestor and everything under it) and the entities a claim links to it (a
 * founder, a member, a product). A weak name (字节, 阿里, Seed, Meta), or any name whose edges run
 * into the words around it (a guarded match: 浙江|一家 for 江一), waits until the page
 * corroborates it: 每个字节 on a page that is not about ByteDance stays unmarked, and 小米 on a page
 * about 罗福莉 is marked. A guarded match needs more: its own family named (阿里山 stays a mountain
 * on a page about 林俊旸, unless it also names 阿里巴巴). Also drops kinds the reader chose not to mark.
 *
 * Pure and generic over where a match sits (a run of text in the page, a string in tests).
 */
import type { Candidate, Match, Matcher } from '../matcher/matcher';

export interface Resolved<Place> {
  place: Place;
  start: number;
  end: number;
  entity: number;
}

/** A weak or guarded match waiting for its entity to be corroborated. */
interface Waiting<Place> extends Resolved<Place> {
  guarded: boolean;
}

/** What corroborate returns when it releases nothing (shared: callers only read it). */
const NONE: readonly never[] = [];

export class Corroboration<Place> {
  /** Families a strong name named: their weak and guarded names may be marked. */
  private readonly families = new Set<number>();
  /** Entities found linked by a claim to one a strong name named: their weak names may be marked. */
  private readonly linked = new Set<number>();
  /** Entities named by a strong name: a name several entities share goes to the one the page names. */
  private readonly named = new Set<number>();
  /** The same, in the order named: a candidate is checked against each once (see isLinked). */
  private readonly namedInOrder: number[] = [];
  /** For each candidate checked for links: how many of namedInOrder it has been checked against. */
  private readonly linksChecked = new Map<number, number>();
  /** Weak and guarded matches waiting, by the entity they would mark. */
  private readonly waiting = new Map<number, Waiting<Place>[]>();

  constructor(
    private readonly matcher: Matcher,
    private readonly markedKinds: ReadonlySet<string>,
  ) {}

  /** The marks to show for these matches in `place`, plus waiting ones they corroborate. */
  add(place: Place, matches: Match[]): Resolved<Place>[] {
    const now: Resolved<Place>[] = [];
    // Indexed loops here and below: this runs for every text on a page, mostly before V8 has
    // compiled it, and an iterator allocates a result object per step in interpreted code.
    for (let m = 0; m < matches.length; m++) {
      const match = matches[m]!;
      // Most names have one strong candidate: take it without building the filtered list.
      const strong = match.guarded ? undefined : this.strongCandidate(match);
      if (strong) {
        now.push({ place, start: match.start, end: match.end, entity: strong.entity });
        const released = this.corroborate(strong.entity);
        for (let r = 0; r < released.length; r++) now.push(released[r]!);
        continue;
      }
      const { guarded } = match;
      const ready = this.readyCandidate(match, guarded);
      if (ready !== undefined) {
        now.push({ place, start: match.start, end: match.end, entity: ready });
        continue;
      }
      for (const candidate of match.candidates) {
        if (!this.isMarkedKind(candidate)) continue;
        const list = this.waiting.get(candidate.entity) ?? [];
        list.push({ place, start: match.start, end: match.end, entity: candidate.entity, guarded });
        this.waiting.set(candidate.entity, list);
      }
    }
    return now;
  }

  private strongCandidate(match: Match): Candidate | undefined {
    for (const candidate of match.candidates) if (!candidate.weak && this.isMarkedKind(candidate)) return candidate;
    return undefined;
  }

  /** The candidate a weak or guarded match may be marked for now: one the page names, else one corroborated. */
  private readyCandidate(match: Match, guarded: boolean): number | undefined {
    let corroborated: number | undefined;
    for (const candidate of match.candidates) {
      if (!this.isMarkedKind(candidate)) continue;
      if (this.named.has(candidate.entity)) return candidate.entity;
      if (corroborated === undefined && this.isCorroborated(candidate.entity, guarded)) corroborated = candidate.entity;
    }
    return corroborated;
  }

  private isMarkedKind(candidate: { entity: number }): boolean {
    return this.markedKinds.has(this.matcher.kinds[candidate.entity]!);
  }

  /** Forgets waiting matches in a place whose text changed or left the page. */
  forget(place: Place): void {
    for (const [family, list] of this.waiting) {
      const kept = list.filter((item) => item.place !== place);
      if (kept.length) this.waiting.set(family, kept);
      else this.waiting.delete(family);
    }
  }

  /**
   * Whether a weak name of the entity may be marked: its family is named, or an entity its claims
   * link to. A guarded match (one that runs into the words around it) needs its own family named.
   */
  private isCorroborated(entity: number, guarded: boolean): boolean {
    if (this.families.has(this.matcher.family(entity))) return true;
    return !guarded && this.isLinked(entity);
  }

  /** Whether a claim links the entity to one the page names strongly (each pair asked of the matcher once). */
  private isLinked(entity: number): boolean {
    if (this.linked.has(entity)) return true;
    const named = this.namedInOrder;
    for (let i = this.linksChecked.get(entity) ?? 0; i < named.length; i++) {
      if (this.matcher.linked(named[i]!, entity)) {
        this.linked.add(entity);
        return true;
      }
    }
    this.linksChecked.set(entity, named.length);
    return false;
  }

  /**
   * An entity was named strongly: its family (its topmost ancestor and everything under it) and the
   * entities its claims link to are corroborated, and their waiting matches released.
   */
  private corroborate(entity: number): readonly Resolved<Place>[] {
    if (this.named.has(entity)) return NONE;
    this.named.add(entity);
    this.namedInOrder.push(entity);
    this.families.add(this.matcher.family(entity));
    if (this.waiting.size === 0) return NONE;
    const released: Resolved<Place>[] = [];
    for (const [candidate, list] of this.waiting) {
      const familyNamed = this.families.has(this.matcher.family(candidate));
      // Nothing of this candidate's is released unless its family is named, or a link is found and
      // some of its matches are not guarded (a link releases no guarded match).
      if (!familyNamed && (list.every((item) => item.guarded) || !this.isLinked(candidate))) continue;
      const kept: Waiting<Place>[] = [];
      for (const item of list) {
        if (!familyNamed && item.guarded) {
          kept.push(item);
          continue;
        }
        const at = released.findIndex((r) => r.place === item.place && r.start === item.start);
        const resolved = { place: item.place, start: item.start, end: item.end, entity: item.entity };
        if (at < 0) released.push(resolved);
        else if (this.named.has(item.entity) && !this.named.has(released[at]!.entity)) released[at] = resolved;
      }
      if (kept.length > 0) this.waiting.set(candidate, kept);
      else this.waiting.delete(candidate);
    }
    if (released.length === 0) return released;
    // A match waiting for several candidates is released for one: drop it from the others' lists.
    for (const list of this.waiting.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (released.some((r) => r.place === list[i]!.place && r.start === list[i]!.start)) list.splice(i, 1);
      }
    }
    return released;
  }
}
