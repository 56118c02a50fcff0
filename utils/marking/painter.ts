/**
 * Paints marks with the CSS Custom Highlight API: the page's DOM is not touched at all, so page
 * scripts that own the text keep working and turning marking off leaves the page exactly as it was.
 * The look comes from marks.css, which the content script's manifest entry injects; this module only
 * registers highlights under the names it styles, and removes them on detach.
 */
export type KindLetter = 'p' | 'o' | 'm';
export type MarkStyle = 'underline' | 'highlight';

const KIND_NAMES: Record<KindLetter, string> = {
  p: 'talent-overlay-person',
  o: 'talent-overlay-org',
  m: 'talent-overlay-model',
};
const ACTIVE_NAME = 'talent-overlay-active';

/** The highlight name marks.css styles for a kind in a style. */
export function highlightName(kind: KindLetter, style: MarkStyle): string {
  return style === 'underline' ? KIND_NAMES[kind] : `${KIND_NAMES[kind]}-tinted`;
}

export function highlightApiAvailable(view: Window & typeof globalThis): boolean {
  return typeof view.Highlight === 'function' && 'highlights' in view.CSS;
}

export class HighlightPainter {
  private readonly highlights: Record<KindLetter | 'active', Highlight>;
  private readonly names: Record<KindLetter | 'active', string>;
  private attached = false;

  constructor(
    private readonly document: Document,
    style: MarkStyle,
  ) {
    const view = document.defaultView as Window & typeof globalThis;
    const make = () => new view.Highlight();
    this.highlights = { p: make(), o: make(), m: make(), active: make() };
    this.names = {
      p: highlightName('p', style),
      o: highlightName('o', style),
      m: highlightName('m', style),
      active: ACTIVE_NAME,
    };
    // People, organisations and models under the hovered mark's own tint.
    this.highlights.active.priority = 1;
  }

  attach(): void {
    if (this.attached) return;
    const view = this.document.defaultView as Window & typeof globalThis;
    for (const [key, highlight] of Object.entries(this.highlights)) {
      view.CSS.highlights.set(this.names[key as KindLetter | 'active'], highlight);
    }
    this.attached = true;
  }

  detach(): void {
    if (!this.attached) return;
    const view = this.document.defaultView as Window & typeof globalThis;
    for (const [key, highlight] of Object.entries(this.highlights)) {
      // Only remove our own registration, should the page have replaced it.
      const name = this.names[key as KindLetter | 'active'];
      if (view.CSS.highlights.get(name) === highlight) view.CSS.highlights.delete(name);
      highlight.clear();
    }
    this.attached = false;
  }

  add(range: Range, kind: KindLetter): void {
    this.highlights[kind].add(range);
  }

  remove(range: Range, kind: KindLetter): void {
    this.highlights[kind].delete(range);
    this.highlights.active.delete(range);
  }

  setActive(range: Range | null): void {
    this.highlights.active.clear();
    if (range) this.highlights.active.add(range);
  }
}
