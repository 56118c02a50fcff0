/**
 * Marks the names the matcher finds in a document and keeps the marks in step with the page.
 *
 * - Walks and scans the page in slices of a few milliseconds, so no task blocks the page for long.
 * - Scans runs of text, not single text nodes (text-runs.ts): a name split by inline markup
 *   (周<span>畅</span>) is one match, and its mark spans the nodes.
 * - Follows the page with a MutationObserver: new or changed text is scanned, removed text unmarked;
 *   open shadow roots (web components) are walked and observed too.
 * - Changes nothing in the page's DOM (see painter.ts); `stop()` removes every trace.
 * - Paints only marks near the viewport. Chromium revalidates every highlight range on each frame
 *   in which any highlight changes, a cost that grows with the marks held, so the painter holds
 *   the marks of elements within a viewport of the screen, kept current by an IntersectionObserver,
 *   and a frame costs the same on a short page and a long one.
 */
import type { Matcher } from '../matcher/matcher';
import { Corroboration, type Resolved } from './corroboration';
import { HighlightPainter, type KindLetter, type MarkStyle } from './painter';
import { isMarkableText, isSkippedElement } from './text-nodes';
import { blockOf, isInline, positionIn, runText } from './text-runs';

export class Mark {
  painted = false;
  private live: Range | null = null;

  constructor(
    /** Where the name starts: a text node and an offset in it. */
    readonly node: Text,
    readonly start: number,
    /** Where it ends: the same node, or a later one of its run. */
    readonly endNode: Text,
    readonly end: number,
    readonly entity: number,
    readonly kind: KindLetter,
    /** The element whose visibility decides whether the mark is painted. */
    readonly element: Element,
    /** Every text node the name covers, in order. */
    readonly nodes: readonly Text[],
  ) {}

  /** The name as the page writes it. */
  get text(): string {
    return this.node === this.endNode ? this.node.data.slice(this.start, this.end) : this.range.toString();
  }

  /**
   * The mark's range, made when first needed (painted, hovered, or reached from the keyboard):
   * most marks of a long page are far from the viewport, and every live range costs the page a
   * little on each of its own DOM changes. Clamped: the text may have changed since the scan, and
   * is scanned again in a moment.
   */
  get range(): Range {
    if (!this.live) {
      this.live = this.node.ownerDocument.createRange();
      this.live.setStart(this.node, Math.min(this.start, this.node.length));
      this.live.setEnd(this.endNode, Math.min(this.end, this.endNode.length));
    }
    return this.live;
  }
}

/**
 * Where web components' shadow roots may be: every element but the common built-in ones, matched
 * natively, so the search touches few elements (custom elements have a hyphen in their name,
 * which no selector can ask for). A shadow root attached to a plain div or span is not looked for.
 */
const SHADOW_HOSTS = `:not(${[
  'html',
  'head',
  'body',
  'div',
  'span',
  'p',
  'a',
  'img',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'col',
  'colgroup',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'figure',
  'figcaption',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'iframe',
  'canvas',
  'svg',
  'path',
  'g',
  'use',
  'symbol',
  'defs',
  'circle',
  'rect',
  'line',
  'polygon',
  'polyline',
  'ellipse',
  'text',
  'tspan',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'small',
  'sub',
  'sup',
  'mark',
  'code',
  'pre',
  'blockquote',
  'q',
  'cite',
  'abbr',
  'time',
  'label',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'fieldset',
  'legend',
  'script',
  'style',
  'link',
  'meta',
  'noscript',
  'template',
  'slot',
  'wbr',
  'font',
  'center',
  'ins',
  'del',
  'details',
  'summary',
  'dialog',
  'address',
  'object',
  'embed',
  'area',
  'map',
  'ruby',
  'rt',
  'rp',
].join(',')})`;

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

/** A run of several text nodes, as scanned: its nodes, and its length then (a change makes it stale). */
interface ScannedRun {
  nodes: Text[];
  length: number;
}

