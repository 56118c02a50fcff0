/**
 * How the settings are stored in storage.sync: unknown fields kept, writes that change only what
 * they name, long site lists split under the quotas, failed writes reported with nothing lost.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  getSettings,
  ITEM_BYTES,
  itemBytes,
  LANGUAGES,
  MARK_STYLES,
  MAX_SITE_CHUNKS,
  MAX_SITES,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
  SettingsError,
  SITES_CHUNK_PREFIX,
  SITES_CHUNKS_FIELD,
  updateSettings,
  watchSettings,
} from '@/utils/settings';
import { settingsErrorMessage } from '@/utils/use-settings';

const sync = fakeBrowser.storage.sync;
const FIELDS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];
/** storage.sync's quotas, as Chrome documents them. */
const QUOTA_BYTES = 102_400;
const QUOTA_BYTES_PER_ITEM = 8192;
const MAX_ITEMS = 512;

const all = async () => (await sync.get(null)) as Record<string, unknown>;
const storedRaw = async () => (await all())[SETTINGS_KEY] as Record<string, unknown>;
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Makes the fake storage.sync refuse writes as Chrome does, with Chrome's messages. */
function enforceSyncQuotas() {
  const set = sync.set.bind(sync);
  return vi.spyOn(sync, 'set').mockImplementation((async (items: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(items)) {
      if (itemBytes(key, value) > QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    const after = { ...(await all()), ...items };
    if (Object.keys(after).length > MAX_ITEMS) throw new Error('MAX_ITEMS quota exceeded');
    const total = Object.entries(after).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
    if (total > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    await set(items);
  }) as never);
}

/** 1,000 distinct host names of some 70 characters: far more than one 8 KB item holds. */
const longSites = (count = MAX_SITES, length = 70) =>
  Array.from({ length: count }, (_, index) => {
    const host = `${String(index).padStart(4, '0')}.regional-news-portal.example.com`;
    return `${'a'.repeat(Math.max(1, length - host.length - 1))}.${host}`;
  });

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

// --- Arbitraries: each field valid, damaged, or missing; fields no version of this one knows. ---

const validValue: { [K in keyof Settings]: fc.Arbitrary<Settings[K]> } = {
  enabled: fc.boolean(),
  disabledSites: fc.array(fc.domain(), { maxLength: 8 }),
  kinds: fc.record({ person: fc.boolean(), org: fc.boolean(), model: fc.boolean() }),
  markStyle: fc.constantFrom(...MARK_STYLES),
  language: fc.constantFrom(...LANGUAGES),
};
const notIn = (values: readonly unknown[]) => fc.jsonValue().filter((value) => !values.includes(value as never));
const badValue: { [K in keyof Settings]: fc.Arbitrary<unknown> } = {
  enabled: fc.jsonValue().filter((value) => typeof value !== 'boolean'),
  disabledSites: fc.oneof(
    fc.jsonValue().filter((value) => !Array.isArray(value)),
    fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1 }),
    fc.constant(['x'.repeat(254)]),
    fc.constant(Array.from({ length: MAX_SITES + 1 }, (_, index) => `s${index}.com`)),
  ),
  kinds: fc.oneof(
    fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
    fc.record({ person: fc.boolean(), org: fc.boolean() }),
    fc.record({ person: fc.boolean(), org: fc.boolean(), model: fc.boolean(), extra: fc.boolean() }),
    fc.record({ person: fc.string(), org: fc.boolean(), model: fc.boolean() }),
  ),
  markStyle: notIn(MARK_STYLES),
  language: notIn(LANGUAGES),
};
type Stored = { [K in keyof Settings]: { kind: 'valid'; value: Settings[K] } | { kind: 'bad'; value: unknown } | null };
const storedFields = fc.record(
  Object.fromEntries(
    FIELDS.map((field) => [
      field,
      fc.option(
        fc.oneof(
          validValue[field].map((value) => ({ kind: 'valid' as const, value })),
          badValue[field].map((value) => ({ kind: 'bad' as const, value })),
        ),
      ),
    ]),
  ) as { [K in keyof Settings]: fc.Arbitrary<Stored[K]> },
);
const unknownFields = fc.dictionary(
  fc.string({ minLength: 1 }).filter((key) => !(FIELDS as string[]).includes(key) && key !== SITES_CHUNKS_FIELD),
  fc.jsonValue(),
  { maxKeys: 6 },
);
const toRaw = (fields: Stored, unknown: Record<string, unknown>) => {
  const raw: Record<string, unknown> = json(unknown);
  for (const field of FIELDS) if (fields[field]) raw[field] = fields[field]!.value;
  return json(raw);
};
const expectedSettings = (fields: Stored): Settings =>
  Object.fromEntries(
    FIELDS.map((field) => [field, fields[field]?.kind === 'valid' ? fields[field]!.value : DEFAULT_SETTINGS[field]]),
  ) as unknown as Settings;
