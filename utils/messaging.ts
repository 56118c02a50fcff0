/**
 * The one message protocol between the content script, popup, options page and background. The
 * shapes it carries are in protocol.ts.
 *
 * Every message a context may receive is listed in `ProtocolMap` (its payload and reply), and every
 * payload has a zod schema (message-checks.ts): receivers register with `onCheckedMessage`, because
 * a message can come from any page's content script, which the page may have tampered with. This
 * module has no zod: the content script loads it on every page, and checks its few messages with
 * the schemas it loads later (content/stage-two.ts).
 */
import { defineExtensionMessaging, type ExtensionMessage } from '@webext-core/messaging';
import type { Article } from '@/data/format/schema';
import type { EntityDetails, EntitySummary, InstalledDataset, OpenView, PageStatus, SearchResult } from './protocol';

export interface ProtocolMap {
  // Answered by the background.
  getDatasetStatus(): InstalledDataset | null;
  /** Makes sure the compiled matcher for the installed dataset is in storage; false when no dataset is installed. */
  prepareMatcher(): boolean;
  getEntityDetails(data: { id: string }): EntityDetails | null;
  /** An article with its text, for the source view. */
  getArticle(data: { id: string }): Article | null;
  /** The entities whose names match a query, best first. */
  search(data: { query: string; limit?: number }): SearchResult[];
  /** The dataset a rollback would return to, if any. */
  getPreviousDataset(): InstalledDataset | null;
  /** The installed dataset changed (an import, a rollback, a reset): recompile what depends on it. */
  datasetChanged(): void;
  /** Names and kinds of entities, for lists. */
  getEntitySummaries(data: { ids: string[] }): EntitySummary[];
  /** Opens a source or an extension view in a new tab (content scripts cannot link to extension pages). */
  openView(data: OpenView): void;
  // Answered by the content script of a tab (sent with its tab id).
  getPageStatus(): PageStatus;
  /** Scrolls to the entity's first mark and opens its card; false when it is not on the page. */
  revealEntity(data: { id: string }): boolean;
}

export type MessageType = keyof ProtocolMap;
export type Sender = ExtensionMessage['sender'];
export type Payload<T extends MessageType> = Parameters<ProtocolMap[T]>[0];
export type Reply<T extends MessageType> = ReturnType<ProtocolMap[T]>;

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

/** Checks a payload against its message's schema: the payload, typed, or an error that says why. */
export type PayloadCheck = <T extends MessageType>(type: T, data: unknown) => Payload<T> | Promise<Payload<T>>;

/** Registers a handler that only ever sees payloads the check accepts; others are refused with its error. */
export function onCheckedMessage<T extends MessageType>(
  type: T,
  check: PayloadCheck,
  handler: (data: Payload<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>,
): () => void {
  // The library's generic signature cannot be narrowed per message type here; the check does it.
  return (onMessage as (type: MessageType, cb: (m: { data: unknown; sender: Sender }) => unknown) => () => void)(
    type,
    async (message) => {
      try {
        return await handler(await check(type, message.data), message.sender);
      } catch (error) {
        throw withoutStack(error);
      }
    },
  );
}

/**
 * The error a reply carries: its message only. The library sends an error's stack along, and a
 * stack names the extension's files and lines to whoever sent the message.
 */
function withoutStack(error: unknown): Error {
  const reply = new Error(error instanceof Error ? error.message : String(error));
  reply.stack = undefined;
  return reply;
}
