import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startBackground } from '@/utils/background-service';
import { OverlayDatabase } from '@/utils/db';
import { MATCHER_VERSION } from '@/utils/matcher/compiled';
import { Matcher } from '@/utils/matcher/matcher';
import { matcherIdsItem, matcherItem } from '@/utils/matcher-store';
import { removeAllListeners, sendMessage } from '@/utils/messaging';
import { tinyDataset } from './fixtures';

let counter = 0;
/** A lexicon with two common pairs (上周, 浙江) and one idiom, as public/lexicon.json holds thousands. */
const loadLexicon = async () => ({ pairs: '上周浙江', containers: '有求必应', nameChars: '宁', nameCharWords: '' });

describe('background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The messenger allows one handler per message type per context.
    removeAllListeners();
  });

  it('installs the bundled dataset and reports it over messaging', async () => {
    const db = new OverlayDatabase(`background-${counter++}`);
    const { ready } = startBackground({ db, loadLexicon, loadBundled: async () => tinyDataset() });
    expect(await ready).toBe('installed');
    const status = await sendMessage('getDatasetStatus');
    expect(status).toMatchObject({
      version: '2026.01.01',
      origin: { kind: 'bundled' },
      counts: { people: 2, orgs: 2 },
    });
    await db.delete();
  });

  it('keeps the previous dataset when the bundled file is broken', async () => {
    const db = new OverlayDatabase(`background-${counter++}`);
    startBackground({ db, loadLexicon, loadBundled: async () => tinyDataset() });
    await sendMessage('getDatasetStatus');
    removeAllListeners();
    const { ready } = startBackground({
      db,
      loadLexicon,
      loadBundled: async () => ({ format: 'talent-overlay-dataset' }),
    });
    expect(await ready).toBe('failed');
    expect(await sendMessage('getDatasetStatus')).toMatchObject({ version: '2026.01.01' });
    await db.delete();
  });

  it('compiles the matcher again when storage holds one in an older format (after an update)', async () => {
    const db = new OverlayDatabase(`background-${counter++}`);
    const { ready } = startBackground({ db, loadLexicon, loadBundled: async () => tinyDataset() });
    await ready;
    expect(await sendMessage('prepareMatcher')).toBe(true);
    const current = (await matcherItem.getValue())!;
    expect(current.compiled.version).toBe(MATCHER_VERSION);
    const older = { ...current.compiled, version: MATCHER_VERSION - 1 } as unknown as typeof current.compiled;
    await matcherItem.setValue({ key: current.key, compiled: older });
    expect(await sendMessage('prepareMatcher')).toBe(true);
    expect(await matcherItem.getValue()).toEqual(current);
    await db.delete();
  });

  it("compiles the matcher with the claims' links and the lexicon's word boundaries", async () => {
    const db = new OverlayDatabase(`background-${counter++}`);
    const { ready } = startBackground({ db, loadLexicon, loadBundled: async () => tinyDataset() });
    await ready;
    expect(await sendMessage('prepareMatcher')).toBe(true);
    const ids = (await matcherIdsItem.getValue())!.ids.split('\n');
    const matcher = new Matcher((await matcherItem.getValue())!.compiled);
    // The move claim links 周畅 and 字节跳动.
    expect(matcher.linked(ids.indexOf('person:zhou-chang'), ids.indexOf('org:bytedance'))).toBe(true);
    expect(matcher.linked(ids.indexOf('person:lin-junyang'), ids.indexOf('org:bytedance'))).toBe(false);
    // 上周 is a common word: in 上周畅谈 the name 周畅 may not start where it seems to.
    expect(matcher.scan('上周畅谈').map((match) => match.guarded)).toEqual([true]);
    expect(matcher.scan('据周畅说').map((match) => match.guarded)).toEqual([false]);
    await db.delete();
  });

  it('compiles the matcher without word boundaries when the lexicon is damaged', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const db = new OverlayDatabase(`background-${counter++}`);
    const { ready } = startBackground({
      db,
      loadLexicon: async () => ({ pairs: 42 }),
      loadBundled: async () => tinyDataset(),
    });
    await ready;
    expect(await sendMessage('prepareMatcher')).toBe(true);
    const matcher = new Matcher((await matcherItem.getValue())!.compiled);
    expect(matcher.scan('上周畅谈').map((match) => match.guarded)).toEqual([false]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/lexicon is damaged/));
    errors.mockRestore();
    await db.delete();
  });

  it('refuses a message whose payload does not match its schema', async () => {
    const db = new OverlayDatabase(`background-${counter++}`);
    const { ready } = startBackground({ db, loadLexicon, loadBundled: async () => tinyDataset() });
    await ready;
    const send = sendMessage as unknown as (type: string, data: unknown) => Promise<unknown>;
    await expect(send('getDatasetStatus', { sneaky: true })).rejects.toThrow(/Refused getDatasetStatus/);
    await db.delete();
  });
});
