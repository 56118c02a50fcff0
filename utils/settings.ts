/**
 * User settings, in browser.storage.sync so they follow the user; every context reads them from
 * here and watches them, so a change applies at once in open tabs.
 *
 * Read field by field, by hand rather than with zod: the content script reads them on every page,
 * and zod is most of the cost of loading it. The settings are the extension's own data (no page,
 * file or URL writes them), and each field's rule has one home, in the lists below.
 */
import { storageItem } from './storage-item';

export const KINDS = ['person', 'org', 'model'] as const;
export const MARK_STYLES = ['underline', 'highlight'] as const;
/** 'auto' follows the browser's language. */
export const LANGUAGES = ['auto', 'zh-Hans', 'zh-Hant', 'en'] as const;
/** A host name is at most 253 characters; a reader may switch marking off on up to 1,000 sites. */
const MAX_SITE_LENGTH = 253;
const MAX_SITES = 1000;

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

/** Each field's check: the value if it is valid, else undefined. */
const FIELDS: { [K in keyof Settings]: (value: unknown) => Settings[K] | undefined } = {
  enabled: (value) => (typeof value === 'boolean' ? value : undefined),
  disabledSites: (value) =>
    Array.isArray(value) &&
    value.length <= MAX_SITES &&
    value.every((site) => typeof site === 'string' && site.length <= MAX_SITE_LENGTH)
      ? [...(value as string[])]
      : undefined,
  kinds: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    const exact = Object.keys(record).length === KINDS.length && KINDS.every((k) => typeof record[k] === 'boolean');
    return exact
      ? { person: record.person as boolean, org: record.org as boolean, model: record.model as boolean }
      : undefined;
  },
  markStyle: (value) => MARK_STYLES.find((style) => style === value),
  language: (value) => LANGUAGES.find((language) => language === value),
};

/**
 * Stored settings, field by field: a field that is missing or unreadable (written by another
 * version, or damaged) takes its default, and the others are kept. Unknown fields are dropped.
 */
export function parseSettings(value: unknown): Settings {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const read = <K extends keyof Settings>(field: K): Settings[K] =>
    FIELDS[field](stored[field]) ?? DEFAULT_SETTINGS[field];
  return {
    enabled: read('enabled'),
    disabledSites: read('disabledSites'),
    kinds: read('kinds'),
    markStyle: read('markStyle'),
    language: read('language'),
  };
}

const settingsItem = storageItem<unknown>('sync', 'settings', DEFAULT_SETTINGS);

export async function getSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

/** Saves a change; a field the change gets wrong is refused with an error, and nothing is saved. */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  for (const [field, value] of Object.entries(change)) {
    const check = FIELDS[field as keyof Settings];
    if (!check || check(value) === undefined) throw new Error(`Invalid setting: ${field}`);
  }
  const next = { ...(await getSettings()), ...change };
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => callback(parseSettings(value)));
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
