/**
 * Where the content script's failures go (and the card's, which runs in it): the console, once each, with the extension's name. A
 * failure in the page's content script must never surface as an unhandled rejection, which a page
 * (or its error tracker) would see as its own.
 */
export function reportError(what: string, error: unknown): void {
  console.error(`Talent Overlay: ${what}`, error);
}
