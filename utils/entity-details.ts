/**
 * Everything a card or a detail view shows about one entity (protocol.ts EntityDetails), gathered
 * in the background from IndexedDB through dataset-store.ts: the entity, every claim that names it,
 * and the entities and articles those claims cite.
 */
import { claimRefs } from '@/data/format/claims';
import { sortById } from '@/data/format/order';
import type { Entity } from '@/data/format/schema';
import { childrenOf, claimsNaming, descendantsOf, getArticles, getEntities } from './dataset-store';
import type { OverlayDatabase } from './db';
import type { EntityDetails, EntitySummary } from './protocol';

/** The entity as lists show it. */
export function toEntitySummary(entity: Entity): EntitySummary {
  const { id, kind, name, nameEn, description, parent } = entity;
  return { id, kind, name, description, ...(nameEn ? { nameEn } : {}), ...(parent ? { parent } : {}) };
}

/** How many of an organisation's units (at any depth) its card gathers claims from. */
const MAX_UNITS = 200;

export async function getEntityDetails(db: OverlayDatabase, id: string): Promise<EntityDetails | null> {
  const [entity] = await getEntities(db, [id]);
  if (!entity) return null;
  // An organisation's card includes what is said of its units: a role at 达摩院智能计算实验室 shows on
  // 达摩院's card too, labelled with the unit (the claim's own org).
  const units = entity.kind === 'org' ? await descendantsOf(db, id, MAX_UNITS) : [];
  const [naming, children] = await Promise.all([
    Promise.all([id, ...units].map((named) => claimsNaming(db, named))),
    childrenOf(db, id),
  ]);
  const claims = sortById([...new Map(naming.flat().map((claim) => [claim.id, claim])).values()]);

  const entityIds = new Set<string>([id, ...children.map((child) => child.id)]);
  if (entity.parent) entityIds.add(entity.parent);
  for (const claim of claims) for (const ref of claimRefs(claim)) entityIds.add(ref);
  const articleIds = new Set<string>(entity.mentions.map((mention) => mention.article));
  for (const claim of claims) for (const evidence of claim.evidence) articleIds.add(evidence.article);

  const [related, articles] = await Promise.all([getEntities(db, [...entityIds]), getArticles(db, [...articleIds])]);
  return {
    entity,
    children: children.map(toEntitySummary),
    claims,
    entities: Object.fromEntries(related.filter((e) => e !== undefined).map((e) => [e.id, toEntitySummary(e)])),
    articles: Object.fromEntries(
      articles.filter((a) => a !== undefined).map(({ text: _text, ...article }) => [article.id, article]),
    ),
  };
}