/** A valid change to some fields; sometimes a site list too long for one sync item. */
const change = fc.record(
  {
    ...validValue,
    disabledSites: fc.oneof(
      validValue.disabledSites,
      fc.integer({ min: 0, max: MAX_SITES }).map((count) => longSites(count, 40)),
    ),
  },
  { requiredKeys: [] },
);

describe('reading stored settings (property)', () => {
  it('keeps every valid field, and a bad or missing field takes only its own default', () => {
    fc.assert(
      fc.property(storedFields, unknownFields, (fields, unknown) => {
        expect(parseSettings(toRaw(fields, unknown))).toEqual(expectedSettings(fields));
      }),
    );
  });
});

describe('writing a change (property)', () => {
  it('changes only the fields it names: every other field, unknown or unreadable, is stored as it was', async () => {
    await fc.assert(
      fc.asyncProperty(storedFields, unknownFields, change, async (fields, unknown, update) => {
        fakeBrowser.reset();
        const before = toRaw(fields, unknown);
        await sync.set({ [SETTINGS_KEY]: before });

        const saved = await updateSettings(update);

        const expected = { ...expectedSettings(fields), ...json(update) };
        expect(saved).toEqual(expected);
        expect(await getSettings()).toEqual(expected);
        const after = await storedRaw();
        for (const [key, value] of Object.entries(before)) {
          if (key in update) continue;
          expect(after[key], key).toEqual(value);
        }
        for (const key of Object.keys(after)) {
          expect(key in before || key in update || key === SITES_CHUNKS_FIELD, key).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('unknown fields', () => {
  it('survive a write, inline or with the site list split', async () => {
    const newer = { theme: 'dark', shortcuts: { next: 'Alt+J' }, enabled: false };
    await sync.set({ [SETTINGS_KEY]: newer });
    await updateSettings({ markStyle: 'highlight' });
    expect(await storedRaw()).toEqual({ ...newer, markStyle: 'highlight' });
    await updateSettings({ disabledSites: longSites() });
    expect(await storedRaw()).toMatchObject({ theme: 'dark', shortcuts: { next: 'Alt+J' }, enabled: false });
    await updateSettings({ disabledSites: ['163.com'] });
    expect(await storedRaw()).toEqual({ ...newer, markStyle: 'highlight', disabledSites: ['163.com'] });
  });

  it('an unreadable field stays stored until the reader changes it', async () => {
    await sync.set({ [SETTINGS_KEY]: { language: 'ja', markStyle: 'wavy' } });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    await updateSettings({ enabled: false });
    expect(await storedRaw()).toEqual({ language: 'ja', markStyle: 'wavy', enabled: false });
    await updateSettings({ language: 'en' });
    expect(await storedRaw()).toEqual({ language: 'en', markStyle: 'wavy', enabled: false });
  });
});

describe('a change is made to the settings as stored, not to a stale copy', () => {
  it('adds a site to the list as stored now, keeping one another device added meanwhile', async () => {
    await updateSettings({ disabledSites: ['a.com'] });
    const stale = await getSettings();
    // Another device adds a site; this page has not heard yet.
    await sync.set({ [SETTINGS_KEY]: { ...(await storedRaw()), disabledSites: ['a.com', 'b.com'] } });
    await updateSettings((current) => ({ disabledSites: [...current.disabledSites, 'c.com'] }));
    expect((await getSettings()).disabledSites).toEqual(['a.com', 'b.com', 'c.com']);
    expect(stale.disabledSites).toEqual(['a.com']);
  });

  it('keeps both of two changes made at once', async () => {
    await Promise.all([
      updateSettings((current) => ({ kinds: { ...current.kinds, person: false } })),
      updateSettings((current) => ({ kinds: { ...current.kinds, model: true } })),
      updateSettings({ markStyle: 'highlight' }),
      updateSettings((current) => ({ disabledSites: [...current.disabledSites, 'x.com'] })),
      updateSettings((current) => ({ disabledSites: [...current.disabledSites, 'y.com'] })),
    ]);
    expect(await getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      kinds: { person: false, org: true, model: true },
      markStyle: 'highlight',
      disabledSites: ['x.com', 'y.com'],
    });
  });

  it('writes nothing for an empty change', async () => {
    const set = vi.spyOn(sync, 'set');
    await updateSettings((current) => (current.disabledSites.includes('a.com') ? {} : {}));
    expect(set).not.toHaveBeenCalled();
  });
});

describe('a long site list, split across sync items', () => {
  it('round-trips 1,000 long site names within every storage.sync quota', async () => {
    enforceSyncQuotas();
    const sites = longSites();
    expect(itemBytes(SETTINGS_KEY, { disabledSites: sites })).toBeGreaterThan(QUOTA_BYTES_PER_ITEM * 8);
    const seen: Settings[] = [];
    watchSettings((settings) => seen.push(settings));

    await updateSettings({ disabledSites: sites, enabled: false });

    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, enabled: false, disabledSites: sites });
    const items = await all();
    const chunks = Object.keys(items).filter((key) => key.startsWith(SITES_CHUNK_PREFIX));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.length).toBeLessThanOrEqual(MAX_SITE_CHUNKS);
    expect(items[SETTINGS_KEY]).toEqual({ enabled: false, [SITES_CHUNKS_FIELD]: expect.anything() });
    for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(ITEM_BYTES);
    // What another context sees: the watcher, and a reader parsing every item.
    await vi.waitFor(() => expect(seen.at(-1)?.disabledSites).toEqual(sites));
    expect(parseSettings(items[SETTINGS_KEY], items).disabledSites).toEqual(sites);
  });

  it('reads a list stored whole in settings by an earlier version, and moves it into chunks when it grows', async () => {
    const old = ['163.com', 'latepost.com'];
    await sync.set({ [SETTINGS_KEY]: { enabled: true, disabledSites: old, markStyle: 'highlight' } });
    expect((await getSettings()).disabledSites).toEqual(old);

    await updateSettings((current) => ({ disabledSites: [...current.disabledSites, ...longSites(500)] }));
    const raw = await storedRaw();
    expect(raw.disabledSites).toBeUndefined();
    expect(raw[SITES_CHUNKS_FIELD]).toBeDefined();
    expect((await getSettings()).disabledSites).toEqual([...old, ...longSites(500)]);

    // Shrunk again: back in settings, and the chunks are removed.
    await updateSettings({ disabledSites: old });
    expect(await all()).toEqual({ [SETTINGS_KEY]: { enabled: true, disabledSites: old, markStyle: 'highlight' } });
  });

  it('writes the chunks and the pointer to them in one set call, then removes only chunks past the end', async () => {
    await updateSettings({ disabledSites: longSites(1000) });
    const before = Object.keys(await all()).filter((key) => key.startsWith(SITES_CHUNK_PREFIX)).length;
    const set = vi.spyOn(sync, 'set');
    const remove = vi.spyOn(sync, 'remove');
    const events: string[][] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => events.push(Object.keys(changes).sort()));

    await updateSettings({ disabledSites: longSites(300) });

    expect(set).toHaveBeenCalledTimes(1);
    const written = Object.keys(set.mock.calls[0]![0] as object);
    expect(written).toContain(SETTINGS_KEY);
    const after = Object.keys(await all()).filter((key) => key.startsWith(SITES_CHUNK_PREFIX)).length;
    expect(after).toBeLessThan(before);
    expect(remove).toHaveBeenCalledTimes(1);
    expect((remove.mock.calls[0]![0] as string[]).length).toBe(before - after);
    // Each event is one whole state: the first holds the new list entire, the second only removals.
    expect(events[0]).toEqual(written.sort());
    expect((await getSettings()).disabledSites).toEqual(longSites(300));
  });

  it('while some chunks have not arrived from another device, reads those that have and refuses to change the list', async () => {
    await updateSettings({ disabledSites: longSites(1000) });
    const items = await all();
    const pointer = (items[SETTINGS_KEY] as Record<string, { id: string; count: number }>)[SITES_CHUNKS_FIELD]!;
    // Another device wrote a new list; its settings item arrived, chunk 1 still holds the old one.
    const fresh = { id: 'newer', count: pointer.count };
    const newer: Record<string, unknown> = { [SETTINGS_KEY]: { [SITES_CHUNKS_FIELD]: fresh } };
    for (let index = 0; index < pointer.count; index++) {
      if (index === 1) continue;
      const chunk = items[`${SITES_CHUNK_PREFIX}${index}`] as { sites: string[] };
      newer[`${SITES_CHUNK_PREFIX}${index}`] = { id: 'newer', sites: chunk.sites };
    }
    await sync.set(newer);

    const partial = (await getSettings()).disabledSites;
    const missing = (items[`${SITES_CHUNK_PREFIX}1`] as { sites: string[] }).sites;
    expect(partial).toEqual(longSites(1000).filter((site) => !missing.includes(site)));
    await expect(
      updateSettings((current) => ({ disabledSites: current.disabledSites.slice(1) })),
    ).rejects.toMatchObject({ problem: 'syncing' });
    // Other fields can still change, and the list stays as it is.
    await updateSettings({ markStyle: 'highlight' });
    expect((await storedRaw())[SITES_CHUNKS_FIELD]).toEqual(fresh);

    // The rest arrives: the whole list.
    await sync.set({ [`${SITES_CHUNK_PREFIX}1`]: { id: 'newer', sites: missing } });
    expect((await getSettings()).disabledSites).toEqual(longSites(1000));
  });

  it('refuses more than MAX_SITES sites, and a list too large to sync, saving nothing', async () => {
    enforceSyncQuotas();
    await updateSettings({ disabledSites: ['163.com'] });
    const before = await all();
    const tooMany = updateSettings({ disabledSites: longSites(MAX_SITES + 1, 20) });
    await expect(tooMany).rejects.toMatchObject({ problem: 'tooManySites' });
    const tooLarge = updateSettings({ disabledSites: longSites(MAX_SITES, 253) });
    await expect(tooLarge).rejects.toMatchObject({ problem: 'sitesTooLarge' });
    expect(await all()).toEqual(before);
    expect(settingsErrorMessage(await tooLarge.catch((error: unknown) => error))).toEqual({
      key: 'settingsError_sitesTooLarge',
      values: { size: expect.any(Number), limit: 85 },
    });
  });
});

describe('a write the browser refuses', () => {
  it.each([
    ['QUOTA_BYTES_PER_ITEM quota exceeded', 'quota'],
    ['QUOTA_BYTES quota exceeded', 'quota'],
    ['MAX_ITEMS quota exceeded', 'quota'],
    ['MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded', 'rate'],
    ['MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded', 'rate'],
    // Recent Chrome names quotas by their internal names: kQuotaBytesPerItem is what the end-to-end
    // test sees; the other two are assumed to follow the same pattern.
    ['Resource::kQuotaBytesPerItem quota exceeded', 'quota'],
    ['Resource::kQuotaBytes quota exceeded', 'quota'],
    ['Resource::kMaxWriteOperationsPerMinute quota exceeded', 'rate'],
    ['QuotaExceededError: storage.sync API call exceeded its quota limitations.', 'quota'],
    ['IO error: disk full', 'failed'],
  ])('"%s" rejects as %s, and nothing stored changes', async (message, problem) => {
    await updateSettings({ disabledSites: longSites(400), language: 'zh-Hant' });
    const before = await all();
    vi.spyOn(sync, 'set').mockRejectedValue(new Error(message));

    const failed = updateSettings({ enabled: false, disabledSites: longSites(600) });
    await expect(failed).rejects.toBeInstanceOf(SettingsError);
    await expect(failed).rejects.toMatchObject({ problem });

    expect(await all()).toEqual(before);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, disabledSites: longSites(400), language: 'zh-Hant' });
  });

  it('with a full quota, the old single-item layout fails where the split one does not', async () => {
    enforceSyncQuotas();
    await expect(sync.set({ [SETTINGS_KEY]: { disabledSites: longSites(300) } })).rejects.toThrow(
      'QUOTA_BYTES_PER_ITEM quota exceeded',
    );
    await updateSettings({ disabledSites: longSites(300) });
    expect((await getSettings()).disabledSites).toEqual(longSites(300));
  });

  it('when the sync area is full of other items, the error surfaces and every setting is kept', async () => {
    enforceSyncQuotas();
    await updateSettings({ disabledSites: longSites(200), kinds: { person: false, org: true, model: true } });
    // A newer version's data fills most of what is left.
    const filler: Record<string, string> = {};
    for (let index = 0; index < 11; index++) filler[`newer.${index}`] = 'x'.repeat(7000);
    await sync.set(filler);
    const before = await all();

    const failed = updateSettings((current) => ({ disabledSites: [...current.disabledSites, ...longSites(800, 60)] }));
    await expect(failed).rejects.toMatchObject({ problem: 'quota', message: /QUOTA_BYTES quota exceeded/ });
    expect(await all()).toEqual(before);
    expect((await getSettings()).disabledSites).toEqual(longSites(200));
  });
});

describe('watching', () => {
  it('calls back once per change, not for removing chunks past the end', async () => {
    await updateSettings({ disabledSites: longSites(1000) });
    const seen: Settings[] = [];
    watchSettings((settings) => seen.push(settings));
    await updateSettings({ disabledSites: ['163.com'] });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, disabledSites: ['163.com'] }]);
  });
});
