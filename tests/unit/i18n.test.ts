import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { detectLocale, LOCALES, MESSAGE_KEYS, type MessageKey, translator } from '@/utils/i18n';

/** The raw strings: a translator given no values leaves every {placeholder} as it is. */
const catalog = (locale: (typeof LOCALES)[number]) => {
  const t = translator(locale);
  return new Map(MESSAGE_KEYS.map((key) => [key, t(key)]));
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** zh names the discriminating field (kind); zod's English, which en keeps word for word, does not. */
const EXTRA_IN_CHINESE: Partial<Record<MessageKey, string[]>> = { problem_schemaDiscriminator: ['discriminator'] };

describe('interface strings', () => {
  it('has every key in every language, none empty', () => {
    expect(MESSAGE_KEYS.length).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      for (const [key, text] of catalog(locale)) expect(text.length, `${locale} ${key}`).toBeGreaterThan(0);
    }
  });

  it('uses the same placeholders in every language', () => {
    const en = catalog('en');
    for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
      for (const [key, text] of catalog(locale)) {
        const extra = EXTRA_IN_CHINESE[key] ?? [];
        const mine = placeholders(text).filter((name) => !extra.includes(name!));
        expect(mine, `${locale} ${key}`).toEqual(placeholders(en.get(key)!));
      }
    }
  });

  it('writes Traditional Chinese in Traditional characters and Simplified in Simplified', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
    for (const [key, text] of catalog('zh-Hant')) expect(toTraditional(text), key).toBe(text);
    for (const [key, text] of catalog('zh-Hans')) expect(toSimplified(text), key).toBe(text);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('download_timeout', { host: 'example.com', seconds: 60 })).toBe(
      'No answer from example.com within 60 seconds.',
    );
    expect(t('download_timeout', { host: 'example.com' })).toBe('No answer from example.com within {seconds} seconds.');
  });

  it('follows the browser language', () => {
    expect(detectLocale(['zh-TW', 'en'])).toBe('zh-Hant');
    expect(detectLocale(['zh-HK'])).toBe('zh-Hant');
    expect(detectLocale(['zh-CN'])).toBe('zh-Hans');
    expect(detectLocale(['fr', 'en-US'])).toBe('en');
    expect(detectLocale(['fr'])).toBe('en');
  });
});