export class PageMarker {
  /** The marks touching each text node (a mark across nodes is listed under each). */
  private readonly marksByNode = new Map<Text, Mark[]>();
  /** Marks by the element observed for them (each mark under exactly one). */
  private readonly marksByElement = new Map<Element, Set<Mark>>();
  /** Runs of several nodes, by their first node (the place corroboration knows them by). */
  private readonly runs = new Map<Text, ScannedRun>();
  /** The first node of the multi-node run each node is in. */
  private readonly runOf = new Map<Text, Text>();
  private readonly painter: HighlightPainter;
  private readonly corroboration: Corroboration<Text>;
  private readonly observer: MutationObserver;
  /** Subtrees and text nodes waiting to be scanned, and the walk in progress. */
  private readonly pending: Node[] = [];
  private walker: TreeWalker | null = null;
  /** The walk's root (checked with its ancestors before the walk), and elements found not skipped on it. */
  private walkRoot: Node | null = null;
  private readonly clearInWalk = new Set<Element>();
  /** The run the walk is gathering: consecutive text nodes of one block. */
  private gathering: Text[] = [];
  private gatheringBlock: Element | null = null;
  /** Text nodes scanned in this slice as part of a run (a run is scanned once per slice). */
  private readonly scannedInSlice = new Set<Text>();
  /** Open shadow roots found on the page, walked and observed like the document. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  private searchedShadowRoots = false;
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
    this.marksByElement.clear();
    this.nearViewport.clear();
    this.pending.length = 0;
    this.walker = null;
    this.gathering = [];
    this.clearInWalk.clear();
    this.marksByNode.clear();
    this.runs.clear();
    this.runOf.clear();
    this.painter.detach();
    this.shadowRoots.clear();
    this.searchedShadowRoots = false;
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
    const all = [...this.marksByElement.values()].flatMap((set) => [...set]);
    return all.sort((a, b) => {
      if (a.node === b.node) return a.start - b.start;
      return a.node.compareDocumentPosition(b.node) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  get markCount(): number {
    let count = 0;
    for (const set of this.marksByElement.values()) count += set.size;
    return count;
  }

  /** How many marks each entity has. */
  counts(): Map<number, number> {
    const counts = new Map<number, number>();
    for (const set of this.marksByElement.values()) {
      for (const mark of set) counts.set(mark.entity, (counts.get(mark.entity) ?? 0) + 1);
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
      if (mark.node === caret.node && caret.offset < mark.start) continue;
      if (mark.endNode === caret.node && caret.offset > mark.end) continue;
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
    this.scannedInSlice.clear();
    let steps = 0;
    while (this.hasWork()) {
      this.step();
      // Reading the clock costs too; check it every few nodes.
      if (++steps % 16 === 0 && performance.now() > deadline) break;
    }
    if (this.changed) {
      this.changed = false;
      this.options.onChange?.();
    }
    if (this.hasWork()) this.schedule();
    else if (!this.searchedShadowRoots && this.document.body) {
      // Once the page's own text is marked: web components' shadow roots (queued as found).
      this.searchedShadowRoots = true;
      this.findShadowRoots(this.document.body);
      if (this.hasWork()) this.schedule();
      else this.resolveIdle();
    } else this.resolveIdle();
  }

  /** One text node of the walk, or one queued root: a node or subtree that changed. */
  private step(): void {
    if (this.walker) {
      const next = this.walker.nextNode() as Text | null;
      if (!next) {
        this.scanGathered();
        this.walker = null;
        this.clearInWalk.clear();
        return;
      }
      const skipped = this.skippedAncestor(next.parentElement);
      if (skipped) {
        // On past everything under the skipped element (its last descendant, then onwards).
        let last: Node = skipped;
        while (last.lastChild) last = last.lastChild;
        this.walker.currentNode = last;
        return;
      }
      const block = blockOf(next);
      if (this.gathering.length > 0 && block !== this.gatheringBlock) this.scanGathered();
      this.gathering.push(next);
      this.gatheringBlock = block;
      return;
    }
    let root = this.pending.shift();
    if (!root) return;
    if (root !== this.document.body) this.readBoxes = false;
    if (root.nodeType === Node.TEXT_NODE) {
      if (isMarkableText(root as Text)) this.scanRunAround(root as Text);
      else this.unmark(root as Text);
      return;
    }
    if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      // A shadow root: walk it whole (its host was checked when it was found).
      if (!(root as ShadowRoot).host.isConnected) return;
    } else {
      if (root.nodeType !== Node.ELEMENT_NODE || !root.isConnected) return;
      // An inline element's text may run on into its neighbours: walk its whole block.
      if (isInline(root as Element)) root = this.wholeBlock(root as Element);
      for (let element: Element | null = root as Element; element; element = element.parentElement) {
        if (isSkippedElement(element)) return;
      }
    }
    // Text nodes only, with no filter callback: the browser walks natively, and each text node's
    // parents are checked here, once per walk: cheaper than a callback for every element and text node.
    this.walker = this.document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    this.walkRoot = root;
  }

