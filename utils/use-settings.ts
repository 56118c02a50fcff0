import { useEffect, useState } from 'preact/hooks';
import { getSettings, type Settings, watchSettings } from './settings';

/**
 * The settings, kept current in an extension page: read once, then watched, so a change made in
 * another page or tab shows at once. Null until the first read. A change that arrives while the
 * first read is under way wins over that read.
 */
export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
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
  return settings;
}
