/**
 * Runs of text as a reader sees them: the text nodes of one block that flow into each other
 * through inline elements, so a name split by markup (周<span>畅</span>, <b>字节</b>跳动) is one
 * string to the matcher. A run ends where a block begins or ends; inline elements are told by
 * their tag, which costs no style or layout (reading `display` would).
 */

/**
 * Elements that sit inside a line of text by default, by local name (lower case in HTML; an
 * element of another namespace never matches). Others, custom elements too, break runs.
 */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  'ruby',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
]);

export function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.localName);
}

/** The block a text node's line belongs to: its nearest ancestor that is not inline (or null at a shadow root). */
export function blockOf(node: Node): Element | null {
  let element = node.parentElement;
  while (element && isInline(element)) element = element.parentElement;
  return element;
}

/** A run's text and where each of its nodes starts in it. */
export interface RunText {
  nodes: Text[];
  text: string;
  /** starts[i]: the offset of nodes[i]'s first unit in text; starts[nodes.length] is text's length. */
  starts: number[];
}

export function runText(nodes: Text[]): RunText {
  if (nodes.length === 1) return { nodes, text: nodes[0]!.data, starts: [0, nodes[0]!.length] };
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    starts.push(text.length);
    text += node.data;
  }
  starts.push(text.length);
  return { nodes, text, starts };
}

/** The node and the offset in it of a run offset; an end offset stays in the node it ends (not the next one's start). */
export function positionIn(run: RunText, offset: number, isEnd: boolean): { node: Text; offset: number } {
  const { nodes, starts } = run;
  for (let i = 0; i < nodes.length; i++) {
    const nodeEnd = starts[i + 1]!;
    if (offset < nodeEnd || (isEnd && offset === nodeEnd) || i === nodes.length - 1) {
      return { node: nodes[i]!, offset: offset - starts[i]! };
    }
  }
  throw new Error('empty run');
}
