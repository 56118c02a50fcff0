/**
 * The content script's work on a page: marks the page while marking is on for its site, opens
 * cards, and answers the popup. It never sends the page's text anywhere: only entity ids go to the
 * background, to fetch what a card shows.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectLocale, type Locale, translator } from '../i18n';
import { isCurrentFormat, matcherItem } from '../matcher-store';
import { onValidatedMessage } from '../messaging';
import type { PageStatus } from '../protocol';
import { reportError } from '../report-error';
import { getSettings, type Settings, watchSettings } from '../settings';
import { createCards } from './cards';
import { EntityLookup } from './entity-lookup';
import { PageMarking } from './page-marking';

export async function startContentScript(ctx: ContentScriptContext): Promise<void> {
  let settings: Settings = await getSettings();
  const locale = (): Locale => (settings.language === 'auto' ? detectLocale(navigator.languages) : settings.language);
  const lookup = new EntityLookup();
  const marking = new PageMarking({ isValid: () => ctx.isValid, onRestart: () => cards.card.close() });
  const cards = createCards({
    marker: () => marking.currentMarker,
    lookup,
    language: () => ({ locale: locale(), t: translator(locale()) }),
  });
  const apply = () => marking.apply(settings).catch((error: unknown) => reportError('could not mark the page', error));

  // Settled once the first marking pass has started (or marking is off): a popup opened while the
  // page is still loading waits for it rather than reporting an empty page.
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  /** The page's marker once it has scanned what is queued, if marking is on. */
  const idleMarker = async () => {
    await settled;
    const marker = marking.currentMarker;
    await marker?.whenIdle();
    return marker;
  };

  const removers = [
    onValidatedMessage('getPageStatus', async () => pageStatus(marking, lookup, await idleMarker())),
    onValidatedMessage('revealEntity', async ({ id }) => {
      const marker = await idleMarker();
      const ids = await lookup.entityIds();
      const mark = marker?.marks().find((candidate) => ids[candidate.entity] === id);
      if (!mark) return false;
      cards.interaction.reveal(mark);
      return true;
    }),
    watchSettings((next) => {
      settings = next;
      void apply();
    }),
    // A new dataset (an import, a rollback, an update) applies at once: new matcher, marks redone.
    // The new matcher is read when marking needs it: a tab where marking is off reads nothing.
    matcherItem.watch((header) => {
      if (!isCurrentFormat(header)) return;
      lookup.reset();
      marking.datasetChanged();
      void apply();
    }),
  ];
  ctx.onInvalidated(() => {
    for (const remove of removers) remove();
    cards.interaction.destroy();
    cards.card.close();
    marking.stop();
  });

  // Let the page finish its own start-up before scanning it.
  await new Promise<void>((resolve) => ctx.requestIdleCallback(() => resolve(), { timeout: 1000 }));
  await apply();
  settle();
}

/** What the popup shows about this tab. */
async function pageStatus(
  marking: PageMarking,
  lookup: EntityLookup,
  marker: PageMarking['currentMarker'],
): Promise<PageStatus> {
  const counts = [...(marker?.counts() ?? new Map<number, number>())].sort((a, b) => b[1] - a[1]);
  const ids = counts.length > 0 ? await lookup.entityIds() : [];
  const matcher = marking.currentMatcher;
  return {
    url: location.href,
    marking: marker?.isRunning ?? false,
    datasetVersion: matcher?.datasetVersion ?? null,
    entityCount: matcher?.entityCount ?? 0,
    entities: counts.map(([entity, count]) => ({ id: ids[entity] ?? '', count })),
  };
}
