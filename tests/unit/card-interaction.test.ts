import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardAnchor, CardController } from '@/utils/card/card-controller';
import { CardInteraction, CLOSE_DELAY_MS, OPEN_DELAY_MS } from '@/utils/card/interaction';
import type { Mark, PageMarker } from '@/utils/marking/page-marker';

/** A mark on a fake text node: only what the interaction reads of it. */
function fakeMark(entity: number, text = '周畅'): Mark {
  const node = { data: text, parentElement: { scrollIntoView: vi.fn() }, isConnected: true };
  const range = { getBoundingClientRect: () => ({ top: 10, bottom: 20, left: 10, right: 40 }) };
  return { node, start: 0, end: text.length, entity, range, text } as unknown as Mark;
}

/** A window that is an EventTarget with fake timers, a marker whose marks sit at x = 100·entity, and a card that records. */
function setup(marks: Mark[], ids: Record<number, string> = { 0: 'person:a', 1: 'person:b' }, untrusted = false) {
  const target = new EventTarget();
  const view = Object.assign(target, {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id: number) => clearTimeout(id),
    requestAnimationFrame: (fn: () => void) => setTimeout(fn, 16) as unknown as number,
    cancelAnimationFrame: (id: number) => clearTimeout(id),
    innerHeight: 800,
    innerWidth: 1200,
  });
  const active: (Mark | null)[] = [];
  const marker = {
    markAt: (x: number) => marks.find((mark) => Math.floor(x / 100) === mark.entity) ?? null,
    marks: () => marks,
    markCount: marks.length,
    setActive: (mark: Mark | null) => active.push(mark),
  } as unknown as PageMarker;
  const opened: { anchor: CardAnchor; focus: boolean }[] = [];
  const card = {
    isOpen: false,
    contains: () => false,
    open(anchor: CardAnchor, options: { focus: boolean }) {
      this.isOpen = true;
      opened.push({ anchor, focus: options.focus });
    },
    close() {
      this.isOpen = false;
    },
  };
  const prepared: number[] = [];
  const interaction = new CardInteraction({
    window: view as unknown as Window,
    marker: () => marker,
    card: card as unknown as CardController,
    entityId: async (mark) => {
      const id = ids[mark.entity];
      if (id === 'fail') throw new Error('no ids');
      return id ?? '';
    },
    prepare: (mark) => prepared.push(mark.entity),
    // The events below are made by the test, untrusted as a page's would be (see the test of that).
    isTrusted: untrusted ? undefined : () => true,
  });
  const pointer = (x: number) =>
    target.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: x, clientY: 15 }));
  const key = (code: string, extra: object = { altKey: true, shiftKey: true }) =>
    target.dispatchEvent(Object.assign(new Event('keydown', { cancelable: true }), { code, key: code, ...extra }));
  return { interaction, card, opened, prepared, active, pointer, key };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('input the page makes up', () => {
  it('opens no card: dispatched pointer moves and Alt+Shift+J are not the reader’s', async () => {
    const { opened, prepared, pointer, key } = setup([fakeMark(0)], undefined, true);
    pointer(50);
    key('KeyJ');
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS + 50);
    expect(prepared).toEqual([]);
    expect(opened).toEqual([]);
  });
});

describe('hovering a mark', () => {
  it('opens its card after the delay, not before, and prepares it at once', async () => {
    const { opened, prepared, pointer } = setup([fakeMark(0), fakeMark(1)]);
    pointer(50);
    await vi.advanceTimersByTimeAsync(16);
    expect(prepared).toEqual([0]);
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS - 20);
    expect(opened).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(opened.map(({ anchor, focus }) => [anchor.entityId, anchor.written, focus])).toEqual([
      ['person:a', '周畅', false],
    ]);
  });

  it('opens nothing when the pointer leaves before the delay', async () => {
    const { opened, pointer } = setup([fakeMark(0)]);
    pointer(50);
    await vi.advanceTimersByTimeAsync(100);
    pointer(550);
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS * 2);
    expect(opened).toEqual([]);
  });

  it('closes the card after the pointer has left the mark for a moment', async () => {
    const { card, pointer } = setup([fakeMark(0)]);
    pointer(50);
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS + 20);
    expect(card.isOpen).toBe(true);
    pointer(550);
    await vi.advanceTimersByTimeAsync(16 + CLOSE_DELAY_MS - 10);
    expect(card.isOpen).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    expect(card.isOpen).toBe(false);
  });

  it('keeps the card while the pointer is in it', async () => {
    const { interaction, card, pointer } = setup([fakeMark(0)]);
    pointer(50);
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS + 20);
    pointer(550);
    interaction.pointerInside(true);
    await vi.advanceTimersByTimeAsync(CLOSE_DELAY_MS * 3);
    expect(card.isOpen).toBe(true);
  });

  it('reports a failure to learn the entity, once, and leaves the card shut', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { card, pointer } = setup([fakeMark(0)], { 0: 'fail' });
    pointer(50);
    await vi.advanceTimersByTimeAsync(OPEN_DELAY_MS + 20);
    expect(card.isOpen).toBe(false);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});

describe('the keyboard', () => {
  it.each([
    ['Alt+Shift+J opens the first mark, with focus', ['KeyJ'], ['person:a']],
    ['Alt+Shift+J twice moves to the next', ['KeyJ', 'KeyJ'], ['person:a', 'person:b']],
    ['Alt+Shift+K from nothing opens the last', ['KeyK'], ['person:b']],
    ['Alt+Shift+J wraps round', ['KeyJ', 'KeyJ', 'KeyJ'], ['person:a', 'person:b', 'person:a']],
  ])('%s', async (_, codes, expected) => {
    const { opened, key } = setup([fakeMark(0), fakeMark(1)]);
    for (const code of codes) {
      key(code);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(opened.map(({ anchor }) => anchor.entityId)).toEqual(expected);
    expect(opened.every(({ focus }) => focus)).toBe(true);
  });

  it('ignores J without Alt and Shift', async () => {
    const { opened, key } = setup([fakeMark(0)]);
    key('KeyJ', { altKey: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(opened).toEqual([]);
  });

  it('closes an open card on Esc', async () => {
    const { card, key } = setup([fakeMark(0)]);
    key('KeyJ');
    await vi.advanceTimersByTimeAsync(0);
    expect(card.isOpen).toBe(true);
    key('Escape', { key: 'Escape' });
    expect(card.isOpen).toBe(false);
  });
});
