/**
 * Decides which matches become marks. A strong name marks its entity at once and corroborates the
 * entity's family (its topmost ancestor and everything under it). A weak name (字节, 阿里, Seed, Meta)
 * waits until its family is corroborated somewhere on the page, so 每个字节 on a page that is not
 * about ByteDance stays unmarked. Also drops kinds the user chose not to mark.
 *
 * Pure and generic over where a match sits (a text node in the page, a string in tests).
 */
import type { Match, Matcher } from '../matcher/matcher';

export interface Resolved<Place> {
  place: Place;
  start: number;
  end: number;
  entity: number;
}

export class Corroboration<Place> {
  private readonly corroborated = new Set<number>();
  /** Weak matches waiting for their family, by family. */
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
      const strong = match.candidates.find((c) => !c.weak && this.isMarkedKind(c));
      if (strong) {
        now.push({ place, start: match.start, end: match.end, entity: strong.entity });
        const released = this.corroborate(this.matcher.family(strong.entity));
        for (const item of released) now.push(item);
        continue;
      }
      const candidates = match.candidates.filter((c) => this.isMarkedKind(c));
      const ready = candidates.find((c) => this.corroborated.has(this.matcher.family(c.entity)));
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

  private corroborate(family: number): Resolved<Place>[] {
    if (this.corroborated.has(family)) return [];
    this.corroborated.add(family);
    const released = this.waiting.get(family) ?? [];
    this.waiting.delete(family);
    // A weak name listed for two families may have been released already by the other one.
    for (const list of this.waiting.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (released.some((r) => r.place === list[i]!.place && r.start === list[i]!.start)) list.splice(i, 1);
      }
    }
    return released;
  }
}
