/**
 * The one message protocol between the content script, popup, options page and background. The
 * shapes it carries are in protocol.ts.
 *
 * Every message a context may receive is listed in `ProtocolMap` (its payload and reply), and every
 * payload has a zod schema in `payloadSchemas`: receivers validate with `onValidatedMessage`, because
 * a message can come from any page's content script, which the page may have tampered with.
 */
import { defineExtensionMessaging, type ExtensionMessage } from '@webext-core/messaging';
// zod/mini: the content script loads this on every page, and mini schemas are cheap to make.
import { z } from 'zod/mini';
import { ArticleId, EntityId, HttpUrl } from '@/data/format/ids';
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

/**
 * The payload schemas, made on the first message a context receives rather than when it loads: a
 * content script loads on every page and is seldom sent a message.
 */
function makePayloadSchemas() {
  const openView = z.discriminatedUnion('view', [
    z.strictObject({ view: z.literal('url'), url: HttpUrl }),
    z.strictObject({ view: z.literal('source'), article: ArticleId, quote: z.string().check(z.maxLength(600)) }),
    z.strictObject({ view: z.literal('entity'), id: EntityId }),
  ]);
  return {
    getDatasetStatus: z.undefined(),
    prepareMatcher: z.undefined(),
    getEntityDetails: z.strictObject({ id: EntityId }),
    getArticle: z.strictObject({ id: ArticleId }),
    search: z.strictObject({
      query: z.string().check(z.maxLength(200)),
      limit: z.optional(z.int().check(z.minimum(1), z.maximum(50))),
    }),
    getPreviousDataset: z.undefined(),
    datasetChanged: z.undefined(),
    getEntitySummaries: z.strictObject({ ids: z.array(EntityId).check(z.maxLength(5000)) }),
    openView,
    getPageStatus: z.undefined(),
    revealEntity: z.strictObject({ id: EntityId }),
  } satisfies Record<MessageType, z.ZodMiniType>;
}
let payloadSchemas: ReturnType<typeof makePayloadSchemas> | null = null;

// The openView schema accepts exactly the protocol's OpenView (checked both ways at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const openViewMatches: Same<z.infer<ReturnType<typeof makePayloadSchemas>['openView']>, OpenView> = true;
void openViewMatches;

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

type Sender = ExtensionMessage['sender'];
type Payload<T extends MessageType> = Parameters<ProtocolMap[T]>[0];
type Reply<T extends MessageType> = ReturnType<ProtocolMap[T]>;

/** Registers a handler that only ever sees payloads its schema accepts; others are refused with an error. */
export function onValidatedMessage<T extends MessageType>(
  type: T,
  handler: (data: Payload<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>,
): () => void {
  // The library's generic signature cannot be narrowed per message type here; the schema does it.
  return (onMessage as (type: MessageType, cb: (m: { data: unknown; sender: Sender }) => unknown) => () => void)(
    type,
    (message) => {
      payloadSchemas ??= makePayloadSchemas();
      const parsed = payloadSchemas[type].safeParse(message.data);
      if (!parsed.success) {
        throw new Error(`Refused ${type}: ${z.prettifyError(parsed.error)}`);
      }
      return handler(parsed.data as Payload<T>, message.sender);
    },
  );
}
