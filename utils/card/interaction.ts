/**
 * How the reader reaches cards: hovering a mark opens its card after a short delay, the card stays
 * while the pointer is on the mark or the card, and closes on leaving, on Esc, or when the mark is
 * scrolled out of view. From the keyboard, Alt+Shift+J / Alt+Shift+K move to the next / previous
 * mark and open its card with focus in it; Esc closes it and returns focus.
 */
import type { Mark, PageMarker } from '../marking/page-marker';
import { reportError } from '../report-error';
import type { CardAnchor } from './card-controller';

/** What the interaction needs of a card: the card itself, or its stand-in while the card's code loads. */
export interface CardSurface {
  readonly isOpen: boolean;
  contains(event: Event): boolean;
  open(anchor: CardAnchor, options: { focus: boolean }): void;
  close(options?: { restoreFocus?: boolean }): void;
}

export const OPEN_DELAY_MS = 300;
export const CLOSE_DELAY_MS = 250;
export const NEXT_MARK_KEY = 'KeyJ';
export const PREVIOUS_MARK_KEY = 'KeyK';

export interface InteractionOptions {
  window: Window;
  marker: () => PageMarker | null;
  card: CardSurface;
  /** The id of a mark's entity (ids are loaded on first need, so this may wait). */
  entityId: (mark: Mark) => Promise<string>;
  /**
   * Called when the pointer arrives on a mark, before the open delay: a chance to start
   * loading what its card will show (on a large dataset the entity ids alone take tens of ms).
   */
  prepare?: (mark: Mark) => void;
  /**
   * Whether an event comes from the reader: by default the browser's isTrusted, which a page's
   * dispatched events never have (tests of this module's logic pass their own).
   */
  isTrusted?: (event: Event) => boolean;
}

export const fromTheReader = (event: Event): boolean => event.isTrusted;

export class CardInteraction {
  private openTimer = 0;
  private closeTimer = 0;
  private pending: Mark | null = null;
  private shown: Mark | null = null;
  private openedByKeyboard = false;
  private pointerInCard = false;
  private frame = 0;
  private lastPoint = { x: 0, y: 0 };
  private readonly abort = new AbortController();

  constructor(private readonly options: InteractionOptions) {
    const { window } = options;
    const signal = this.abort.signal;
    // A page may dispatch pointer and key events of its own, to open cards and read them: only the
    // reader's own input counts.
    const trusted = options.isTrusted ?? fromTheReader;
    window.addEventListener('pointermove', (event) => trusted(event) && this.onPointerMove(event), {
      passive: true,
      signal,
    });
    window.addEventListener('keydown', (event) => trusted(event) && this.onKeyDown(event), { capture: true, signal });
    window.addEventListener('scroll', () => this.onScroll(), { passive: true, capture: true, signal });
  }

  destroy(): void {
    this.abort.abort();
    this.clearTimers();
    this.options.window.cancelAnimationFrame(this.frame);
    this.hide();
  }

  /** The card says the pointer entered or left it. */
  pointerInside(inside: boolean): void {
    this.pointerInCard = inside;
    if (inside) this.options.window.clearTimeout(this.closeTimer);
    else if (!this.openedByKeyboard) this.scheduleClose();
  }

  /** The card closed itself (Esc or its close button). */
  closed(): void {
    this.options.marker()?.setActive(null);
    this.shown = null;
    this.openedByKeyboard = false;
  }

  /** Opens a mark's card with focus in it (keyboard, or the popup's "on this page"). */
  reveal(mark: Mark): void {
    const element = mark.node.parentElement;
    element?.scrollIntoView({ block: 'center' });
    this.show(mark, true);
  }

  /** The pointer is at this point (it got there before the interaction started): act as if it moved there. */
  pointerAt(x: number, y: number): void {
    this.lastPoint = { x, y };
    this.hitTest();
  }

  /** Opens the card of the next (1) or previous (-1) mark, from the shown one, with focus in it. */
  step(direction: 1 | -1): void {
    const marks = this.options.marker()?.marks() ?? [];
    if (marks.length === 0) return;
    const at = this.shown ? marks.findIndex((mark) => sameMark(mark, this.shown!)) : -1;
    const index = at < 0 ? (direction > 0 ? 0 : marks.length - 1) : (at + direction + marks.length) % marks.length;
    this.reveal(marks[index]!);
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.options.card.contains(event)) return;
    this.lastPoint = { x: event.clientX, y: event.clientY };
    if (this.frame) return;
    this.frame = this.options.window.requestAnimationFrame(() => {
      this.frame = 0;
      this.hitTest();
    });
  }

  private hitTest(): void {
    const mark = this.options.marker()?.markAt(this.lastPoint.x, this.lastPoint.y) ?? null;
    const { window } = this.options;
    if (mark && this.shown && sameMark(mark, this.shown)) {
      window.clearTimeout(this.closeTimer);
      return;
    }
    if (mark) {
      if (this.pending && sameMark(mark, this.pending)) return;
      this.pending = mark;
      this.options.prepare?.(mark);
      window.clearTimeout(this.openTimer);
      this.openTimer = window.setTimeout(() => {
        this.pending = null;
        this.show(mark, false);
      }, OPEN_DELAY_MS);
      return;
    }
    this.pending = null;
    window.clearTimeout(this.openTimer);
    if (this.shown && !this.openedByKeyboard && !this.pointerInCard) this.scheduleClose();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.options.card.isOpen && !this.options.card.contains(event)) {
      this.hide(true);
      return;
    }
    const direction = markStep(event);
    if (!direction || (this.options.marker()?.markCount ?? 0) === 0) return;
    event.preventDefault();
    event.stopPropagation();
    this.step(direction);
  }

  private onScroll(): void {
    if (!this.shown) return;
    const rect = this.shown.range.getBoundingClientRect();
    const { innerHeight, innerWidth } = this.options.window;
    const visible = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
    if (!visible || !this.shown.node.isConnected) this.hide();
  }

  /** Opens the mark's card once its entity's id is known; a failure to learn it is reported, and the card stays shut. */
  private show(mark: Mark, byKeyboard: boolean): void {
    this.clearTimers();
    this.shown = mark;
    this.openedByKeyboard = byKeyboard;
    this.options.marker()?.setActive(mark);
    this.options.entityId(mark).then(
      (entityId) => {
        if (this.shown !== mark || !entityId) return;
        const anchor: CardAnchor = { range: mark.range, entityId, written: mark.text };
        this.options.card.open(anchor, { focus: byKeyboard });
      },
      (error: unknown) => {
        if (this.shown === mark) this.hide();
        reportError('could not open a card', error);
      },
    );
  }

  private scheduleClose(): void {
    const { window } = this.options;
    window.clearTimeout(this.closeTimer);
    this.closeTimer = window.setTimeout(() => this.hide(), CLOSE_DELAY_MS);
  }

  private hide(restoreFocus = false): void {
    this.clearTimers();
    this.options.card.close({ restoreFocus });
    this.closed();
  }

  private clearTimers(): void {
    this.options.window.clearTimeout(this.openTimer);
    this.options.window.clearTimeout(this.closeTimer);
  }
}

/** Whether a key press asks for the next mark (1), the previous one (-1), or neither (0). */
export function markStep(event: KeyboardEvent): 1 | -1 | 0 {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return 0;
  return event.code === NEXT_MARK_KEY ? 1 : event.code === PREVIOUS_MARK_KEY ? -1 : 0;
}

function sameMark(a: Mark, b: Mark): boolean {
  return a.node === b.node && a.start === b.start && a.entity === b.entity;
}
