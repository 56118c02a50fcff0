/**
 * Keeps a page's marks in line with the settings and the installed dataset: reads the compiled
 * matcher (from storage, asking the background to compile it when it is missing), starts and stops
 * the page marker, and restarts it when the kinds or the style change or a new dataset arrives.
 */
import { PageMarker } from '../marking/page-marker';
import { highlightApiAvailable, type KindLetter } from '../marking/painter';
import { KIND_LETTER } from '../matcher/compiled';
import { Matcher } from '../matcher/matcher';
import { isCurrentFormat, readMatcher } from '../matcher-store';
import { sendMessage } from '../messaging';
import { isMarkingOn, type Settings } from '../settings';

export class PageMarking {
  private matcher: Matcher | null = null;
  /** The matcher being read for the current dataset; dropped when the dataset changes. */
  private matcherLoad: Promise<Matcher | null> | null = null;
  private marker: PageMarker | null = null;
  /** The kinds and style the running marker was started with. */
  private markerConfig = '';
  private sawMarks = false;

  constructor(
    private readonly options: {
      /** Whether the content script may still touch the page (false once the extension reloads). */
      isValid: () => boolean;
      /** Called before the marks change under an open card. */
      onRestart: () => void;
      /** Called once, when the page first has a mark. */
      onFirstMark: () => void;
    },
  ) {}

  get currentMarker(): PageMarker | null {
    return this.marker;
  }

  get currentMatcher(): Matcher | null {
    return this.matcher;
  }

  /** Brings the page in line with the settings: marks on or off, kinds, style. */
  async apply(settings: Settings): Promise<void> {
    if (!this.options.isValid()) return;
    if (!isMarkingOn(settings, location.href)) {
      this.stop();
      return;
    }
    if (!highlightApiAvailable(window)) {
      // Chrome before 105 or Firefox before 140: the manifest asks for newer ones, so only a
      // browser that ignores the minimum version gets here. Leave the page alone rather than break it.
      console.warn('Talent Overlay: this browser lacks the CSS Custom Highlight API; names are not marked.');
      return;
    }
    const matcher = await this.loadMatcher();
    if (!matcher || !this.options.isValid()) return;
    const changedMatcher = matcher !== this.matcher;
    this.matcher = matcher;
    const kinds = new Set(
      (Object.keys(KIND_LETTER) as (keyof typeof KIND_LETTER)[])
        .filter((kind) => settings.kinds[kind])
        .map((kind): KindLetter => KIND_LETTER[kind]),
    );
    const config = `${[...kinds].join('')}|${settings.markStyle}`;
    if (this.marker?.isRunning && config === this.markerConfig && !changedMatcher) return;
    this.stop();
    this.marker = new PageMarker(document, {
      matcher,
      kinds,
      style: settings.markStyle,
      onChange: () => this.noticeMarks(),
    });
    this.markerConfig = config;
    this.marker.start();
  }

  private noticeMarks(): void {
    if (this.sawMarks || (this.marker?.markCount ?? 0) === 0) return;
    this.sawMarks = true;
    this.options.onFirstMark();
  }

  /** A new dataset was installed: the next apply() reads its matcher and marks the page anew. */
  datasetChanged(): void {
    this.matcherLoad = null;
    this.stop();
  }

  /** Removes every mark. */
  stop(): void {
    if (this.marker) this.options.onRestart();
    this.marker?.stop();
    this.marker = null;
  }

  /**
   * The current dataset's matcher, read once. Null when no dataset is installed yet, or when a
   * newer dataset arrived while this one was read (its own apply() takes over); a read that finds
   * nothing or fails is tried again by the next apply().
   */
  private async loadMatcher(): Promise<Matcher | null> {
    if (!this.matcherLoad) {
      const started = readCurrentMatcher();
      this.matcherLoad = started;
      started.then(
        (loaded) => {
          if (!loaded && this.matcherLoad === started) this.matcherLoad = null;
        },
        () => {
          if (this.matcherLoad === started) this.matcherLoad = null;
        },
      );
    }
    const loading = this.matcherLoad;
    const loaded = await loading;
    return loading === this.matcherLoad ? loaded : null;
  }
}

/** The stored matcher of the installed dataset, compiled by the background first if it is missing. */
async function readCurrentMatcher(): Promise<Matcher | null> {
  let stored = await readMatcher();
  if (!isCurrentFormat(stored) && (await sendMessage('prepareMatcher'))) stored = await readMatcher();
  return isCurrentFormat(stored) ? new Matcher(stored.compiled) : null;
}
