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
]);

/** The tag of the extension's own elements in a page (the card's host). */
export const OWN_UI_TAG = 'TALENT-OVERLAY-CARD';

export function isSkippedElement(element: Element): boolean {
  const tag = element.tagName.toUpperCase();
  if (SKIPPED_TAGS.has(tag) || tag === OWN_UI_TAG) return true;
  return (element as HTMLElement).isContentEditable === true;
}

/** Whether a text node may be marked: checks its ancestors (for nodes arriving one by one). */
export function isMarkableText(node: Text): boolean {
  if (!node.data.trim()) return false;
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (isSkippedElement(element)) return false;
  }
  return node.isConnected;
}

/** The markable text nodes under `root`, in document order, skipping excluded subtrees whole. */
export function collectTextNodes(root: Node): Text[] {
  const nodes: Text[] = [];
  if (root.nodeType === Node.TEXT_NODE) {
    if (isMarkableText(root as Text)) nodes.push(root as Text);
    return nodes;
  }
  if (root.nodeType === Node.ELEMENT_NODE) {
    for (let element: Element | null = root as Element; element; element = element.parentElement) {
      if (isSkippedElement(element)) return nodes;
    }
  }
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        return isSkippedElement(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
      return (node as Text).data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}
