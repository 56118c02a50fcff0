/**
 * Paints marks with the CSS Custom Highlight API: the page's DOM is not touched at all, so page
 * scripts that own the text keep working and turning marking off leaves the page exactly as it was.
 * The only thing added is a constructed style sheet (adoptedStyleSheets), removed on detach.
 */
export type KindLetter = 'p' | 'o' | 'm';
export type MarkStyle = 'underline' | 'highlight';

const NAMES: Record<KindLetter | 'active', string> = {
  p: 'talent-overlay-person',
  o: 'talent-overlay-org',
  m: 'talent-overlay-model',
  active: 'talent-overlay-active',
};

/** Colours chosen to be told apart from each other and from link blue, with AA contrast on white. */
function styleSheetText(style: MarkStyle): string {
  const decoration = (colour: string) =>
    style === 'underline'
      ? `text-decoration: underline dotted ${colour} 2px; text-underline-offset: 3px;`
      : `background-color: color-mix(in srgb, ${colour} 18%, transparent);`;
  return `
::highlight(${NAMES.p}) { ${decoration('#c2410c')} }
::highlight(${NAMES.o}) { ${decoration('#0f766e')} }
::highlight(${NAMES.m}) { ${decoration('#7e22ce')} }
::highlight(${NAMES.active}) { background-color: rgba(250, 204, 21, 0.35); }
`;
}

export function highlightApiAvailable(view: Window & typeof globalThis): boolean {
  return typeof view.Highlight === 'function' && 'highlights' in view.CSS;
}

export class HighlightPainter {
  private readonly highlights: Record<KindLetter | 'active', Highlight>;
  private readonly sheet: CSSStyleSheet;
  private attached = false;

  constructor(
    private readonly document: Document,
    style: MarkStyle,
  ) {
    const view = document.defaultView as Window & typeof globalThis;
    const make = () => new view.Highlight();
    this.highlights = { p: make(), o: make(), m: make(), active: make() };
    // People, organisations and models under the hovered mark's own tint.
    this.highlights.active.priority = 1;
    this.sheet = new view.CSSStyleSheet();
    this.sheet.replaceSync(styleSheetText(style));
  }

  attach(): void {
    if (this.attached) return;
    const view = this.document.defaultView as Window & typeof globalThis;
    for (const [key, highlight] of Object.entries(this.highlights)) {
      view.CSS.highlights.set(NAMES[key as KindLetter | 'active'], highlight);
    }
    this.document.adoptedStyleSheets = [...this.document.adoptedStyleSheets, this.sheet];
    this.attached = true;
  }

  detach(): void {
    if (!this.attached) return;
    const view = this.document.defaultView as Window & typeof globalThis;
    for (const [key, highlight] of Object.entries(this.highlights)) {
      // Only remove our own registration, should the page have replaced it.
      const name = NAMES[key as KindLetter | 'active'];
      if (view.CSS.highlights.get(name) === highlight) view.CSS.highlights.delete(name);
      highlight.clear();
    }
    this.document.adoptedStyleSheets = this.document.adoptedStyleSheets.filter((sheet) => sheet !== this.sheet);
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
