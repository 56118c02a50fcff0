/**
 * Functions that run inside a test page, shared by both drivers: playwright-core (Chromium) and
 * puppeteer-core (Firefox) each serialise them with `page.evaluate(fn, arg)`. They must stay
 * self-contained: no imports, no closures over this module.
 */

/**
 * The texts of the extension's marks by kind, read from the page's CSS highlight registry (the
 * underline style's names: painter.ts numbers the kinds 1 person, 2 organisation, 3 model).
 */
export function highlightTexts(): { person: string[]; org: string[]; model: string[] } {
  const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  const texts = (number: number) =>
    [...(registry.get(`talent-overlay-u${number}`) ?? [])].map((range) => range.toString());
  return { person: texts(1), org: texts(2), model: texts(3) };
}

/** Whether the page has at least one mark. */
export function hasMarks(): boolean {
  const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  return [...registry.keys()].some((name) => name.startsWith('talent-overlay-') && registry.get(name)!.size > 0);
}

/** The centre of the first occurrence of `needle` in the text under `selector`, scrolled into view. */
export function textCentre({
  selector,
  needle,
}: {
  selector: string;
  needle: string;
}): { x: number; y: number } | null {
  const root = document.querySelector(selector);
  if (!root) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const index = node.textContent?.indexOf(needle) ?? -1;
    if (index < 0) continue;
    node.parentElement?.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    range.setStart(node, index);
    range.setEnd(node, index + needle.length);
    const rect = range.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }
  return null;
}
