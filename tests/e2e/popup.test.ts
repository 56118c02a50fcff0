import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, tabIdOf, waitForMarks } from '../harness/browser';
import { ARTIFACTS } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPopup(query = ''): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 600 });
  await popup.goto(browser.extensionUrl(`popup.html${query}`));
  return popup;
}

/** Types a query and returns the entity ids of the results, in order. */
async function search(popup: Page, query: string): Promise<string[]> {
  const box = popup.getByRole('combobox');
  await box.fill(query);
  await popup.locator('.result').first().waitFor({ timeout: 10_000 });
  return popup.locator('.result').evaluateAll((items) => items.map((item) => item.getAttribute('data-entity') ?? ''));
}

describe('the popup search', () => {
  it('is focused on open and finds 周暢, zhouchang, zc and bytedance', async () => {
    const popup = await openPopup();
    await expect.poll(() => popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    expect((await search(popup, '周暢'))[0]).toBe('person:zhou-chang');
    expect((await search(popup, 'zhouchang'))[0]).toBe('person:zhou-chang');
    expect(await search(popup, 'zc')).toContain('person:zhou-chang');
    expect((await search(popup, 'bytedance'))[0]).toBe('org:bytedance');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-search.png') });
    await popup.close();
  });

  it('says so when nothing matches', async () => {
    const popup = await openPopup();
    await popup.getByRole('combobox').fill('xqzxqz');
    await expect.poll(() => popup.getByTestId('no-results').textContent()).toContain('xqzxqz');
    await popup.close();
  });

  it('moves with the arrow keys, opens a detail with Enter and goes back with Esc', async () => {
    const popup = await openPopup();
    await search(popup, '周');
    const options = popup.locator('[role="option"]');
    expect(await options.count()).toBeGreaterThan(1);
    await popup.keyboard.press('ArrowDown');
    const second = await options.nth(1).getAttribute('data-entity');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await popup.keyboard.press('Enter');
    const article = popup.locator('article.entity-card');
    await article.waitFor();
    expect(await article.getAttribute('data-entity')).toBe(second);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-detail.png') });
    await popup.keyboard.press('Escape');
    await popup.getByRole('combobox').waitFor();
    await popup.close();
  });
});

describe('on this page', () => {
  it('lists what the fixture tab marked, and choosing one opens its card there', async () => {
    const url = server.url('latepost-article.html');
    const article = await browser.context.newPage();
    await article.goto(url);
    await waitForMarks(article);
    const tabId = await tabIdOf(browser, url);
    const popup = await openPopup(`?tab=${tabId}`);
    const list = popup.getByTestId('on-this-page');
    await list.waitFor({ timeout: 15_000 });
    const ids = await list
      .locator('[data-entity]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-entity')));
    expect(ids).toEqual(expect.arrayContaining(['person:zhou-chang', 'org:bytedance', 'person:zhang-yiming']));
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-on-this-page.png') });
    await list.locator('[data-entity="person:zhang-yiming"]').click();
    const card = article.locator('[data-talent-overlay-card] [role="dialog"]');
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => card.locator('.entity-name').textContent()).toBe('张一鸣');
    await popup.close();
    await article.close();
  });
});

describe('the source view', () => {
  it('opens from a citation of an article with no URL, with the quote highlighted in the whole text', async () => {
    const popup = await openPopup('?entity=person:zhou-chang');
    const citation = popup.locator('.sources li').first();
    await citation.waitFor({ timeout: 10_000 });
    const quote = (await citation.locator('.quote').textContent())!.trim();
    const [source] = await Promise.all([browser.context.waitForEvent('page'), citation.getByRole('button').click()]);
    await source.waitForURL(/\/source\.html\?/);
    const highlighted = source.getByTestId('quote');
    await highlighted.waitFor({ timeout: 10_000 });
    // Whitespace may differ (the build compares quotes whitespace-normalised).
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(normalise((await highlighted.textContent()) ?? '')).toBe(normalise(quote));
    const text = (await source.getByTestId('article-text').textContent()) ?? '';
    expect(text.length).toBeGreaterThan(quote.length * 5);
    expect(await source.locator('h1').textContent()).toBeTruthy();
    // The quote is scrolled into view.
    const box = await highlighted.boundingBox();
    const height = await source.evaluate(() => innerHeight);
    expect(box && box.y < height && box.y + box.height > 0).toBe(true);
    await source.screenshot({ path: join(ARTIFACTS, 'source-view.png') });
    await source.close();
    await popup.close();
  });
});
