/**
 * The schema of every message's payload (zod/mini), and the check receivers run with them: the
 * background, and the content script once its second stage has loaded.
 */

import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { ArticleId, EntityId, HttpUrl } from '@/data/format/ids';
import { type MessageType, onCheckedMessage, type Payload, type Reply, type Sender } from './messaging';
import type { OpenView } from './protocol';

/** The payload schemas, made on the first message a context receives rather than when it loads. */
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

/** A payload its schema accepts, typed; else an error naming the message and what is wrong. */
export function checkPayload<T extends MessageType>(type: T, data: unknown): Payload<T> {
  payloadSchemas ??= makePayloadSchemas();
  const parsed = payloadSchemas[type].safeParse(data);
  if (!parsed.success) throw new Error(`Refused ${type}: ${z.prettifyError(parsed.error)}`);
  return parsed.data as Payload<T>;
}

/**
 * What a content script may ask: what its card needs (the matcher, an entity's details, opening a
 * cited source or an entity's page). A page can script its content script's messages, so
 * everything else (search, articles, dataset status, recompiling) answers extension pages only.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set([
  'prepareMatcher',
  'getEntityDetails',
  'openView',
] satisfies MessageType[]);

/**
 * Whether a sender may send this message: an extension page (the popup, options and source views,
 * under the extension's own origin) anything; a content script (a sender in a tab at a web page's
 * address) only CONTENT_SCRIPT_MESSAGES. A message with neither a tab nor a web address comes from
 * the extension's own contexts.
 */
export function mayAsk(type: MessageType, sender: Sender | undefined, extensionOrigin: string): boolean {
  const fromWebPage = sender?.tab !== undefined && !(sender.url ?? '').startsWith(extensionOrigin);
  return !fromWebPage || CONTENT_SCRIPT_MESSAGES.has(type);
}

/**
 * Registers a handler that only ever sees payloads its schema accepts, from senders that may ask
 * it (mayAsk); others are refused with an error.
 */
export function onValidatedMessage<T extends MessageType>(
  type: T,
  handler: (data: Payload<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>,
): () => void {
  const extensionOrigin = browser.runtime.getURL('/');
  return onCheckedMessage(type, checkPayload, (data, sender) => {
    if (!mayAsk(type, sender, extensionOrigin)) throw new Error(`Refused ${type}: not answered to web pages`);
    return handler(data, sender);
  });
}
