/** Shared by the download tests: a failure caught as the DownloadError it must be, and its message in every language. */
import { expect } from 'vitest';
import { LOCALES, translator } from '@/utils/i18n';
import { DownloadError } from '@/utils/import/download';
import { errorMessage } from '@/utils/import/problem-text';

export async function failure(run: () => Promise<unknown>): Promise<DownloadError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DownloadError);
    return error as DownloadError;
  }
  throw new Error('expected the download to fail');
}

export function sayAll(error: unknown): Record<string, string> {
  const message = errorMessage(error);
  return Object.fromEntries(LOCALES.map((locale) => [locale, translator(locale)(message.key, message.values)]));
}
