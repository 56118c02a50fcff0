/**
 * Decides which matches become marks. A strong name marks its entity at once and corroborates its
 * family (its topmost ancestor and everything under it) and the families a claim links to it (a
 * founder, a member, a product). A weak name (字节, 阿里, Seed, Meta), or any name whose edges run
 * into the words around it (a guarded match: 浙江|一家 for 江一), waits until its family is
 * corroborated somewhere on the page: 每个字节 on a page that is not about ByteDance stays
 * unmarked, and 小米 on a page about 罗福莉 is marked. Also drops kinds the reader chose not to mark.
 *
 * Pure and generic over where a match sits (a run of text in the page, a string in tests).
 */
import type { Match, Matcher } from '../matcher/matcher';

export interface Resolved<Place> {
  place: Place;
  start: number;
  end: number;
  entity: number;
}

export class Corroboration<Place> {
  /** Families a weak or guarded name may be marked for. */
  private readonly corroborated = new Set<number>();
  /** Families named by a strong name: their relations are corroborated too. */
  private readonly namedStrongly = new Set<number>();
  /** Entities named by a strong name: a name several entities share goes to the one the page names. */
  private readonly named = new Set<number>();
  /** Weak and guarded matches waiting for their family, by family. */
  private readonly waiting = new Map<number, Resolved<Place>[]>();

  constructor(
    private readonly matcher: Matcher,
    private readonly markedKinds: ReadonlySet<string>,
  ) {}

  /** The marks to show for these matches in `place`, plus waiting ones they corroborate. */
  add(place: Place, matches: Match[]): Resolved<Place>[] {
    const now: Resolved<Place>[] = [];
    for (const match of matches) {
      // Most names have one strong candidate: take it without building the filtered list.
      const strong = match.guarded ? undefined : match.candidates.find((c) => !c.weak && this.isMarkedKind(c));
      if (strong) {
        now.push({ place, start: match.start, end: match.end, entity: strong.entity });
        this.named.add(strong.entity);
        const released = this.corroborate(this.matcher.family(strong.entity));
        for (const item of released) now.push(item);
        continue;
      }
      const candidates = match.candidates.filter((c) => this.isMarkedKind(c));
      const ready =
        candidates.find((c) => this.named.has(c.entity)) ??
        candidates.find((c) => this.corroborated.has(this.matcher.family(c.entity)));
      if (ready) {
        now.push({ place, start: match.start, end: match.end, entity: ready.entity });
        continue;
      }
      for (const candidate of candidates) {
        const family = this.matcher.family(candidate.entity);
        const list = this.waiting.get(family) ?? [];
        list.push({ place, start: match.start, end: match.end, entity: candidate.entity });
        this.waiting.set(family, list);
      }
    }
    return now;
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

  /** A family was named strongly: it and its related families are corroborated; their waiting matches are released. */
  private corroborate(family: number): Resolved<Place>[] {
    if (this.namedStrongly.has(family)) return [];
    this.namedStrongly.add(family);
    const released: Resolved<Place>[] = [];
    for (const next of [family, ...this.matcher.relatedFamilies(family)]) {
      if (this.corroborated.has(next)) continue;
      this.corroborated.add(next);
      for (const item of this.waiting.get(next) ?? []) {
        const at = released.findIndex((r) => r.place === item.place && r.start === item.start);
        if (at < 0) released.push(item);
        else if (this.named.has(item.entity) && !this.named.has(released[at]!.entity)) released[at] = item;
      }
      this.waiting.delete(next);
    }
    if (released.length === 0) return released;
    // A match listed for two families may have been released already by the other one.
    for (const list of this.waiting.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (released.some((r) => r.place === list[i]!.place && r.start === list[i]!.start)) list.splice(i, 1);
      }
    }
    return released;
  }
}
