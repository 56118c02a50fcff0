/**
 * One value in browser.storage, read, written and watched under its raw key. Hand-written rather
 * than WXT's storage module: the content script loads on every page, and WXT's storage (locks,
 * versions, migrations, several areas) is several times the size of what this needs. Keys are the
 * same as WXT's ('local:matcher' there is 'matcher' in storage.local here).
 */
import { browser } from 'wxt/browser';

export interface StorageItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with each new value (the fallback when the key is removed); returns how to stop. */
  watch(callback: (value: T) => void): () => void;
}

export function storageItem<T>(area: 'local' | 'sync', key: string, fallback: T): StorageItem<T> {
  const storage = () => browser.storage[area];
  return {
    async getValue() {
      const found = (await storage().get(key))[key];
      return found === undefined ? fallback : (found as T);
    },
    async setValue(value) {
      await storage().set({ [key]: value });
    },
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
        if (changedArea !== area || !(key in changes)) return;
        const value = changes[key]!.newValue;
        callback(value === undefined ? fallback : (value as T));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
