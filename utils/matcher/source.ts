/**
 * Compiles the dataset's names into the matcher's compact, serialisable form, once, in the
 * background. Content scripts receive it by message and build their trie from it in one linear
 * pass (matcher.ts): the expensive work (folding, deduplicating, sorting, resolving families)
 * is done here, and the form is a third the size of the trie's own arrays.
 */
import type { Entity } from '@/data/schema';
import { foldText, foldWidth } from './fold';

export const MATCHER_FORMAT = 'talent-overlay-matcher';

/** Flags packed into each ref beside the entity number. */
export const REF_WEAK = 1;
export const REF_EXACT_CASE = 2;
export const REF_SHIFT = 2;

export interface MatcherSource {
  format: typeof MATCHER_FORMAT;
  version: 1;
  datasetVersion: string;
  /** Entity ids; an entity's number is its index here. */
  ids: string[];
  /** One letter per entity: p(erson), o(rg), m(odel). */
  kinds: string;
  /** The number of the topmost ancestor of each entity (itself when it has no parent). */
  families: number[];
  /** Folded names, unique, sorted by UTF-16 code unit. */
  keys: string[];
  /** The refs of keys[k] are refs[refStart[k]] up to refs[refStart[k + 1]]. */
  refStart: number[];
  /** entity number << REF_SHIFT | REF_WEAK | REF_EXACT_CASE. */
  refs: number[];
  /** For refs that must match case exactly (FAIR, SSI, M6): ref index → the name as written, width-folded. */
  exact: Record<number, string>;
}

export const KIND_LETTER = { person: 'p', org: 'o', model: 'm' } as const;

/** A name is an acronym, matched with its case, when it has capitals and no lower-case letter. */
function isAcronym(name: string): boolean {
  return /[A-Z]/.test(name) && !/[a-z]/.test(name);
}

interface Name {
  text: string;
  weak: boolean;
}

function namesOf(entity: Entity): Name[] {
  const names: Name[] = [{ text: entity.name, weak: Boolean(entity.nameWeak) }];
  if (entity.nameEn) names.push({ text: entity.nameEn, weak: Boolean(entity.nameEnWeak) });
  for (const alias of entity.aliases) names.push({ text: alias.text, weak: Boolean(alias.weak) });
  return names;
}

export function compileMatcherSource(entities: Entity[], datasetVersion: string): MatcherSource {
  const number = new Map(entities.map((entity, index) => [entity.id, index]));
  const families = entities.map((entity) => {
    let current = entity;
    const seen = new Set<string>();
    while (current.parent && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = entities[number.get(current.parent) ?? -1];
      if (!parent) break;
      current = parent;
    }
    return number.get(current.id) ?? 0;
  });

  // key → (entity number → how that entity's names with this key must be matched).
  const byKey = new Map<string, Map<number, { weak: boolean; exact: string | undefined }>>();
  entities.forEach((entity, index) => {
    for (const name of namesOf(entity)) {
      const key = foldText(name.text).trim();
      if (key.length < 2) continue;
      const refs = byKey.get(key) ?? new Map();
      byKey.set(key, refs);
      const widthFolded = foldWidth(name.text).trim();
      const previous = refs.get(index);
      // Several names of one entity may fold to one key: it is weak only if each of them is, and
      // matched by case only if each of them is an acronym.
      const exact =
        previous && previous.exact === undefined ? undefined : isAcronym(widthFolded) ? widthFolded : undefined;
      refs.set(index, { weak: (previous?.weak ?? true) && name.weak, exact });
    }
  });

  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const refStart: number[] = [];
  const refs: number[] = [];
  const exact: Record<number, string> = {};
  for (const key of keys) {
    refStart.push(refs.length);
    for (const [entity, flags] of byKey.get(key)!) {
      if (flags.exact) exact[refs.length] = flags.exact;
      refs.push((entity << REF_SHIFT) | (flags.weak ? REF_WEAK : 0) | (flags.exact ? REF_EXACT_CASE : 0));
    }
  }
  refStart.push(refs.length);

  return {
    format: MATCHER_FORMAT,
    version: 1,
    datasetVersion,
    ids: entities.map((entity) => entity.id),
    kinds: entities.map((entity) => KIND_LETTER[entity.kind]).join(''),
    families,
    keys,
    refStart,
    refs,
    exact,
  };
}
