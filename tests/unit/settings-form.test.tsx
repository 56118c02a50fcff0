// @vitest-environment happy-dom
/**
 * The options page's settings form when a change is not saved: it says so, in the reader's
 * language, and shows what is stored rather than what the reader clicked.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsForm } from '@/entrypoints/options/SettingsForm';
import { type Locale, translator } from '@/utils/i18n';
import { DEFAULT_SETTINGS, getSettings, MAX_SITES, SETTINGS_KEY, updateSettings } from '@/utils/settings';

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

async function mount(locale: Locale = 'en') {
  await act(() => render(<SettingsForm t={translator(locale)} />, root));
  await vi.waitFor(() => expect(root.querySelector('[data-testid="settings"]')).not.toBeNull());
}
const checkbox = (index: number) => root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[index]!;
const alertText = () => root.querySelector('[data-testid="settings-error"]')?.textContent ?? null;
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 10)));

describe('a change the browser refuses', () => {
  it.each([
    ['en', 'Not saved: the browser’s storage for synced settings is full.'],
    ['zh-Hans', '未保存：浏览器用于同步设置的存储空间已满。'],
    ['zh-Hant', '未儲存：瀏覽器用於同步設定的儲存空間已滿。'],
  ] as const)('is said in %s, and the checkbox shows what is stored', async (locale, said) => {
    await updateSettings({ disabledSites: ['163.com'] });
    await mount(locale);
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));

    const enabled = checkbox(0);
    expect(enabled.checked).toBe(true);
    await act(() => enabled.click());
    await settle();

    expect(alertText()).toContain(said);
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
    expect(checkbox(0).checked).toBe(true);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, disabledSites: ['163.com'] });
  });

  it('keeps a site it could not add in the box, and the message goes once a change is saved', async () => {
    await mount();
    const input = root.querySelector<HTMLInputElement>('input:not([type])')!;
    const failing = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValue(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    await act(() => {
      input.value = 'example.com';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(alertText()).toContain('Wait a minute and try again');
    expect(input.value).toBe('example.com');
    expect(root.querySelector('.sites li')).toBeNull();

    failing.mockRestore();
    await act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(alertText()).toBeNull();
    expect(input.value).toBe('');
    expect(root.querySelector('.sites li')?.textContent).toContain('example.com');
  });

  it('says how many sites at most', async () => {
    await updateSettings({
      disabledSites: Array.from({ length: MAX_SITES }, (_, index) => `site-${index}.example.com`),
    });
    await mount();
    const input = root.querySelector<HTMLInputElement>('input:not([type])')!;
    await act(() => {
      input.value = 'one-more.com';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => root.querySelector('form')!.requestSubmit());
    await settle();
    expect(alertText()).toBe('Not saved: marking can be off on at most 1000 sites. Remove some first.');
    expect((await getSettings()).disabledSites).toHaveLength(MAX_SITES);
    expect(Object.keys(await fakeBrowser.storage.sync.get(null))).toContain(SETTINGS_KEY);
  });
});
