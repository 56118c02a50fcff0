/**
 * Accessibility and languages: axe-core finds no violations on the popup, the options page and an
 * open hover card, in light and dark schemes; the popup follows the browser's language (--lang).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, hoverName, launchWithExtension, waitForMarks } from '../harness/browser';
import { ARTIFACTS } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startFixtureServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** axe's violations, as "rule: target" lines, so a failure says what and where. */
async function violations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations: found } = await builder.analyze();
  return found.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${node.failureSummary ?? ''})`),
  );
}

describe.each(['light', 'dark'] as const)('axe-core, %s scheme', (scheme) => {
  it('finds nothing on the popup, with results and a detail open', async () => {
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.getByRole('combobox').fill('字节');
    await popup.locator('.result').first().waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS, `popup-search-${scheme}.png`) });
    await popup.keyboard.press('Enter');
    await popup.locator('.entity-name').first().waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.screenshot({ path: join(ARTIFACTS, `popup-detail-${scheme}.png`) });
    await popup.close();
  });

  it('finds nothing on the options page', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(browser.extensionUrl('options.html'));
    await page.getByTestId('dataset-summary').waitFor();
    await page.getByTestId('settings').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `options-${scheme}.png`), fullPage: true });
    await page.close();
  });

  it('finds nothing in an open hover card', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(server.url('netease-article.html'));
    await waitForMarks(page);
    await hoverName(page, '#post-body', '周暢');
    expect(await violations(page, 'talent-overlay-card')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `card-${scheme}.png`) });
    await page.close();
  });
});

describe('the popup in the browser language', () => {
  it.each([
    ['zh-CN', '搜索数据集', 'zh-Hans'],
    ['zh-TW', '搜尋資料集', 'zh-Hant'],
    ['en-US', 'Search the dataset', 'en'],
  ])('with --lang=%s it speaks %s', async (lang, label, htmlLang) => {
    const localised = await launchWithExtension({ lang });
    try {
      const popup = await localised.context.newPage();
      await popup.goto(localised.extensionUrl('popup.html'));
      await expect.poll(() => popup.getByRole('combobox').getAttribute('aria-label')).toBe(label);
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(htmlLang);
      await popup.screenshot({ path: join(ARTIFACTS, `popup-${lang}.png`) });
    } finally {
      await localised.close();
    }
  });
});
