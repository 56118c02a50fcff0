/**
 * The cards of a page: the card (loaded on first need: lazy-card.ts) and how the reader reaches it
 * (interaction.ts), wired to the marks and to what the background knows about each entity.
 */
import { CardInteraction } from '../card/interaction';
import { citationView } from '../entity-view';
import type { PageMarker } from '../marking/page-marker';
import { sendMessage } from '../messaging';
import type { OpenView } from '../protocol';
import { reportError } from '../report-error';
import type { Settings } from '../settings';
import type { EntityLookup } from './entity-lookup';
import { LazyCard } from './lazy-card';

export interface PageCards {
  card: LazyCard;
  interaction: CardInteraction;
}

export function createCards(options: {
  marker: () => PageMarker | null;
  lookup: EntityLookup;
  language: () => Settings['language'];
}): PageCards {
  const { lookup } = options;
  const open = (view: OpenView) =>
    sendMessage('openView', view).catch((error: unknown) => reportError('could not open a view', error));
  const card = new LazyCard({
    document,
    language: options.language,
    loadDetails: (id) => lookup.detailsOf(id),
    openCitation: (citation) => void open(citationView(citation)),
    openInSearch: (id) => void open({ view: 'entity', id }),
    onPointerInside: (inside) => interaction.pointerInside(inside),
    onClosed: () => interaction.closed(),
  });
  const interaction = new CardInteraction({
    window,
    marker: options.marker,
    card,
    entityId: (mark) => lookup.idOf(mark.entity),
    // While the open delay runs, load the card's code, read the id and ask for the details, so
    // the card opens complete.
    prepare: (mark) => {
      card.preload();
      lookup.prefetch(mark.entity);
    },
  });
  return { card, interaction };
}
