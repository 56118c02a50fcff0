/**
 * The card as the content script's first stage sees it: a stand-in that loads the card's code
 * (card-stage.ts) on first need, and opens the card once it is there, if the reader still wants it.
 */
import type { CardAnchor, CardController, CardControllerOptions } from '../card/card-controller';
import { loadCardStage } from '../card/card-stage';
import type { CardSurface } from '../card/interaction';
import { reportError } from '../report-error';

export class LazyCard implements CardSurface {
  private card: CardController | null = null;
  private loading: Promise<CardController> | null = null;
  /** The card asked for while the code loads; a close cancels it. */
  private wanted: { anchor: CardAnchor; focus: boolean } | null = null;

  constructor(private readonly options: CardControllerOptions) {}

  get isOpen(): boolean {
    return this.card?.isOpen ?? false;
  }

  contains(event: Event): boolean {
    return this.card?.contains(event) ?? false;
  }

  /** Starts loading the card's code, so that the first card opens at once. */
  preload(): void {
    this.load().catch((error: unknown) => reportError('could not load the card', error));
  }

  open(anchor: CardAnchor, options: { focus: boolean }): void {
    if (this.card) return this.card.open(anchor, options);
    this.wanted = { anchor, focus: options.focus };
    this.load().then(
      (card) => {
        const wanted = this.wanted;
        this.wanted = null;
        if (wanted) card.open(wanted.anchor, { focus: wanted.focus });
      },
      (error: unknown) => reportError('could not load the card', error),
    );
  }

  close(options?: { restoreFocus?: boolean }): void {
    this.wanted = null;
    this.card?.close(options);
  }

  private load(): Promise<CardController> {
    this.loading ??= loadCardStage().then(({ CardController }) => {
      this.card = new CardController(this.options);
      return this.card;
    });
    this.loading.catch(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
