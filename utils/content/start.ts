/**
 * The content script's work on a page: marks the page while marking is on for its site, opens
 * cards, and answers the popup. It never sends the page's text anywhere: only entity ids go to the
 * background, to fetch what a card shows.
 *
 * It runs in the top page and in frames of the page's own origin (an article the site embeds);
 * frames from elsewhere (ads, widgets, comment threads) are left alone, and only the top page
 * answers the popup. This part loads on every page and is kept light: the card's code loads once
 * the page has a mark (card-stage.ts).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isCurrentFormat, matcherItem } from '../matcher-store';
import { onValidatedMessage } from '../messaging';
import type { PageStatus } from '../protocol';
import { reportError } from '../report-error';
import { getSettings, type Settings, watchSettings } from '../settings';
import { createCards } from './cards';
import { EntityLookup } from './entity-lookup';
import { PageMarking } from './page-marking';

/** Whether this frame is marked: the top page, or a frame of the same origin as the top page. */
export function isMarkedFrame(view: Window): boolean {
  if (view === view.top) return true;
  try {
    return view.top?.location.origin === view.location.origin;
  } catch {
    // Reading another origin's location throws: a frame from elsewhere.
    return false;
  }
}

export async function startContentScript(ctx: ContentScriptContext): Promise<void> {
  let settings: Settings = await getSettings();
  const lookup = new EntityLookup();
  const marking = new PageMarking({
    isValid: () => ctx.isValid,
    onRestart: () => cards.card.close(),
    // The page has marks: load the card's code while the page is idle, so the first card opens at once.
    onFirstMark: () => ctx.requestIdleCallback(() => cards.card.preload(), { timeout: 5000 }),
  });
  const cards = createCards({ marker: () => marking.currentMarker, lookup, language: () => settings.language });
  const apply = () => marking.apply(settings).catch((error: unknown) => reportError('could not mark the page', error));
  const atIdle = (work: () => void) => ctx.requestIdleCallback(work, { timeout: 1000 });

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
  if (window === window.top) {
    removers.push(
      onValidatedMessage('getPageStatus', async () => pageStatus(marking, lookup, await idleMarker())),
      onValidatedMessage('revealEntity', async ({ id }) => {
        const marker = await idleMarker();
        const ids = await lookup.entityIds();
        const mark = marker?.marks().find((candidate) => ids[candidate.entity] === id);
        if (!mark) return false;
        cards.interaction.reveal(mark);
        return true;
      }),
    );
  }
  // A page that changes its address without loading (pushState) shows a new article: mark it
  // afresh once it has rendered, so names the previous one corroborated do not carry over.
  ctx.addEventListener(window, 'wxt:locationchange', () =>
    atIdle(() => {
      marking.stop();
      void apply();
    }),
  );
  ctx.onInvalidated(() => {
    for (const remove of removers) remove();
    cards.interaction.destroy();
    cards.card.close();
    marking.stop();
  });

  // Let the page finish its own start-up before scanning it.
  await new Promise<void>((resolve) => atIdle(resolve));
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
