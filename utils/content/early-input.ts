/**
 * What the reader does between the page's first mark and the cards' start (their code loads in a
 * moment: stage-two.ts): where the pointer is, and an Alt+Shift+J or K pressed meanwhile. Handed
 * over when the cards start, so a pointer resting on a name, or a key pressed early, still opens
 * its card.
 */
import { type CardInteraction, fromTheReader, markStep } from '../card/interaction';

export class EarlyInput {
  private point: { x: number; y: number } | null = null;
  private direction: 1 | -1 | 0 = 0;
  private readonly abort = new AbortController();

  /** `isTrusted`: as CardInteraction's (only the reader's own input counts). */
  constructor(view: Window, isTrusted: (event: Event) => boolean = fromTheReader) {
    const signal = this.abort.signal;
    view.addEventListener(
      'pointermove',
      (event) => {
        if (!isTrusted(event)) return;
        this.point = { x: event.clientX, y: event.clientY };
      },
      { passive: true, signal },
    );
    view.addEventListener(
      'keydown',
      (event) => {
        if (!isTrusted(event)) return;
        const direction = markStep(event);
        if (!direction) return;
        event.preventDefault();
        event.stopPropagation();
        this.direction = direction;
      },
      { capture: true, signal },
    );
  }

  /** Stops listening, and plays what happened on the interaction that takes over. */
  handOver(interaction: CardInteraction): void {
    this.abort.abort();
    if (this.direction) interaction.step(this.direction);
    else if (this.point) interaction.pointerAt(this.point.x, this.point.y);
  }

  stop(): void {
    this.abort.abort();
  }
}
