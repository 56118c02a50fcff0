/**
 * The hover card in a page: owns its host element and shadow root, places it beside the mark with
 * Floating UI, and renders the shared EntityCard into it with Preact.
 *
 * The host exists only while a card is open, and is a direct child of <html>, so the page's <body>
 * is untouched; the shadow root keeps page CSS out.
 *
 * This is the content script's heavy part (Preact, Floating UI, the card, three languages): it is
 * built into the content script's second stage, which a page loads only once it has marks
 * (utils/content/stage-two.ts).
 */
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EntityCard } from '@/components/EntityCard';
import cardCss from '@/components/entity-card.css?inline';
import type { Citation } from '../entity-view';
import { detectLocale, type Locale, translator } from '../i18n';
import { OWN_UI_TAG_PREFIX } from '../marking/text-nodes';
import type { EntityDetails } from '../protocol';

export interface CardAnchor {
  range: Range;
  /** The entity id and the name as written on the page. */
  entityId: string;
  written: string;
}

export interface CardControllerOptions {
  document: Document;
  /** The interface language the reader chose: 'auto' follows the browser. */
  language: () => Locale | 'auto';
  loadDetails: (id: string) => Promise<EntityDetails | null>;
  openCitation: (citation: Citation) => void;
  openInSearch: (id: string) => void;
  /** Called when the pointer enters or leaves the card. */
  onPointerInside?: (inside: boolean) => void;
  /** Called when the card closes itself (Esc, the close button). */
  onClosed?: () => void;
}

/**
 * The host's look, every declaration important: a page's `!important` rules (say, a blanket
 * `html > * { display: none !important }`) lose to important inline ones, and `all` resets
 * whatever else a page sets on it.
 */
const HOST_STYLE = [
  'all: initial',
  'display: block',
  'position: fixed',
  'top: 0',
  'left: 0',
  'width: 0',
  'height: 0',
  'overflow: visible',
  'visibility: visible',
  'opacity: 1',
  'z-index: 2147483647',
]
  .map((declaration) => `${declaration} !important;`)
  .join(' ');

/**
 * The host's tag: new for every content script, so a page cannot define it as a custom element of
 * its own beforehand (its constructor would run on our host and could take its shadow root).
 */
const HOST_TAG = `${OWN_UI_TAG_PREFIX}${crypto.getRandomValues(new Uint32Array(2)).join('-')}`.toLowerCase();

/**
 * The shadow root is closed: a page cannot reach into the card to read it or press its buttons.
 * The end-to-end tests' build leaves it open so the tests can read the card; the hostile-page
 * test runs the build users get.
 */
const SHADOW_MODE: ShadowRootMode = import.meta.env.TALENT_OVERLAY_E2E ? 'open' : 'closed';

/** Events the card's own handlers see only when the reader made them (a page's dispatched ones stop at the root). */
const GUARDED_EVENTS = [
  'click',
  'auxclick',
  'keydown',
  'keyup',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'focusin',
  'input',
];

const SHELL_CSS = `
.card {
  box-sizing: border-box;
  width: min(400px, calc(100vw - 16px));
  overflow: auto;
  overscroll-behavior: contain;
  padding: 12px 14px;
  background: #ffffff;
  border: 1px solid #d0d7de;
  border-radius: 8px;
  box-shadow: 0 8px 24px rgba(31, 35, 40, 0.18);
}
@media (prefers-color-scheme: dark) {
  .card { background: #161b22; border-color: #30363d; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.5); }
}
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid #0b57d0; }
.toolbar { display: flex; justify-content: space-between; margin: -4px -6px 2px; }
.toolbar button {
  background: none; border: none; cursor: pointer; font: 13px system-ui, sans-serif;
  color: #57606a; padding: 2px 6px; border-radius: 4px;
}
@media (prefers-color-scheme: dark) { .toolbar button { color: #a7b1bc; } }
.toolbar button:hover { background: rgba(127, 127, 127, 0.15); }
.toolbar button:focus-visible { outline: 2px solid #0b57d0; }
.status { font: 14px system-ui, sans-serif; color: #57606a; }
`;

