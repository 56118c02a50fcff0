/**
 * The cards of a page: the card itself (card-controller.tsx) and how the reader reaches it
 * (interaction.ts), wired to the marks and to what the background knows about each entity.
 */
import { CardController } from '../card/card-controller';
import { CardInteraction } from '../card/interaction';
import { citationView } from '../entity-view';
import type { Locale, Translate } from '../i18n';
import type { PageMarker } from '../marking/page-marker';
import { sendMessage } from '../messaging';
import type { OpenView } from '../protocol';
import { reportError } from '../report-error';
import type { EntityLookup } from './entity-lookup';

export interface PageCards {
  card: CardController;
  interaction: CardInteraction;
}

export function createCards(options: {
  marker: () => PageMarker | null;
  lookup: EntityLookup;
  language: () => { locale: Locale; t: Translate };
}): PageCards {
  const { lookup } = options;
  const open = (view: OpenView) =>
    sendMessage('openView', view).catch((error: unknown) => reportError('could not open a view', error));
  const card = new CardController({
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
    // While the open delay runs, read the id and ask for the details, so the card opens complete.
    prepare: (mark) => lookup.prefetch(mark.entity),
  });
  return { card, interaction };
}
