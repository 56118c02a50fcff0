/**
 * The one message protocol between the content script, popup, options page and background.
 *
 * Every message a context may receive is listed in `ProtocolMap` (its payload and reply), and every
 * payload has a zod schema in `payloadSchemas`: receivers validate with `onValidatedMessage`, because
 * a message can come from any page's content script, which the page may have tampered with.
 */
import { defineExtensionMessaging, type ExtensionMessage } from '@webext-core/messaging';
import { z } from 'zod';
import type { InstalledDataset } from './db';

/** What a content script reports about its tab. */
export interface PageStatus {
  url: string;
  /** The dataset version the content script was given by the background. */
  datasetVersion: string | null;
  /** How many entities the background reported when the content script asked. */
  entityCount: number;
}

export interface ProtocolMap {
  // Answered by the background.
  getDatasetStatus(): InstalledDataset | null;
  // Answered by the content script of a tab (sent with its tab id).
  getPageStatus(): PageStatus;
}

export type MessageType = keyof ProtocolMap;

export const payloadSchemas = {
  getDatasetStatus: z.undefined(),
  getPageStatus: z.undefined(),
} satisfies Record<MessageType, z.ZodType>;

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();

type Sender = ExtensionMessage['sender'];
type Payload<T extends MessageType> = Parameters<ProtocolMap[T]>[0];
type Reply<T extends MessageType> = ReturnType<ProtocolMap[T]>;

/** Registers a handler that only ever sees payloads its schema accepts; others are refused with an error. */
export function onValidatedMessage<T extends MessageType>(
  type: T,
  handler: (data: Payload<T>, sender: Sender) => Reply<T> | Promise<Reply<T>>,
): () => void {
  const schema = payloadSchemas[type];
  // The library's generic signature cannot be narrowed per message type here; the schema does it.
  return (onMessage as (type: MessageType, cb: (m: { data: unknown; sender: Sender }) => unknown) => () => void)(
    type,
    (message) => {
      const parsed = schema.safeParse(message.data);
      if (!parsed.success) {
        throw new Error(`Refused ${type}: ${z.prettifyError(parsed.error)}`);
      }
      return handler(parsed.data as Payload<T>, message.sender);
    },
  );
}