  /** The block an inline element sits in, unless that is the whole page (then the element alone). */
  private wholeBlock(element: Element): Element {
    const block = blockOf(element);
    return block && block !== this.document.body && block !== this.document.documentElement ? block : element;
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

  /** Scans the run the walk has gathered. */
  private scanGathered(): void {
    const nodes = this.gathering;
    if (nodes.length === 0) return;
    this.gathering = [];
    this.gatheringBlock = null;
    this.scanRun(nodes);
  }

  /** Scans the run a changed text node is in: its block's text nodes that flow into it (once a slice). */
  private scanRunAround(node: Text): void {
    if (this.scannedInSlice.has(node)) return;
    const block = blockOf(node);
    const nodes =
      block && block !== this.document.body && block !== this.document.documentElement
        ? runAround(this.document, block, node)
        : [node];
    for (const member of nodes) this.scannedInSlice.add(member);
    this.scanRun(nodes);
  }

  private scanRun(nodes: Text[]): void {
    // Most runs are one text node: no set, no joined text.
    const members = nodes.length > 1 ? new Set(nodes) : undefined;
    // Indexed loops on this path: it runs for every text node, mostly before V8 has compiled it,
    // and an iterator allocates a result object per step in interpreted code.
    for (let i = 0; i < nodes.length; i++) this.unmark(nodes[i]!, members);
    const text = nodes.length > 1 ? runText(nodes).text : nodes[0]!.data;
    if (text.length < 2 || this.designMode) return;
    const matches = this.options.matcher.scan(text);
    if (matches.length === 0) return;
    const place = nodes[0]!;
    if (nodes.length > 1) {
      this.runs.set(place, { nodes, length: text.length });
      for (const node of nodes) this.runOf.set(node, place);
    }
    const resolved = this.corroboration.add(place, matches);
    for (let i = 0; i < resolved.length; i++) this.addMark(resolved[i]!, nodes);
  }

  /**
   * Adds a mark the corroboration decided on: now, in the run just scanned (`scanned`, its nodes),
   * or later, released in a run scanned earlier, which may have changed or gone since.
   */
  private addMark(where: Resolved<Text>, scanned?: Text[]): void {
    let nodes = scanned && scanned[0] === where.place ? scanned : undefined;
    if (!nodes) {
      const known = this.runs.get(where.place);
      nodes = known ? known.nodes : [where.place];
      if (!nodes.every((node) => node.isConnected)) return;
      const length = known ? runText(nodes).text.length : where.place.length;
      if (known ? length !== known.length : where.end > length) return;
    }
    // Most marks lie in a single text node: no positions to look up, nothing to allocate.
    let startNode = nodes[0]!;
    let startOffset = where.start;
    let endNode = startNode;
    let endOffset = where.end;
    let covered: readonly Text[] = nodes;
    if (nodes.length > 1) {
      const run = runText(nodes);
      const from = positionIn(run, where.start, false);
      const to = positionIn(run, where.end, true);
      ({ node: startNode, offset: startOffset } = from);
      ({ node: endNode, offset: endOffset } = to);
      covered = nodes.slice(nodes.indexOf(startNode), nodes.indexOf(endNode) + 1);
    }
    const kind = this.options.matcher.kinds[where.entity] as KindLetter;
    const element = startNode.parentElement ?? this.document.documentElement;
    const mark = new Mark(startNode, startOffset, endNode, endOffset, where.entity, kind, element, covered);
    for (let i = 0; i < covered.length; i++) {
      const node = covered[i]!;
      const list = this.marksByNode.get(node);
      if (list) list.push(mark);
      else this.marksByNode.set(node, [mark]);
    }
    const marks = this.marksByElement.get(element);
    if (marks) marks.add(mark);
    else {
      this.marksByElement.set(element, new Set([mark]));
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

  /** Paints the marks of elements that came near the viewport, unpaints those that left. */
  private onVisibility(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const near = entry.isIntersecting;
      if (near) this.nearViewport.add(entry.target);
      else this.nearViewport.delete(entry.target);
      for (const mark of this.marksByElement.get(entry.target) ?? []) this.setPainted(mark, near);
    }
  }

  private setPainted(mark: Mark, painted: boolean): void {
    if (mark.painted === painted) return;
    mark.painted = painted;
    if (painted) this.painter.add(mark.range, mark.kind);
    else this.painter.remove(mark.range, mark.kind);
  }

  /**
   * Removes the marks touching a text node. When the node was in a run of several, the run is
   * gone: its other nodes lose their marks too, and those not being scanned now (`rescanning`)
   * are queued to be scanned afresh.
   */
  private unmark(node: Text, rescanning?: ReadonlySet<Text>): void {
    const first = this.runOf.get(node);
    if (first) {
      const run = this.runs.get(first);
      this.runs.delete(first);
      this.corroboration.forget(first);
      for (const member of run?.nodes ?? [node]) {
        this.runOf.delete(member);
        this.removeMarksOf(member);
        const again = rescanning ? rescanning.has(member) : member === node;
        if (!again && member.isConnected) this.enqueue(member);
      }
      return;
    }
    this.removeMarksOf(node);
  }

  private removeMarksOf(node: Text): void {
    const list = this.marksByNode.get(node);
    if (!list) return;
    this.marksByNode.delete(node);
    for (const mark of list) {
      this.setPainted(mark, false);
      for (const other of mark.nodes) {
        if (other === node) continue;
        const theirs = this.marksByNode.get(other);
        const at = theirs?.indexOf(mark) ?? -1;
        if (at >= 0) theirs!.splice(at, 1);
        if (theirs?.length === 0) this.marksByNode.delete(other);
      }
      const marks = this.marksByElement.get(mark.element);
      marks?.delete(mark);
      if (marks?.size === 0) {
        this.marksByElement.delete(mark.element);
        this.nearViewport.delete(mark.element);
        this.visibility?.unobserve(mark.element);
      }
    }
    this.changed = true;
  }

  private onMutations(records: MutationRecord[]): void {
    let removed = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        const node = record.target as Text;
        this.corroboration.forget(this.runOf.get(node) ?? node);
        this.enqueue(node);
      } else {
        for (const node of record.addedNodes) {
          this.enqueue(node);
          if (node.nodeType === Node.ELEMENT_NODE) this.findShadowRoots(node as Element);
        }
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

  /**
   * Finds the open shadow roots at and under an element (web components that render their text
   * there), and walks and observes each: a tree walker and an observer on the document do not
   * enter them. Closed roots are the page's own business.
   */
  private findShadowRoots(root: Element | ShadowRoot): void {
    const visit = (element: Element) => {
      const shadow = element.shadowRoot;
      if (!shadow || this.shadowRoots.has(shadow) || isSkippedElement(element)) return;
      this.shadowRoots.add(shadow);
      this.painter.styleShadowRoot(shadow);
      this.observer.observe(shadow, { childList: true, characterData: true, subtree: true });
      this.enqueue(shadow);
      this.findShadowRoots(shadow);
    };
    if (root.nodeType === Node.ELEMENT_NODE) visit(root as Element);
    for (const element of root.querySelectorAll(SHADOW_HOSTS)) visit(element);
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The text nodes of a block that flow into `node`: those whose block is the same, without a nested block between. */
function runAround(document: Document, block: Element, node: Text): Text[] {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let segment: Text[] = [];
  let found = false;
  for (let next = walker.nextNode() as Text | null; next; next = walker.nextNode() as Text | null) {
    if (blockOf(next) !== block) {
      if (found) break;
      segment = [];
      continue;
    }
    if (!isMarkableText(next) && next !== node) {
      // Skipped text (in code, a form field...) breaks the run; blank text does not.
      if (next.data.trim()) {
        if (found) break;
        segment = [];
        continue;
      }
    }
    segment.push(next);
    if (next === node) found = true;
  }
  return found ? segment : [node];
}

function caretAt(document: CaretDocument, x: number, y: number): { node: Node; offset: number } | null {
  if (document.caretPositionFromPoint) {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
