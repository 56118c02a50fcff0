/**
 * The common-word guard: a strong name (marked on any page without corroboration) must not be an
 * ordinary word, or it marks pages about fruit, flights and films (苹果 in 我买了一斤苹果, 晚点 in
 * 航班晚点, Llama on a farm). Every strong name, the derived Traditional and Simplified forms
 * included, is looked up in the lexicons (lexicon.ts); one that is a common word must be weak,
 * or listed in data/common-words-reviewed.json with the reason it may stay strong.
 */
import { z } from 'zod';
import type { Problem } from '../format/checks';
import type { Dataset, Entity } from '../format/schema';
import type { Lexicon } from './lexicon';

/** Strong names a curator has looked at and kept strong, each with the reason. */
export const ReviewedFile = z.strictObject({
  $comment: z.string().optional(),
  strong: z.array(
    z.strictObject({
      entity: z.string(),
      name: z.string(),
      /** The word the lexicon saw, and why the name may stay strong despite it. */
      why: z.string().min(10),
    }),
  ),
});
export type ReviewedFile = z.infer<typeof ReviewedFile>;

export interface CommonWordHit {
  entity: string;
  name: string;
  field: string;
  /** What the lexicon says the word is. */
  word: string;
}

/** Every strong name of an entity with the field it comes from. */
function strongNamesWithFields(entity: Entity): [name: string, field: string][] {
  const names: [string, string][] = [];
  if (!entity.nameWeak) names.push([entity.name, 'name']);
  if (entity.nameEn && !entity.nameEnWeak) names.push([entity.nameEn, 'nameEn']);
  entity.aliases.forEach((alias, index) => {
    if (!alias.weak) names.push([alias.text, `aliases[${index}]`]);
  });
  return names;
}

/** The strong names that are ordinary words, reviewed or not. */
export function commonWordHits(dataset: Dataset, lexicon: Lexicon): CommonWordHit[] {
  const hits: CommonWordHit[] = [];
  for (const entity of dataset.entities) {
    for (const [name, field] of strongNamesWithFields(entity)) {
      const word = lexicon.chineseCommonWord(name) ?? lexicon.englishCommonWord(name);
      if (word) hits.push({ entity: entity.id, name, field, word });
    }
  }
  return hits;
}

/**
 * Problems for the strong names that are ordinary words and not reviewed, and for reviews that no
 * longer match a strong name (so the list does not outlive what it excuses).
 */
export function checkCommonWords(dataset: Dataset, lexicon: Lexicon, reviewed: ReviewedFile): Problem[] {
  const problems: Problem[] = [];
  const hits = commonWordHits(dataset, lexicon);
  const key = (entity: string, name: string) => `${entity}\u0000${name}`;
  const excused = new Set(reviewed.strong.map((entry) => key(entry.entity, entry.name)));
  for (const hit of hits) {
    if (excused.has(key(hit.entity, hit.name))) continue;
    problems.push({
      id: hit.entity,
      field: hit.field,
      message: `'${hit.name}' is an ordinary word (${hit.word}): mark it weak, or say in data/common-words-reviewed.json why it may stay strong`,
    });
  }
  const hitKeys = new Set(hits.map((hit) => key(hit.entity, hit.name)));
  for (const entry of reviewed.strong) {
    if (!hitKeys.has(key(entry.entity, entry.name))) {
      problems.push({
        file: 'data/common-words-reviewed.json',
        id: entry.entity,
        message: `'${entry.name}' is listed as reviewed but is no strong name the lexicon flags: remove the entry`,
      });
    }
  }
  return problems;
}
