import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/utils/background-service';
import { OverlayDatabase } from '@/utils/db';
import { CONTENT_SCRIPT_MESSAGES, mayAsk } from '@/utils/message-checks';
import { type MessageType, removeAllListeners, type Sender, sendMessage } from '@/utils/messaging';
import { tinyDataset } from './fixtures';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const ALL: MessageType[] = [
  'getDatasetStatus',
  'prepareMatcher',
  'getEntityDetails',
  'getArticle',
  'search',
  'getPreviousDataset',
  'datasetChanged',
  'getEntitySummaries',
  'openView',
  'getPageStatus',
  'revealEntity',
];
const webPage = { tab: { id: 7 }, url: 'https://news.example/a.html' } as unknown as Sender;
const popupInTab = { tab: { id: 8 }, url: `${ORIGIN}popup.html?tab=7` } as unknown as Sender;
const popup = { url: `${ORIGIN}popup.html` } as unknown as Sender;

describe('who may ask what', () => {
  it('lets a content script ask only what its card needs', () => {
    const allowed = ALL.filter((type) => mayAsk(type, webPage, ORIGIN));
    expect(allowed.sort()).toEqual(['getEntityDetails', 'openView', 'prepareMatcher']);
    expect([...CONTENT_SCRIPT_MESSAGES].sort()).toEqual(allowed);
  });

  it('answers extension pages everything, in a tab or not', () => {
    for (const type of ALL) {
      expect(mayAsk(type, popup, ORIGIN)).toBe(true);
      expect(mayAsk(type, popupInTab, ORIGIN)).toBe(true);
    }
  });

  it('does not take a look-alike address for the extension', () => {
    const lookAlike = { tab: { id: 9 }, url: `https://evil.example/${ORIGIN}` } as unknown as Sender;
    expect(mayAsk('search', lookAlike, ORIGIN)).toBe(false);
  });
});

describe('error replies', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    removeAllListeners();
  });

  it('carry the message and no stack trace', async () => {
    const db = new OverlayDatabase(`senders-${Date.now()}`);
    const { published } = startBackground({
      db,
      loadBundled: async () => tinyDataset(),
      loadLexicon: async () => ({ pairs: '', containers: '', nameChars: '', nameCharWords: '' }),
    });
    await published;
    const send = sendMessage as unknown as (type: string, data: unknown) => Promise<unknown>;
    const error = await send('getEntityDetails', { id: 42 }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Refused getEntityDetails/);
    expect((error as Error).stack ?? '').not.toMatch(/\.ts|\.js|at /);
    await db.delete();
  });
});
