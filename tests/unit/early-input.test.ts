import { describe, expect, it, vi } from 'vitest';
import type { CardInteraction } from '@/utils/card/interaction';
import { EarlyInput } from '@/utils/content/early-input';

/**
 * A window that is only an EventTarget, and events with the fields the recorder reads. Events made
 * here are untrusted, as a page's are: the tests of the recording pass a check that takes them.
 */
const asTheReaders = () => true;
function setup() {
  const view = new EventTarget() as unknown as Window;
  const pointer = (x: number, y: number) =>
    view.dispatchEvent(Object.assign(new Event('pointermove'), { clientX: x, clientY: y }));
  const key = (code: string, extra: object = { altKey: true, shiftKey: true }) => {
    const event = Object.assign(new Event('keydown', { cancelable: true }), { code, ...extra });
    view.dispatchEvent(event);
    return event;
  };
  const interaction = { pointerAt: vi.fn(), step: vi.fn() };
  return { view, pointer, key, interaction, hand: interaction as unknown as CardInteraction };
}

describe('the reader’s input before the cards start', () => {
  it('hands over where the pointer rests', () => {
    const { view, pointer, interaction, hand } = setup();
    const early = new EarlyInput(view, asTheReaders);
    pointer(10, 20);
    pointer(30, 40);
    early.handOver(hand);
    expect(interaction.pointerAt).toHaveBeenCalledWith(30, 40);
    expect(interaction.step).not.toHaveBeenCalled();
  });

  it('hands over Alt+Shift+J or K, and keeps the key from the page', () => {
    const { view, key, interaction, hand } = setup();
    const early = new EarlyInput(view, asTheReaders);
    expect(key('KeyK').defaultPrevented).toBe(true);
    expect(key('KeyJ', { altKey: true }).defaultPrevented).toBe(false);
    early.handOver(hand);
    expect(interaction.step).toHaveBeenCalledWith(-1);
  });

  it('listens no more once it has handed over', () => {
    const { view, pointer, key, interaction, hand } = setup();
    const early = new EarlyInput(view, asTheReaders);
    early.handOver(hand);
    pointer(1, 2);
    expect(key('KeyJ').defaultPrevented).toBe(false);
    early.handOver(hand);
    expect(interaction.pointerAt).not.toHaveBeenCalled();
  });

  it('ignores input the page dispatches itself', () => {
    const { view, pointer, key, interaction, hand } = setup();
    const early = new EarlyInput(view);
    pointer(10, 20);
    expect(key('KeyJ').defaultPrevented).toBe(false);
    early.handOver(hand);
    expect(interaction.pointerAt).not.toHaveBeenCalled();
    expect(interaction.step).not.toHaveBeenCalled();
  });
});
