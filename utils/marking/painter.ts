/**
 * Paints marks with the CSS Custom Highlight API: the page's DOM is not touched at all, so page
 * scripts that own the text keep working and turning marking off leaves the page exactly as it was.
 * The look comes from marks.css, which the content script's manifest entry injects; this module only
 * registers highlights under the names it styles, and removes them on detach. The document's style
 * sheets do not reach into shadow trees, so a shadow root with marks adopts a copy of marks.css.
 */
import marksCss from './marks.css?inline';

export type KindLetter = 'p' | 'o' | 'm';
export type MarkStyle = 'underline' | 'highlight';

/**
 * Highlight names are visible to the page (CSS.highlights is the page's registry), so they are
 * neutral: a style letter (u: underline, t: tinted) and a number per kind, 0 for the active mark.
 * The kind itself, and which entity a mark names, stay with the extension.
 */
const KIND_NUMBERS: Record<KindLetter, number> = { p: 1, o: 2, m: 3 };
const ACTIVE_NAME = 'talent-overlay-0';

/** The highlight name marks.css styles for a kind in a style. */
export function highlightName(kind: KindLetter, style: MarkStyle): string {
  return `talent-overlay-${style === 'underline' ? 'u' : 't'}${KIND_NUMBERS[kind]}`;
}

export function highlightApiAvailable(view: Window & typeof globalThis): boolean {
  return typeof view.Highlight === 'function' && 'highlights' in view.CSS;
}

export class HighlightPainter {
  private readonly highlights: Record<KindLetter | 'active', Highlight>;
  private readonly names: Record<KindLetter | 'active', string>;
  private attached = false;
  /** The copies of marks.css given to shadow roots, and how to take each back. */
  private readonly shadowStyles: (() => void)[] = [];

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

  /** Styles the marks in a shadow root (a web component's text): adopts a copy of marks.css. */
  styleShadowRoot(shadow: ShadowRoot): void {
    const view = this.document.defaultView as Window & typeof globalThis;
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(marksCss);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      this.shadowStyles.push(() => {
        shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
      });
    } catch {
      // Where a content script may not adopt sheets (Firefox), a style element holding only
      // ::highlight rules, removed with the marks.
      const style = this.document.createElement('style');
      style.textContent = marksCss;
      shadow.append(style);
      this.shadowStyles.push(() => style.remove());
    }
  }

  detach(): void {
    for (const remove of this.shadowStyles.splice(0)) remove();
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
