/**
 * The cards of a page, part of the content script's second stage (stage-two.ts): the card
 * (card-controller.tsx), how the reader reaches it (interaction.ts), and what the background knows
 * about each marked entity (entity-lookup.ts), wired together. Started once the page has a mark.
 */
import { CardController } from '../card/card-controller';
import { CardInteraction } from '../card/interaction';
import { citationView } from '../entity-view';
import type { PageMarker } from '../marking/page-marker';
import { sendMessage } from '../messaging';
import type { OpenView } from '../protocol';
import { reportError } from '../report-error';
import type { Settings } from '../settings';
import { EntityLookup } from './entity-lookup';

export interface CardOptions {
  marker: () => PageMarker | null;
  language: () => Settings['language'];
}

export class PageCards {
  readonly lookup = new EntityLookup();
  readonly card: CardController;
  readonly interaction: CardInteraction;

  constructor(options: CardOptions) {
    const { lookup } = this;
    const open = (view: OpenView) =>
      sendMessage('openView', view).catch((error: unknown) => reportError('could not open a view', error));
    this.card = new CardController({
      document,
      language: options.language,
      loadDetails: (id) => lookup.detailsOf(id),
      openCitation: (citation) => void open(citationView(citation)),
      openInSearch: (id) => void open({ view: 'entity', id }),
      onPointerInside: (inside) => this.interaction.pointerInside(inside),
      onClosed: () => this.interaction.closed(),
    });
    this.interaction = new CardInteraction({
      window,
      marker: options.marker,
      card: this.card,
      entityId: (mark) => lookup.idOf(mark.entity),
      // While the open delay runs, read the id and ask for the details, so the card opens complete.
      prepare: (mark) => lookup.prefetch(mark.entity),
    });
  }

  /** The entities with marks, by number: for the popup. */
  entityIds(): Promise<string[]> {
    return this.lookup.entityIds();
  }

  destroy(): void {
    this.interaction.destroy();
    this.card.close();
  }
}
