/**
 * User settings, in browser.storage.sync so they follow the user; every context reads them from
 * here and watches them, so a change applies at once in open tabs.
 *
 * Read field by field, by hand rather than with zod: the content script reads them on every page,
 * and zod is most of the cost of loading it. The settings are the extension's own data (no page,
 * file or URL writes them), and each field's rule has one home, in the lists below.
 *
 * Storage layout (storage.sync):
 * - `settings`: one object with every field. Fields this version does not know (a newer version's,
 *   on another synced device) are kept as they are and written back untouched; a field whose value
 *   this version cannot read takes its default when read, but stays stored until the reader
 *   changes that very field.
 * - The list of sites where marking is off is stored inside `settings` (`disabledSites`) while the
 *   whole item fits in one sync item (under QUOTA_BYTES_PER_ITEM, 8,192 bytes: some 300 sites):
 *   the layout every earlier version wrote and reads, so small lists need no migration and stay
 *   readable by an older version on another device. A longer list is split across
 *   `settings.sites.0` … `settings.sites.10`, each under 8,000 bytes, and `settings` says which:
 *   `disabledSitesChunks: { id, count }`. Every chunk carries the same `id`, new at each write.
 *
 * Why split within storage.sync rather than fall back to storage.local: the list is a setting the
 * reader expects on every device, and storage.local would silently stop it syncing at the size
 * where it matters most. storage.sync holds 102,400 bytes in all; 11 chunks of 8,000 bytes and the
 * `settings` item stay under that, which is 1,000 sites (MAX_SITES) of up to some 85 characters
 * each. A longer list is refused, with a message saying so, before anything is written.
 *
 * Never a half-written list: the chunks and the `settings` item that points to them are written in
 * one storage.sync.set call, which the browser applies at once (one onChanged event; a get never
 * sees part of it), and read in one get call. Chunks beyond the new count are removed afterwards:
 * until then they are never read, as `count` says where the list ends. On another device, sync may
 * deliver the items one by one; a chunk whose `id` is not the one `settings` names has not arrived
 * yet: the reader then uses the chunks that have (never a site the reader did not exclude), and a
 * change to the list is refused until the rest is there, so an incomplete list is never saved.
 */
import { browser } from 'wxt/browser';

export const KINDS = ['person', 'org', 'model'] as const;
export const MARK_STYLES = ['underline', 'highlight'] as const;
/** 'auto' follows the browser's language. */
export const LANGUAGES = ['auto', 'zh-Hans', 'zh-Hant', 'en'] as const;
/** A host name is at most 253 characters; a reader may switch marking off on up to 1,000 sites. */
const MAX_SITE_LENGTH = 253;
export const MAX_SITES = 1000;

/** The storage.sync key of the settings object, and the prefix of the site list's chunks. */
export const SETTINGS_KEY = 'settings';
export const SITES_CHUNK_PREFIX = 'settings.sites.';
/** The field of `settings` that points to the chunks, when the site list is split. */
export const SITES_CHUNKS_FIELD = 'disabledSitesChunks';
/** The largest sync item this module writes, key included: QUOTA_BYTES_PER_ITEM is 8,192. */
export const ITEM_BYTES = 8000;
/** 11 chunks and the settings item: 96,192 bytes at most, under storage.sync's 102,400. */
export const MAX_SITE_CHUNKS = 11;
const CHUNK_KEYS = Array.from({ length: MAX_SITE_CHUNKS }, (_, index) => `${SITES_CHUNK_PREFIX}${index}`);

export interface Settings {
  /** Marking on every site, unless the site is in disabledSites. */
  enabled: boolean;
  /** Host names where marking is off (www. stripped). */
  disabledSites: string[];
  /** Which kinds of entity to mark. */
  kinds: Record<(typeof KINDS)[number], boolean>;
  markStyle: (typeof MARK_STYLES)[number];
  /** Interface language. */
  language: (typeof LANGUAGES)[number];
}

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  kinds: { person: true, org: true, model: false },
  markStyle: 'underline',
  language: 'auto',
};

const isSiteList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((site) => typeof site === 'string' && site.length <= MAX_SITE_LENGTH);

/** Each field's check: the value if it is valid, else undefined. */
const FIELDS: { [K in keyof Settings]: (value: unknown) => Settings[K] | undefined } = {
  enabled: (value) => (typeof value === 'boolean' ? value : undefined),
  disabledSites: (value) => (isSiteList(value) && value.length <= MAX_SITES ? [...value] : undefined),
  kinds: (value) => {
    if (!isRecord(value)) return undefined;
    const exact = Object.keys(value).length === KINDS.length && KINDS.every((k) => typeof value[k] === 'boolean');
    return exact
      ? { person: value.person as boolean, org: value.org as boolean, model: value.model as boolean }
      : undefined;
  },
  markStyle: (value) => MARK_STYLES.find((style) => style === value),
  language: (value) => LANGUAGES.find((language) => language === value),
};
const FIELD_NAMES = Object.keys(FIELDS) as (keyof Settings)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What `settings` says about the chunks, if the list is split. */
function chunkPointer(value: unknown): { id: string; count: number } | undefined {
  if (!isRecord(value) || typeof value.id !== 'string') return undefined;
  const { count } = value;
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_SITE_CHUNKS
    ? { id: value.id, count }
    : undefined;
}

