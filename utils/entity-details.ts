/**
 * Everything a card or a detail view shows about one entity, gathered in the background from
 * IndexedDB (through dataset-store.ts): the entity, every claim that names it, and the names and sources those claims cite.
 */
import type { Article, Claim, Entity } from '@/data/schema';
import { claimRefs } from './buckets';
import { childrenOf, claimsNaming, getArticles, getEntities } from './dataset-store';
import type { OverlayDatabase } from './db';

export type EntitySummary = Pick<Entity, 'id' | 'kind' | 'name' | 'nameEn' | 'description' | 'parent'>;
export type ArticleSummary = Omit<Article, 'text'>;

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

export function summarise(entity: Entity): EntitySummary {
  const { id, kind, name, nameEn, description, parent } = entity;
  return { id, kind, name, description, ...(nameEn ? { nameEn } : {}), ...(parent ? { parent } : {}) };
}

export async function getEntityDetails(db: OverlayDatabase, id: string): Promise<EntityDetails | null> {
  const [entity] = await getEntities(db, [id]);
  if (!entity) return null;
  const [claims, children] = await Promise.all([claimsNaming(db, id), childrenOf(db, id)]);

  const entityIds = new Set<string>([id, ...children.map((child) => child.id)]);
  if (entity.parent) entityIds.add(entity.parent);
  for (const claim of claims) for (const ref of claimRefs(claim)) entityIds.add(ref);
  const articleIds = new Set<string>(entity.mentions.map((mention) => mention.article));
  for (const claim of claims) for (const evidence of claim.evidence) articleIds.add(evidence.article);

  const [related, articles] = await Promise.all([getEntities(db, [...entityIds]), getArticles(db, [...articleIds])]);
  return {
    entity,
    children: children.map(summarise),
    claims,
    entities: Object.fromEntries(related.filter((e) => e !== undefined).map((e) => [e.id, summarise(e)])),
    articles: Object.fromEntries(
      articles.filter((a) => a !== undefined).map(({ text: _text, ...article }) => [article.id, article]),
    ),
  };
}
