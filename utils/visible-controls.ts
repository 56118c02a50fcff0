/**
 * Dataset text as it may be shown: the invisible controls that reorder text (bidirectional
 * embeddings, overrides, isolates and marks) are written out as their code points, ⟨U+202E⟩, so a
 * name cannot display backwards or rearrange the words around it. A dataset is untrusted input;
 * nothing in the extension's own data needs these characters.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (char) => `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/** The same for every string in a value (a protocol reply: plain data of objects, arrays and strings). */
export function withVisibleControls<T>(value: T): T {
  if (typeof value === 'string') return visibleControls(value) as T;
  if (Array.isArray(value)) return value.map(withVisibleControls) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withVisibleControls(item)])) as T;
  }
  return value;
}

/** A span of a text, and the same span in the text shown (where controls before it grew longer). */
export function visibleSpan(text: string, start: number, end: number): { text: string; start: number; end: number } {
  const before = visibleControls(text.slice(0, start));
  const span = visibleControls(text.slice(start, end));
  return {
    text: before + span + visibleControls(text.slice(end)),
    start: before.length,
    end: before.length + span.length,
  };
}