interface Stored {
  /** The stored `settings` object as it is, unknown and unreadable fields included. */
  raw: Record<string, unknown>;
  settings: Settings;
  /** False while some chunks of a split list have not arrived from another device. */
  sitesComplete: boolean;
}

function readStored(value: unknown, items: Record<string, unknown>): Stored {
  const raw = isRecord(value) ? value : {};
  let sitesComplete = true;
  let sites: unknown = raw.disabledSites;
  const pointer = chunkPointer(raw[SITES_CHUNKS_FIELD]);
  if (pointer) {
    const joined: unknown[] = [];
    for (let index = 0; index < pointer.count; index++) {
      const chunk = items[`${SITES_CHUNK_PREFIX}${index}`];
      if (isRecord(chunk) && chunk.id === pointer.id && Array.isArray(chunk.sites)) joined.push(...chunk.sites);
      else sitesComplete = false;
    }
    sites = joined;
  }
  const read = <K extends keyof Settings>(field: K, stored: unknown = raw[field]): Settings[K] =>
    FIELDS[field](stored) ?? DEFAULT_SETTINGS[field];
  return {
    raw,
    sitesComplete,
    settings: {
      enabled: read('enabled'),
      disabledSites: read('disabledSites', sites),
      kinds: read('kinds'),
      markStyle: read('markStyle'),
      language: read('language'),
    },
  };
}

/**
 * Stored settings, field by field: a field that is missing or unreadable (written by another
 * version, or damaged) takes its default, and the others are kept. `value` is the `settings`
 * item; `items` the rest of storage.sync, where a split site list's chunks are.
 */
export function parseSettings(value: unknown, items: Record<string, unknown> = {}): Settings {
  return readStored(value, items).settings;
}

const sync = () => browser.storage.sync;

/** Every item the settings may use, in one get: the browser answers it from one state. */
async function readItems(): Promise<Stored & { chunkKeys: string[] }> {
  const items = await sync().get([SETTINGS_KEY, ...CHUNK_KEYS]);
  return { ...readStored(items[SETTINGS_KEY], items), chunkKeys: CHUNK_KEYS.filter((key) => items[key] != null) };
}

export async function getSettings(): Promise<Settings> {
  return (await readItems()).settings;
}

/** Why a change was not saved: what the interface tells the reader. */
export type SettingsProblem = 'invalid' | 'tooManySites' | 'sitesTooLarge' | 'syncing' | 'quota' | 'rate' | 'failed';

export class SettingsError extends Error {
  constructor(
    readonly problem: SettingsProblem,
    message: string,
    /** For 'sitesTooLarge', the bytes the list needs; for 'failed', the browser's message. */
    readonly detail?: string | number,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * A failed write, by the browser's message. Chrome names the quota, as documented
 * ("QUOTA_BYTES_PER_ITEM quota exceeded") or, in recent versions, by its internal name
 * ("Resource::kQuotaBytesPerItem quota exceeded", "Resource::kMaxWriteOperationsPerMinute …");
 * Firefox says "quota".
 */
function writeError(error: unknown): SettingsError {
  const text = error instanceof Error ? error.message : String(error);
  if (/MAX_?WRITE_?OPERATIONS/i.test(text)) return new SettingsError('rate', `Settings not saved: ${text}`);
  if (/QUOTA_BYTES|MAX_ITEMS|quota/i.test(text)) return new SettingsError('quota', `Settings not saved: ${text}`);
  return new SettingsError('failed', `Settings not saved: ${text}`, text);
}

/** A change, or a function of the settings as stored now (read just before writing) giving one. */
export type SettingsChange = Partial<Settings> | ((current: Settings) => Partial<Settings>);

const encoder = new TextEncoder();
/** How much an item counts towards the quotas: its key and its value's JSON, in bytes. */
export const itemBytes = (key: string, value: unknown) =>
  encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;

/** The site list in chunks of at most ITEM_BYTES each, all tagged with `id`. */
function chunkSites(sites: string[], id: string): { id: string; sites: string[] }[] {
  const chunks: { id: string; sites: string[] }[] = [];
  const empty = itemBytes(`${SITES_CHUNK_PREFIX}${MAX_SITE_CHUNKS}`, { id, sites: [] });
  let current: string[] = [];
  let size = empty;
  for (const site of sites) {
    const cost = encoder.encode(JSON.stringify(site)).length + 1;
    if (current.length > 0 && size + cost > ITEM_BYTES) {
      chunks.push({ id, sites: current });
      current = [];
      size = empty;
    }
    current.push(site);
    size += cost;
  }
  if (current.length > 0) chunks.push({ id, sites: current });
  return chunks;
}

/** Writes run one at a time across the extension's pages (Web Locks), or in this context. */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: Navigator }).navigator?.locks;
  if (locks) return locks.request('talent-overlay-settings', work) as Promise<T>;
  const run = queue.then(work, work);
  queue = run.catch(() => {});
  return run;
}

