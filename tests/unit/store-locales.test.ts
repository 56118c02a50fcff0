/**
 * The extension's name and description in the browser and the stores (public/_locales): every
 * locale says both, within the stores' limits, and the name is the one the interface uses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '@/utils/i18n';
import { ROOT } from '../harness/paths';

const LOCALES = { en: 'en', zh_CN: 'zh-Hans', zh_TW: 'zh-Hant' } as const;
const read = (folder: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public/_locales', folder, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe('the extension’s name and description per browser language', () => {
  it.each(Object.entries(LOCALES))(
    '%s: both given, the name the interface uses, within the limits',
    (folder, locale) => {
      const messages = read(folder);
      expect(Object.keys(messages).sort()).toEqual(['extDescription', 'extName']);
      expect(messages.extName!.message).toBe(translator(locale)('appName'));
      // Chrome's limits: a name of 75 characters, a description of 132.
      expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.message.length).toBeGreaterThan(20);
      expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
    },
  );
});
