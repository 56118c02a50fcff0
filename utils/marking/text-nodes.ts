/**
 * Which text on a page may be marked: never inside form fields, editable regions, scripts, styles,
 * code, or the extension's own interface.
 */

/** Elements whose text is never marked, nor anything below them. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  // Ruby annotations: the pronunciation written over a name, not the name.
  'RT',
  'RP',
]);

/** How the tags of the extension's own elements in a page begin (the card's host: card-controller.tsx). */
export const OWN_UI_TAG_PREFIX = 'TALENT-OVERLAY-';

/**
 * Reads attributes only: `isContentEditable` would make the browser bring the page's style up to
 * date on every call, which on a fresh page costs more than the whole scan. An element with a
 * contenteditable attribute other than "false" is skipped with everything under it (so is an
 * island marked false inside an editable region: never marking editable text matters more).
 */
export function isSkippedElement(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag) || tag.startsWith(OWN_UI_TAG_PREFIX)) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** Whether a text node may be marked: checks its ancestors (for nodes arriving one by one). */
export function isMarkableText(node: Text): boolean {
  if (!node.data.trim()) return false;
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (isSkippedElement(element)) return false;
  }
  return node.isConnected;
}