/**
 * Saves a change to the settings as stored now, not to a copy read earlier: only the fields the
 * change names are written; every other field, unknown ones included, is written back as stored.
 * A change that is invalid, or that storage refuses (quota, write rate), rejects with a
 * SettingsError and nothing is saved. Resolves to the settings as now stored.
 */
export function updateSettings(change: SettingsChange): Promise<Settings> {
  return exclusive(async () => {
    const stored = await readItems();
    const fields = typeof change === 'function' ? change(stored.settings) : change;
    for (const [field, value] of Object.entries(fields)) {
      const check = FIELDS[field as keyof Settings];
      if (field === 'disabledSites' && isSiteList(value) && value.length > MAX_SITES) {
        throw new SettingsError('tooManySites', `Too many sites: ${value.length} (at most ${MAX_SITES})`);
      }
      if (!check || check(value) === undefined) throw new SettingsError('invalid', `Invalid setting: ${field}`);
    }
    if (Object.keys(fields).length === 0) return stored.settings;
    if (fields.disabledSites && !stored.sitesComplete) {
      throw new SettingsError('syncing', 'The site list is still arriving from another device');
    }

    const raw: Record<string, unknown> = { ...stored.raw };
    for (const field of FIELD_NAMES) if (field !== 'disabledSites' && field in fields) raw[field] = fields[field];
    const writes: Record<string, unknown> = {};
    let chunkCount = -1; // -1: the chunks are left as they are
    const sites = fields.disabledSites;
    if (sites) {
      raw.disabledSites = sites;
      delete raw[SITES_CHUNKS_FIELD];
      chunkCount = 0;
      if (itemBytes(SETTINGS_KEY, raw) > ITEM_BYTES) {
        const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
        const chunks = chunkSites(sites, id);
        if (chunks.length > MAX_SITE_CHUNKS) {
          const bytes = chunks.reduce(
            (sum, chunk, index) => sum + itemBytes(`${SITES_CHUNK_PREFIX}${index}`, chunk),
            0,
          );
          throw new SettingsError('sitesTooLarge', `The site list is too large to sync: ${bytes} bytes`, bytes);
        }
        delete raw.disabledSites;
        raw[SITES_CHUNKS_FIELD] = { id, count: chunks.length };
        chunks.forEach((chunk, index) => {
          writes[`${SITES_CHUNK_PREFIX}${index}`] = chunk;
        });
        chunkCount = chunks.length;
      }
    }
    writes[SETTINGS_KEY] = raw;
    try {
      await sync().set(writes);
    } catch (error) {
      throw writeError(error);
    }
    if (chunkCount >= 0) {
      // Chunks past the new end are never read again; removing them only frees the space.
      const stale = stored.chunkKeys.filter((key) => !(key in writes));
      if (stale.length > 0) {
        await sync()
          .remove(stale)
          .catch(() => {});
      }
    }
    return readStored(raw, writes).settings;
  });
}

/** Calls back with the settings each time they change (in any context, or from another device). */
export function watchSettings(callback: (settings: Settings) => void): () => void {
  let latest = 0;
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'sync') return;
    // Removing chunks past the end of the list changes nothing a reader sees.
    const chunksWritten = Object.keys(changes).some(
      (key) => key.startsWith(SITES_CHUNK_PREFIX) && changes[key]!.newValue != null,
    );
    if (!chunksWritten && !(SETTINGS_KEY in changes)) return;
    const ticket = ++latest;
    const value = changes[SETTINGS_KEY]?.newValue;
    // The common case, read from the event itself: the settings object alone, list inside it.
    if (!chunksWritten && !(isRecord(value) && chunkPointer(value[SITES_CHUNKS_FIELD]))) {
      callback(parseSettings(value));
      return;
    }
    void readItems().then(
      (stored) => {
        if (ticket === latest) callback(stored.settings);
      },
      () => {},
    );
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The site key for a URL: its host name without a leading www. */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

export function isMarkingOn(settings: Settings, url: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(siteOf(url));
}
