/**
 * Everything a card or a detail view shows about one entity, gathered in the background from
 * IndexedDB: the entity, every claim that names it, and the names and sources those claims cite.
 */
import type { Article, Claim, Entity } from '@/data/schema';
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
  return db.transaction('r', [db.entities, db.claims, db.articles], async () => {
    const entity = await db.entities.get(id);
    if (!entity) return null;
    const [stored, children] = await Promise.all([
      db.claims.where('refs').equals(id).toArray(),
      db.entities.where('parent').equals(id).toArray(),
    ]);
    const claims = stored.map(({ refs: _refs, ...claim }) => claim as Claim);

    const entityIds = new Set<string>([id, ...children.map((child) => child.id)]);
    if (entity.parent) entityIds.add(entity.parent);
    for (const claim of stored) for (const ref of claim.refs) entityIds.add(ref);
    const articleIds = new Set<string>(entity.mentions.map((mention) => mention.article));
    for (const claim of claims) for (const evidence of claim.evidence) articleIds.add(evidence.article);

    const [related, articles] = await Promise.all([
      db.entities.bulkGet([...entityIds]),
      db.articles.bulkGet([...articleIds]),
    ]);
    return {
      entity,
      children: children.map(summarise),
      claims,
      entities: Object.fromEntries(related.filter((e) => e !== undefined).map((e) => [e.id, summarise(e)])),
      articles: Object.fromEntries(
        articles.filter((a) => a !== undefined).map(({ text: _text, ...article }) => [article.id, article]),
      ),
    };
  });
}
