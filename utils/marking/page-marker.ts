/**
 * Marks the names the matcher finds in a document and keeps the marks in step with the page.
 *
 * - Walks and scans the page in slices of a few milliseconds, so no task blocks the page for long.
 * - Follows the page with a MutationObserver: new or changed text is scanned, removed text unmarked.
 * - Changes nothing in the page's DOM (see painter.ts); `stop()` removes every trace.
 * - Paints only marks near the viewport. Chromium revalidates every highlight range on each frame
 *   in which any highlight changes, a cost that grows with the marks held, so the painter
 *   holds the marks of elements within a viewport of the screen, kept current by an
 *   IntersectionObserver, and a frame costs the same on a short page and a long one.
 */
import type { Matcher } from '../matcher/matcher';
import { Corroboration } from './corroboration';
import { HighlightPainter, type KindLetter, type MarkStyle } from './painter';
import { isMarkableText, isSkippedElement } from './text-nodes';

export class Mark {
  painted = false;
  private live: Range | null = null;

  constructor(
    readonly node: Text,
    readonly start: number,
    readonly end: number,
    readonly entity: number,
    readonly kind: KindLetter,
    /** The element whose visibility decides whether the mark is painted. */
    readonly element: Element,
  ) {}

  /**
   * The mark's range, made when first needed (painted, hovered, or reached from the keyboard):
   * most marks of a long page are far from the viewport, and every live range costs the page a
   * little on each of its own DOM changes. Clamped: the text may have changed since the scan, and
   * is scanned again in a moment.
   */
  get range(): Range {
    if (!this.live) {
      const length = this.node.length;
      this.live = this.node.ownerDocument.createRange();
      this.live.setStart(this.node, Math.min(this.start, length));
      this.live.setEnd(this.node, Math.min(this.end, length));
    }
    return this.live;
  }
}

/** How far beyond the viewport marks are painted ahead of scrolling (placeOf reads it the same way). */
const PAINT_MARGIN = '100% 0px';

export interface PageMarkerOptions {
  matcher: Matcher;
  kinds: ReadonlySet<KindLetter>;
  style: MarkStyle;
  /**
   * Milliseconds of work per slice before yielding to the page (default 30: well under the 50 ms of
   * a long task, and each yield lets a frame in, which costs a short page a few milliseconds).
   */
  sliceBudget?: number;
  /** Called (at most once per slice) when marks were added or removed. */
  onChange?: () => void;
}

type CaretDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export class PageMarker {
  private readonly marksByNode = new Map<Text, Mark[]>();
  private readonly painter: HighlightPainter;
  private readonly corroboration: Corroboration<Text>;
  private readonly observer: MutationObserver;
  /** Subtrees and text nodes waiting to be scanned, and the walk in progress. */
  private readonly pending: Node[] = [];
  private walker: TreeWalker | null = null;
  /** The walk's root (checked with its ancestors before the walk), and elements found not skipped on it. */
  private walkRoot: Node | null = null;
  private readonly clearInWalk = new Set<Element>();
  /**
   * Whether the walk reads marked elements' boxes to paint them at once (see addMark): only in the
   * first walk of the page, which is settled, so the read forces no layout; and only until an
   * element lies below the paint margin, as a walk runs down the page. Text the page adds later is
   * left to the visibility observer, a frame later, rather than force a layout on a changing page.
   */
  private readBoxes = false;
  private scheduled = false;
  private designMode = false;
  private running = false;
  private changed = false;
  private idleWaiters: (() => void)[] = [];
  /** Marked text nodes by the element observed for them, and which of those elements are near the viewport. */
  private readonly nodesByElement = new Map<Element, Set<Text>>();
  private readonly nearViewport = new Set<Element>();
  private visibility: IntersectionObserver | null = null;
  private readonly channel = new MessageChannel();

  constructor(
    private readonly document: Document,
    private readonly options: PageMarkerOptions,
  ) {
    this.painter = new HighlightPainter(document, options.style);
    this.corroboration = new Corroboration<Text>(options.matcher, options.kinds);
    this.observer = new (document.defaultView as Window & typeof globalThis).MutationObserver((records) =>
      this.onMutations(records),
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.channel.port1.onmessage = () => this.work();
    const view = this.document.defaultView as Window & typeof globalThis;
    this.visibility = new view.IntersectionObserver((entries) => this.onVisibility(entries), {
      rootMargin: PAINT_MARGIN,
    });
    this.painter.attach();
    this.observer.observe(this.document.documentElement, { childList: true, characterData: true, subtree: true });
    if (!this.document.body) return;
    this.pending.push(this.document.body);
    this.readBoxes = true;
    // The first slice runs now: a queued task would wait behind the page's pending frame, and a
    // short page is done within this one slice.
    this.work();
  }

  /** Removes every mark and stops observing: the page is as it was (marks.css styles only our highlights). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.observer.disconnect();
    this.visibility?.disconnect();
    this.visibility = null;
    this.nodesByElement.clear();
    this.nearViewport.clear();
    this.pending.length = 0;
    this.walker = null;
    this.clearInWalk.clear();
    this.marksByNode.clear();
    this.painter.detach();
    this.channel.port1.onmessage = null;
    this.resolveIdle();
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Resolves when everything queued so far has been scanned. */
  whenIdle(): Promise<void> {
    if (!this.hasWork()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** All marks in document order. */
  marks(): Mark[] {
    const all = [...this.marksByNode.values()].flat();
    return all.sort((a, b) => {
      if (a.node === b.node) return a.start - b.start;
      return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  get markCount(): number {
    let count = 0;
    for (const list of this.marksByNode.values()) count += list.length;
    return count;
  }

  /** How many marks each entity has. */
  counts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const list of this.marksByNode.values()) {
      for (const mark of list) counts.set(mark.entity, (counts.get(mark.entity) ?? 0) + 1);
    }
    return counts;
  }

  /** The mark under a viewport point, if the point is on its text. */
  markAt(x: number, y: number): Mark | null {
    const caret = caretAt(this.document as CaretDocument, x, y);
    if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
    const list = this.marksByNode.get(caret.node as Text);
    if (!list) return null;
    for (const mark of list) {
      if (caret.offset < mark.start || caret.offset > mark.end) continue;
      for (const rect of mark.range.getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return mark;
      }
    }
    return null;
  }

  setActive(mark: Mark | null): void {
    this.painter.setActive(mark?.range ?? null);
  }

  private hasWork(): boolean {
    return this.pending.length > 0 || this.walker !== null;
  }

  private enqueue(node: Node): void {
    this.pending.push(node);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || !this.running) return;
    this.scheduled = true;
    // A message is a new task at once; nested setTimeout(0) would be clamped to 4 ms.
    this.channel.port2.postMessage(null);
  }

  /** One slice: walk and scan until the budget is spent, then yield. */
  private work(): void {
    this.scheduled = false;
    if (!this.running) return;
    const deadline = performance.now() + (this.options.sliceBudget ?? 30);
    // A document in design mode is editable throughout; read once per slice, not per text node.
    this.designMode = this.document.designMode === 'on';
    let steps = 0;
    while (this.hasWork()) {
      const node = this.nextTextNode();
      if (node) this.scan(node);
      // Reading the clock costs too; check it every few nodes.
      if (++steps % 16 === 0 && performance.now() > deadline) break;
    }
    if (this.changed) {
      this.changed = false;
      this.options.onChange?.();
    }
    if (this.hasWork()) this.schedule();
    else this.resolveIdle();
  }

  /** Paints the marks of elements that came near the viewport, unpaints those that left. */
  private onVisibility(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const near = entry.isIntersecting;
      if (near) this.nearViewport.add(entry.target);
      else this.nearViewport.delete(entry.target);
      for (const node of this.nodesByElement.get(entry.target) ?? []) {
        for (const mark of this.marksByNode.get(node) ?? []) this.setPainted(mark, near);
      }
    }
  }

  private setPainted(mark: Mark, painted: boolean): void {
    if (mark.painted === painted) return;
    mark.painted = painted;
    if (painted) this.painter.add(mark.range, mark.kind);
    else this.painter.remove(mark.range, mark.kind);
  }

  private nextTextNode(): Text | null {
    for (;;) {
      if (this.walker) {
        const next = this.walker.nextNode() as Text | null;
        if (next) {
          const skipped = this.skippedAncestor(next.parentElement);
          if (!skipped) return next;
          // On past everything under the skipped element (its last descendant, then onwards).
          let last: Node = skipped;
          while (last.lastChild) last = last.lastChild;
          this.walker.currentNode = last;
          continue;
        }
        this.walker = null;
        this.clearInWalk.clear();
      }
      const root = this.pending.shift();
      if (!root) return null;
      if (root !== this.document.body) this.readBoxes = false;
      if (root.nodeType === Node.TEXT_NODE) {
        if (isMarkableText(root as Text)) return root as Text;
        this.unmark(root as Text);
        continue;
      }
      if (root.nodeType !== Node.ELEMENT_NODE || !root.isConnected) continue;
      let skipped = false;
      for (let element: Element | null = root as Element; element && !skipped; element = element.parentElement) {
        skipped = isSkippedElement(element);
      }
      if (skipped) continue;
      // Text nodes only, with no filter callback: the browser walks natively, and each text
      // node's parents are checked here, once per walk: cheaper than a callback for every element
      // and text node.
      this.walker = this.document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      this.walkRoot = root;
    }
  }

  /** The nearest skipped element (text-nodes.ts) among an element and its ancestors below the walk's root. */
  private skippedAncestor(element: Element | null): Element | null {
    const path: Element[] = [];
    for (let current = element; current && current !== this.walkRoot; current = current.parentElement) {
      if (this.clearInWalk.has(current)) break;
      if (isSkippedElement(current)) return current;
      path.push(current);
    }
    for (const clear of path) this.clearInWalk.add(clear);
    return null;
  }

  private scan(node: Text): void {
    this.unmark(node);
    const text = node.data;
    if (text.length < 2 || this.designMode) return;
    const matches = this.options.matcher.scan(text);
    if (matches.length === 0) return;
    for (const resolved of this.corroboration.add(node, matches)) this.addMark(resolved.place, resolved);
  }

  private addMark(node: Text, where: { start: number; end: number; entity: number }): void {
    // A waiting weak match released now may sit in text that has since changed or gone.
    if (!node.isConnected || where.end > node.length) return;
    const kind = this.options.matcher.kinds[where.entity] as KindLetter;
    const element = node.parentElement ?? this.document.documentElement;
    const mark = new Mark(node, where.start, where.end, where.entity, kind, element);
    const list = this.marksByNode.get(node);
    if (list) list.push(mark);
    else this.marksByNode.set(node, [mark]);
    const nodes = this.nodesByElement.get(element);
    if (nodes) nodes.add(node);
    else {
      this.nodesByElement.set(element, new Set([node]));
      this.visibility?.observe(element);
      // The observer's first report comes after the next frame: in the page's first walk, paint
      // what is near the viewport now, or the marks on screen would show a frame late.
      const place = this.readBoxes ? this.placeOf(element) : 'unread';
      if (place === 'near') this.nearViewport.add(element);
      else if (place === 'below') this.readBoxes = false;
    }
    if (this.nearViewport.has(element)) this.setPainted(mark, true);
    this.changed = true;
  }

  /**
   * Where an element's box lies against the viewport widened by PAINT_MARGIN, as the observer will
   * report it. Read in the page's first walk only (readBoxes): the page has settled and the marker
   * changes no layout, so this reads the layout the page already has.
   */
  private placeOf(element: Element): 'near' | 'below' | 'elsewhere' {
    const view = this.document.defaultView;
    if (!view) return 'elsewhere';
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return 'elsewhere';
    const height = view.innerHeight;
    if (rect.top > 2 * height) return 'below';
    return rect.bottom >= -height && rect.right >= 0 && rect.left <= view.innerWidth ? 'near' : 'elsewhere';
  }

  private unmark(node: Text): void {
    const list = this.marksByNode.get(node);
    if (!list) return;
    for (const mark of list) this.setPainted(mark, false);
    this.marksByNode.delete(node);
    const element = list[0]!.element;
    const nodes = this.nodesByElement.get(element);
    nodes?.delete(node);
    if (nodes?.size === 0) {
      this.nodesByElement.delete(element);
      this.nearViewport.delete(element);
      this.visibility?.unobserve(element);
    }
    this.changed = true;
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        this.corroboration.forget(record.target as Text);
        this.enqueue(record.target);
      } else {
        for (const node of record.addedNodes) this.enqueue(node);
        if (record.removedNodes.length > 0) removed = true;
      }
    }
    if (removed) {
      for (const node of [...this.marksByNode.keys()]) {
        if (!node.isConnected) {
          this.unmark(node);
          this.corroboration.forget(node);
        }
      }
      if (this.changed) {
        this.changed = false;
        this.options.onChange?.();
      }
    }
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function caretAt(document: CaretDocument, x: number, y: number): { node: Node; offset: number } | null {
  if (document.caretPositionFromPoint) {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
