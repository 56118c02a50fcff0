/**
 * The content script's work on a page: marks the page while marking is on for its site, opens
 * cards, and answers the popup. It never sends the page's text anywhere: only entity ids go to the
 * background, to fetch what a card shows.
 *
 * It runs in the top page and in frames of the page's own origin (an article the site embeds);
 * frames from elsewhere (ads, widgets, comment threads) are left alone, and only the top page
 * answers the popup. This first stage loads on every page and only marks: the cards and the
 * message checks load once the page has a mark, or the popup asks (stage-two.ts).
 */
import { browser } from 'wxt/browser';
import type { PageMarker } from '../marking/page-marker';
import { isCurrentFormat, matcherItem } from '../matcher-store';
import { onCheckedMessage, type PayloadCheck } from '../messaging';
import type { PageStatus } from '../protocol';
import { reportError } from '../report-error';
import { getSettings, type Settings, watchSettings } from '../settings';
import type { PageCards } from './cards';
import { EarlyInput } from './early-input';
import { PageMarking } from './page-marking';
import { loadStageTwo } from './stage-two';

/** How long after a pushState navigation the page is marked afresh: time for the app to render. */
const NAVIGATION_SETTLE_MS = 250;
/** How often the address is compared (a pushState navigation fires no event) and the extension's presence checked. */
const WATCH_INTERVAL_MS = 1000;

/**
 * Whether the extension is still there: reloaded, updated or removed, it leaves this copy of the
 * script without a runtime. Checked here rather than through WXT's context, whose invalidation a
 * page can trigger by dispatching the DOM event it listens for (named after the extension's id).
 */
const extensionIsThere = () => browser.runtime?.id !== undefined;

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

export async function startContentScript(): Promise<void> {
  let settings: Settings = await getSettings();
  let cards: Promise<PageCards> | null = null;
  let early: EarlyInput | null = null;
  /** The cards, with the second stage loaded for them (once); the reader's early input handed over. */
  const startCards = () => {
    cards ??= loadStageTwo().then((stage) => {
      const started = stage.startCards({ marker: () => marking.currentMarker, language: () => settings.language });
      early?.handOver(started.interaction);
      early = null;
      return started;
    });
    cards.catch((error: unknown) => {
      cards = null;
      reportError('could not load the cards', error);
    });
    return cards;
  };
  const whenCards = (use: (loaded: PageCards) => void) => void cards?.then(use, () => {});
  const marking = new PageMarking({
    isValid: extensionIsThere,
    onRestart: () => whenCards((loaded) => loaded.card.close()),
    // The page has marks: load the cards now, keeping what the reader does meanwhile.
    onFirstMark: () => {
      early ??= new EarlyInput(window);
      void startCards();
    },
  });
  const apply = () => marking.apply(settings).catch((error: unknown) => reportError('could not mark the page', error));
  const atIdle = (work: () => void) => requestIdleCallback(work, { timeout: 1000 });

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
      whenCards((loaded) => loaded.lookup.reset());
      marking.datasetChanged();
      void apply();
    }),
  ];
  if (window === window.top) removers.push(...answerThePopup(marking, idleMarker, startCards));
  // A page that changes its address without loading (pushState) shows a new article: it is marked
  // afresh once it has rendered, so names the previous one corroborated do not carry over. (Not
  // at idle: a busy page could leave the old corroboration in place for a second.) The Navigation
  // API tells at once where there is one; the address is also compared every second.
  let navigated = 0;
  let address = location.href;
  const addressChanged = (next: string) => {
    if (next === address) return;
    address = next;
    clearTimeout(navigated);
    navigated = window.setTimeout(() => {
      marking.stop();
      void apply();
    }, NAVIGATION_SETTLE_MS);
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  const onNavigate = (event: Event) => {
    const destination = (event as Event & { destination?: { url?: string } }).destination?.url;
    if (event.isTrusted && destination) addressChanged(destination);
  };
  navigation?.addEventListener('navigate', onNavigate);
  // Every second, too: once the extension is gone, this copy takes its marks and listeners away.
  const watching = setInterval(() => {
    if (!extensionIsThere()) {
      clearInterval(watching);
      clearTimeout(navigated);
      navigation?.removeEventListener('navigate', onNavigate);
      for (const remove of removers) remove();
      early?.stop();
      whenCards((loaded) => loaded.destroy());
      marking.stop();
      return;
    }
    addressChanged(location.href);
  }, WATCH_INTERVAL_MS);

  // Let the page finish its own start-up before scanning it.
  await new Promise<void>((resolve) => atIdle(resolve));
  await apply();
  settle();
}

/** Answers the popup's questions about this tab, checked with the second stage's schemas (loaded for the purpose). */
function answerThePopup(
  marking: PageMarking,
  idleMarker: () => Promise<PageMarker | null>,
  startCards: () => Promise<PageCards>,
): (() => void)[] {
  const check: PayloadCheck = async (type, data) => (await loadStageTwo()).checkPayload(type, data);
  return [
    onCheckedMessage('getPageStatus', check, async () => {
      const marker = await idleMarker();
      const counts = [...(marker?.counts() ?? new Map<number, number>())].sort((a, b) => b[1] - a[1]);
      const ids = counts.length > 0 ? await (await startCards()).entityIds() : [];
      const matcher = marking.currentMatcher;
      return {
        url: location.href,
        marking: marker?.isRunning ?? false,
        datasetVersion: matcher?.datasetVersion ?? null,
        entityCount: matcher?.entityCount ?? 0,
        entities: counts.map(([entity, count]) => ({ id: ids[entity] ?? '', count })),
      } satisfies PageStatus;
    }),
    onCheckedMessage('revealEntity', check, async ({ id }) => {
      const marker = await idleMarker();
      if (!marker) return false;
      const cards = await startCards();
      const ids = await cards.entityIds();
      const mark = marker.marks().find((candidate) => ids[candidate.entity] === id);
      if (!mark) return false;
      cards.interaction.reveal(mark);
      return true;
    }),
  ];
}
