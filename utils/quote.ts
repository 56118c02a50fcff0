/**
 * Finds a quote in an article's text the way the build checks it: whitespace-normalised only.
 * Returns offsets in the original text, for highlighting.
 */
const SPACE = /[\s\u00a0\u3000]/u;

export function findQuote(text: string, quote: string): { start: number; end: number } | null {
  // Collapse whitespace runs in the text, remembering where each kept unit came from.
  let normalised = '';
  const origin: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (SPACE.test(text[i]!)) {
      if (!inSpace && normalised.length > 0) {
        normalised += ' ';
        origin.push(i);
      }
      inSpace = true;
    } else {
      normalised += text[i];
      origin.push(i);
      inSpace = false;
    }
  }
  const needle = quote.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
  if (!needle) return null;
  const at = normalised.indexOf(needle);
  if (at < 0) return null;
  return { start: origin[at]!, end: origin[at + needle.length - 1]! + 1 };
}
