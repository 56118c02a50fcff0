import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, isMarkingOn, parseSettings, siteOf, updateSettings } from '@/utils/settings';

describe('reading stored settings', () => {
  it.each([
    ['nothing stored', undefined, DEFAULT_SETTINGS],
    ['not an object', 'on', DEFAULT_SETTINGS],
    ['one field set', { markStyle: 'highlight' }, { ...DEFAULT_SETTINGS, markStyle: 'highlight' }],
    [
      'one field damaged: it alone takes its default',
      { enabled: false, language: 'klingon' },
      { ...DEFAULT_SETTINGS, enabled: false },
    ],
    [
      'a partial kinds object: the whole field takes its default',
      { kinds: { person: false }, disabledSites: ['example.com'] },
      { ...DEFAULT_SETTINGS, disabledSites: ['example.com'] },
    ],
    [
      'an unknown field is no setting here (but stays stored: settings-storage.test.ts)',
      { enabled: false, colour: 'red' },
      { ...DEFAULT_SETTINGS, enabled: false },
    ],
  ])('%s', (_, stored, expected) => {
    expect(parseSettings(stored)).toEqual(expected);
  });
});

describe('where marking is on', () => {
  it.each([
    ['https://www.163.com/dy/article/x.html', '163.com'],
    ['http://latepost.com/news', 'latepost.com'],
    ['https://news.example.org:8080/a', 'news.example.org'],
    ['not a url', ''],
  ])('the site of %s is "%s"', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });

  it.each([
    [true, [], 'https://www.163.com/a', true],
    [true, ['163.com'], 'https://www.163.com/a', false],
    [true, ['163.com'], 'https://latepost.com/a', true],
    [false, [], 'https://latepost.com/a', false],
  ])('enabled %s, off on %j: %s is marked: %s', (enabled, disabledSites, url, on) => {
    expect(isMarkingOn({ ...DEFAULT_SETTINGS, enabled, disabledSites }, url)).toBe(on);
  });
});

describe('saving a change', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves a valid change and keeps the other fields', async () => {
    await updateSettings({ markStyle: 'highlight' });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, markStyle: 'highlight' });
  });

  it.each([
    ['an unknown style', { markStyle: 'blink' }],
    ['a site list that is not strings', { disabledSites: [42] }],
    ['kinds missing one', { kinds: { person: true, org: true } }],
    ['a field that does not exist', { colour: 'red' }],
  ])('refuses %s, and saves nothing', async (_, change) => {
    await expect(updateSettings(change as never)).rejects.toThrow(/Invalid setting/);
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
