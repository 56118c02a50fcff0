/**
 * User settings, in browser.storage.sync so they follow the user; every context reads them from
 * here and watches them, so a change applies at once in open tabs.
 */
import { storage } from 'wxt/utils/storage';
// zod/mini: a content script reads the settings on every page, and mini schemas are cheap to make.
import { z } from 'zod/mini';

export const Settings = z.strictObject({
  /** Marking on every site, unless the site is in disabledSites. */
  enabled: z.boolean(),
  /** Host names where marking is off (www. stripped). */
  disabledSites: z.array(z.string().check(z.maxLength(253))).check(z.maxLength(1000)),
  /** Which kinds of entity to mark. */
  kinds: z.strictObject({ person: z.boolean(), org: z.boolean(), model: z.boolean() }),
  markStyle: z.enum(['underline', 'highlight']),
  /** Interface language; 'auto' follows the browser. */
  language: z.enum(['auto', 'zh-Hans', 'zh-Hant', 'en']),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  disabledSites: [],
  kinds: { person: true, org: true, model: false },
  markStyle: 'underline',
  language: 'auto',
};

const settingsItem = storage.defineItem<unknown>('sync:settings', { fallback: DEFAULT_SETTINGS });

/**
 * Stored settings, field by field: a field that is missing or unreadable (written by another
 * version, or damaged) takes its default, and the others are kept. Unknown fields are dropped.
 */
export function parseSettings(value: unknown): Settings {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = {};
  for (const field of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = Settings.shape[field].safeParse(stored[field]);
    settings[field] = parsed.success ? parsed.data : DEFAULT_SETTINGS[field];
  }
  return settings as Settings;
}

export async function getSettings(): Promise<Settings> {
  return parseSettings(await settingsItem.getValue());
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await getSettings()), ...change });
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
