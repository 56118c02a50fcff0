/**
 * The content script's work on a page: builds the matcher from what the background compiled,
 * marks the page while marking is on for this site, and opens cards. It never sends the page's
 * text anywhere: only entity ids go to the background, to fetch what a card shows.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CardController } from './card/card-controller';
import { CardInteraction } from './card/interaction';
import type { EntityDetails } from './entity-details';
import type { Source } from './entity-view';
import { detectLocale, type Locale, translator } from './i18n';
import { PageMarker } from './marking/page-marker';
import { highlightApiAvailable, type KindLetter } from './marking/painter';
import { Matcher } from './matcher/matcher';
import { KIND_LETTER } from './matcher/source';
import { isCurrentFormat, matcherIdsItem, matcherItem, readMatcher } from './matcher-store';
import { onValidatedMessage, type PageStatus, sendMessage } from './messaging';
import { getSettings, isMarkingOn, type Settings, watchSettings } from './settings';

export async function startContentScript(ctx: ContentScriptContext) {
  let settings: Settings = await getSettings();
  let matcher: Matcher | null = null;
  /** The matcher being read for the current dataset; dropped when the dataset changes. */
  let matcherLoad: Promise<Matcher | null> | null = null;
  /** Entity ids by number, for the current matcher: read on first need (cards, the popup). */
  let ids: Promise<string[]> | null = null;
  const entityIds = () => {
    ids ??= matcherIdsItem.getValue().then((stored) => stored?.ids.split('\n') ?? []);
    return ids;
  };
  let marker: PageMarker | null = null;
  let markerConfig = '';
  const details = new Map<string, Promise<EntityDetails | null>>();

  const locale = (): Locale => (settings.language === 'auto' ? detectLocale(navigator.languages) : settings.language);

  /** What a card shows, asked of the background once per entity (a failed ask is tried again). */
  const loadDetails = (id: string): Promise<EntityDetails | null> => {
    let loading = details.get(id);
    if (!loading) {
      loading = sendMessage('getEntityDetails', { id });
      details.set(id, loading);
      loading.catch(() => details.delete(id));
    }
    return loading;
  };

  const card = new CardController({
    document,
    language: () => ({ locale: locale(), t: translator(locale()) }),
    loadDetails,
    openSource: (source: Source) => {
      const { url, id } = source.article;
      void sendMessage('openView', url ? { view: 'url', url } : { view: 'source', article: id, quote: source.quote });
    },
    openInSearch: (id) => void sendMessage('openView', { view: 'entity', id }),
    onPointerInside: (inside) => interaction.pointerInside(inside),
    onClosed: () => interaction.closed(),
  });
  const interaction = new CardInteraction({
    window,
    marker: () => marker,
    card,
    entityId: async (mark) => (await entityIds())[mark.entity] ?? '',
    // While the open delay runs, read the ids and ask for the details, so the card opens complete.
    prepare: (mark) => {
      entityIds()
        .then((names) => {
          const id = names[mark.entity];
          if (id) return loadDetails(id);
        })
        .catch(() => {
          // The card asks again when it opens, and shows the failure then.
        });
    },
  });

  async function loadMatcher(): Promise<Matcher | null> {
    let stored = await readMatcher();
    if (!isCurrentFormat(stored) && (await sendMessage('prepareMatcher'))) stored = await readMatcher();
    return isCurrentFormat(stored) ? new Matcher(stored.compiled) : null;
  }

  /** Brings the page in line with the settings: marks on or off, kinds, style. */
  async function apply(next: Settings): Promise<void> {
    settings = next;
    if (!ctx.isValid) return;
    if (!isMarkingOn(settings, location.href)) {
      card.close();
      marker?.stop();
      marker = null;
      return;
    }
    if (!highlightApiAvailable(window)) {
      // Chrome before 105 or Firefox before 140: the manifest asks for newer ones, so only a
      // browser that ignores the minimum version gets here. Leave the page alone rather than break it.
      console.warn('Talent Overlay: this browser lacks the CSS Custom Highlight API; names are not marked.');
      return;
    }
    if (!matcherLoad) {
      const started = loadMatcher();
      matcherLoad = started;
      // A failed read is tried again by the next apply().
      started.catch(() => {
        if (matcherLoad === started) matcherLoad = null;
      });
    }
    const loading = matcherLoad;
    const loaded = await loading;
    // A newer dataset arrived while this one was read: its own apply() takes over.
    if (loading !== matcherLoad) return;
    if (!loaded) {
      // Nothing to mark with yet (no dataset installed): the next apply() reads again.
      matcherLoad = null;
      return;
    }
    if (!ctx.isValid) return;
    const changedMatcher = loaded !== matcher;
    matcher = loaded;
    const kinds = new Set(
      (Object.keys(KIND_LETTER) as (keyof typeof KIND_LETTER)[])
        .filter((kind) => settings.kinds[kind])
        .map((kind) => KIND_LETTER[kind] as KindLetter),
    );
    const config = `${[...kinds].join('')}|${settings.markStyle}`;
    if (marker?.isRunning && config === markerConfig && !changedMatcher) return;
    card.close();
    marker?.stop();
    marker = new PageMarker(document, { matcher, kinds, style: settings.markStyle });
    markerConfig = config;
    marker.start();
  }

  async function status(): Promise<PageStatus> {
    const counts = [...(marker?.counts() ?? new Map<number, number>())].sort((a, b) => b[1] - a[1]);
    const names = counts.length > 0 ? await entityIds() : [];
    return {
      url: location.href,
      marking: marker?.isRunning ?? false,
      datasetVersion: matcher?.datasetVersion ?? null,
      entityCount: matcher?.entityCount ?? 0,
      entities: counts.map(([entity, count]) => ({ id: names[entity] ?? '', count })),
    };
  }

  // Settled once the first marking pass has started (or marking is off): a popup opened while the
  // page is still loading waits for it rather than reporting an empty page.
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const removers = [
    onValidatedMessage('getPageStatus', async () => {
      await settled;
      await marker?.whenIdle();
      return status();
    }),
    onValidatedMessage('revealEntity', async ({ id }) => {
      await settled;
      await marker?.whenIdle();
      const names = await entityIds();
      const mark = marker?.marks().find((candidate) => names[candidate.entity] === id);
      if (!mark) return false;
      interaction.reveal(mark);
      return true;
    }),
    watchSettings((next) => void apply(next)),
    // A new dataset (an import, a rollback, an update) applies at once: new matcher, marks redone.
    // The new matcher is read when marking needs it: a tab where marking is off reads nothing.
    matcherItem.watch((header) => {
      if (!isCurrentFormat(header)) return;
      matcherLoad = null;
      ids = null;
      details.clear();
      marker?.stop();
      marker = null;
      void apply(settings);
    }),
  ];
  ctx.onInvalidated(() => {
    for (const remove of removers) remove();
    interaction.destroy();
    card.close();
    marker?.stop();
  });

  // Let the page finish its own start-up before scanning it.
  await new Promise<void>((resolve) => ctx.requestIdleCallback(() => resolve(), { timeout: 1000 }));
  await apply(settings).finally(settle);
  return { marker: () => marker };
}
