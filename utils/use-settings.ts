import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Message } from './i18n';
import {
  getSettings,
  ITEM_BYTES,
  MAX_SITE_CHUNKS,
  MAX_SITES,
  type Settings,
  type SettingsChange,
  SettingsError,
  updateSettings,
  watchSettings,
} from './settings';

/**
 * The settings, kept current in an extension page: read once, then watched, so a change made in
 * another page or tab shows at once. Null until the first read. A change that arrives while the
 * first read is under way wins over that read.
 */
export function useSettings(): Settings | null {
  return useSettingsEditor().settings;
}

export interface SettingsEditor {
  /** The settings as stored (null until read): never a change that was not saved. */
  settings: Settings | null;
  /** Why the last change was not saved, to show where the reader made it; null once one is. */
  error: Message | null;
  /** Saves a change (best as a function of the settings as stored then); resolves to whether it was. */
  save: (change: SettingsChange) => Promise<boolean>;
}

/** The settings and the means to change them, with what went wrong when a change was not saved. */
export function useSettingsEditor(): SettingsEditor {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<Message | null>(null);
  useEffect(() => {
    let changed = false;
    const unwatch = watchSettings((next) => {
      changed = true;
      setSettings(next);
    });
    void getSettings().then((loaded) => {
      if (!changed) setSettings(loaded);
    });
    return unwatch;
  }, []);
  const save = useCallback(async (change: SettingsChange) => {
    try {
      await updateSettings(change);
      setError(null);
      return true;
    } catch (failure) {
      setError(settingsErrorMessage(failure));
      // Shown as stored: a checkbox or a choice the reader just flipped goes back to what is saved
      // (a fresh object renders again, and Preact sets each control from it).
      const stored = await getSettings().catch(() => null);
      if (stored) setSettings(stored);
      return false;
    }
  }, []);
  return { settings, error, save };
}

/** What to tell the reader about a change that was not saved. */
export function settingsErrorMessage(error: unknown): Message {
  if (!(error instanceof SettingsError)) {
    return { key: 'settingsError_failed', values: { detail: error instanceof Error ? error.message : String(error) } };
  }
  switch (error.problem) {
    case 'tooManySites':
      return { key: 'settingsError_tooManySites', values: { max: MAX_SITES } };
    case 'sitesTooLarge':
      return {
        key: 'settingsError_sitesTooLarge',
        values: {
          size: Math.ceil(Number(error.detail) / 1024),
          limit: Math.floor((ITEM_BYTES * MAX_SITE_CHUNKS) / 1024),
        },
      };
    case 'failed':
      return { key: 'settingsError_failed', values: { detail: String(error.detail ?? error.message) } };
    default:
      return { key: `settingsError_${error.problem}` };
  }
}
