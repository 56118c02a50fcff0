/**
 * What the content script knows about the entities it marks, fetched on first need: their ids (a
 * mark carries only the entity's number in the matcher) from storage, and what a card shows from
 * the background, once per entity (a failed ask is tried again on the next).
 */
import { matcherIdsItem } from '../matcher-store';
import { sendMessage } from '../messaging';
import type { EntityDetails } from '../protocol';

export class EntityLookup {
  private ids: Promise<string[]> | null = null;
  private readonly details = new Map<string, Promise<EntityDetails | null>>();

  /** Entity ids by number, for the current matcher. */
  entityIds(): Promise<string[]> {
    this.ids ??= matcherIdsItem.getValue().then((stored) => stored?.ids.split('\n') ?? []);
    return this.ids;
  }

  /** The id of the entity with this number in the matcher ('' when there is none). */
  async idOf(entity: number): Promise<string> {
    return (await this.entityIds())[entity] ?? '';
  }

  /** What a card shows about an entity. */
  detailsOf(id: string): Promise<EntityDetails | null> {
    let loading = this.details.get(id);
    if (!loading) {
      loading = sendMessage('getEntityDetails', { id });
      this.details.set(id, loading);
      loading.catch(() => this.details.delete(id));
    }
    return loading;
  }

  /** Starts reading what an entity's card will show, so the card opens complete. */
  prefetch(entity: number): void {
    this.idOf(entity)
      .then((id) => (id ? this.detailsOf(id) : null))
      .catch(() => {
        // The card asks again when it opens, and shows the failure then.
      });
  }

  /** Forgets everything: the dataset changed. */
  reset(): void {
    this.ids = null;
    this.details.clear();
  }
}