export class CardController {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  private anchor: CardAnchor | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly options: CardControllerOptions) {}

  get isOpen(): boolean {
    return this.host !== null;
  }

  get current(): CardAnchor | null {
    return this.anchor;
  }

  /** Whether an event happened inside the card. */
  contains(event: Event): boolean {
    return this.host !== null && event.composedPath().includes(this.host);
  }

  open(anchor: CardAnchor, { focus }: { focus: boolean }): void {
    const document = this.options.document;
    if (!this.host) {
      this.host = document.createElement(HOST_TAG);
      this.host.setAttribute('style', HOST_STYLE);
      // A fixed name to find the host by (the tests do), since its tag changes.
      this.host.setAttribute('data-talent-overlay-card', '');
      const shadow = this.host.attachShadow({ mode: SHADOW_MODE });
      for (const type of GUARDED_EVENTS) {
        shadow.addEventListener(type, stopUntrusted, { capture: true });
      }
      const style = document.createElement('style');
      style.textContent = SHELL_CSS + cardCss;
      this.mount = document.createElement('div');
      shadow.append(style, this.mount);
      this.host.addEventListener('pointerenter', (event) => event.isTrusted && this.options.onPointerInside?.(true));
      this.host.addEventListener('pointerleave', (event) => event.isTrusted && this.options.onPointerInside?.(false));
      document.documentElement.append(this.host);
    }
    if (focus && !this.returnFocus) {
      const active = document.activeElement;
      this.returnFocus = active instanceof HTMLElement && active !== this.host ? active : null;
    }
    this.anchor = anchor;
    render(
      <CardShell
        key={`${anchor.entityId}:${anchor.written}`}
        anchor={anchor}
        options={this.options}
        focus={focus}
        onClose={() => this.close({ restoreFocus: true, notify: true })}
        onRendered={() => this.place()}
      />,
      this.mount!,
    );
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => anchor.range.getBoundingClientRect(),
      getClientRects: () => anchor.range.getClientRects(),
      contextElement: anchor.range.startContainer.parentElement ?? undefined,
    };
    this.stopAutoUpdate = autoUpdate(reference, this.cardElement()!, () => this.place());
  }

  close({ restoreFocus = false, notify = false }: { restoreFocus?: boolean; notify?: boolean } = {}): void {
    if (!this.host) return;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    render(null, this.mount!);
    this.host.remove();
    this.host = null;
    this.mount = null;
    this.anchor = null;
    if (restoreFocus && this.returnFocus?.isConnected) this.returnFocus.focus({ preventScroll: true });
    this.returnFocus = null;
    if (notify) this.options.onClosed?.();
  }

  private cardElement(): HTMLElement | null {
    return this.mount?.querySelector<HTMLElement>('.card') ?? null;
  }

  /** Below the mark if it fits, else above; never over it. */
  private place(): void {
    const card = this.cardElement();
    const anchor = this.anchor;
    if (!card || !anchor) return;
    const reference = {
      getBoundingClientRect: () => anchor.range.getBoundingClientRect(),
      getClientRects: () => anchor.range.getClientRects(),
    };
    void computePosition(reference, card, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        flip({ fallbackPlacements: ['top-start', 'right-start', 'left-start'] }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, elements }) {
            elements.floating.style.maxHeight = `${Math.max(120, Math.min(availableHeight, 520))}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      if (this.cardElement() !== card) return;
      Object.assign(card.style, { position: 'fixed', left: `${x}px`, top: `${y}px` });
    });
  }
}

/** Stops an event the page made up before any of the card's handlers sees it. */
function stopUntrusted(event: Event): void {
  if (event.isTrusted) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}

let headingCounter = 0;

/** The card's frame: loading, errors, navigation between entities, close. */
function CardShell({
  anchor,
  options,
  focus,
  onClose,
  onRendered,
}: {
  anchor: CardAnchor;
  options: CardControllerOptions;
  focus: boolean;
  onClose: () => void;
  onRendered: () => void;
}) {
  const chosen = options.language();
  const locale = chosen === 'auto' ? detectLocale(navigator.languages) : chosen;
  const t = translator(locale);
  const [trail, setTrail] = useState<string[]>([anchor.entityId]);
  const [details, setDetails] = useState<EntityDetails | null | 'loading' | 'error'>('loading');
  const [headingId] = useState(() => `talent-overlay-heading-${++headingCounter}`);
  const card = useRef<HTMLDivElement>(null);
  const current = trail.at(-1)!;

  useEffect(() => {
    let live = true;
    setDetails('loading');
    options.loadDetails(current).then(
      (loaded) => live && setDetails(loaded ?? 'error'),
      () => live && setDetails('error'),
    );
    return () => {
      live = false;
    };
  }, [current, options]);

  useEffect(() => {
    onRendered();
    if (focus && details !== 'loading') card.current?.focus({ preventScroll: true });
  }, [details, focus, onRendered]);

  const loaded = typeof details === 'object' && details !== null ? details : null;
  return (
    <div
      ref={card}
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={loaded ? headingId : undefined}
      aria-label={loaded ? undefined : t('cardLoading')}
      tabIndex={-1}
      lang={locale === 'en' ? 'en' : locale === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="toolbar">
        {trail.length > 1 ? (
          <button type="button" onClick={() => setTrail(trail.slice(0, -1))}>
            ← {t('back')}
          </button>
        ) : (
          <span />
        )}
        <button type="button" aria-label={t('close')} title={t('close')} onClick={onClose}>
          ✕
        </button>
      </div>
      {details === 'loading' ? <p class="status">{t('cardLoading')}</p> : null}
      {details === 'error' ? <p class="status">{t('cardError')}</p> : null}
      {loaded ? (
        <EntityCard
          details={loaded}
          locale={locale}
          t={t}
          headingId={headingId}
          nameAsWritten={trail.length === 1 ? anchor.written : undefined}
          onOpenEntity={(id) => setTrail([...trail, id])}
          onOpenCitation={options.openCitation}
          onOpenInSearch={options.openInSearch}
        />
      ) : null}
    </div>
  );
}
