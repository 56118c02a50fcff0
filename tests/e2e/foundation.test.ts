import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, tabIdOf } from '../harness/browser';
import { ARTIFACTS, ROOT } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

const bundled = JSON.parse(readFileSync(join(ROOT, 'public', 'dataset.json'), 'utf8')) as {
  version: string;
  entities: { kind: string }[];
  claims: unknown[];
};
const count = (kind: string) => bundled.entities.filter((entity) => entity.kind === kind).length;

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the built extension in Chromium', () => {
  it('loads, with a service worker and an id', () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  it('the popup shows what the background read from IndexedDB and what the content script reported', async () => {
    const articleUrl = server.url('netease-article.html');
    const article = await browser.context.newPage();
    await article.goto(articleUrl);
    const tabId = await tabIdOf(browser, articleUrl);

    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    await expect
      .poll(() => popup.getByTestId('dataset-counts').textContent(), { timeout: 15_000 })
      .toContain(`${count('person')} people`);
    expect(await popup.getByTestId('dataset-counts').textContent()).toContain(`${bundled.claims.length} claims`);
    // The content script read the matcher the background compiled, marked the page, and told the popup.
    await expect
      .poll(() => popup.getByTestId('on-this-page').locator('[data-entity="person:zhou-chang"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await popup.close();
    await article.close();
  });

  it('the popup says so when the tab has no content script', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await expect.poll(() => popup.getByTestId('page-status').textContent()).toMatch(/cannot be marked/);
    await popup.close();
  });

  it('the options page opens as a tab and shows the installed dataset', async () => {
    const options = await browser.context.newPage();
    await options.goto(browser.extensionUrl('options.html'));
    await expect
      .poll(() => options.getByTestId('dataset-summary').textContent())
      .toContain(`Dataset ${bundled.version}`);
    await expect
      .poll(() => options.getByTestId('dataset-summary').textContent())
      .toContain('bundled with the extension');
    await options.close();
  });

  it('renders both fixture pages with their article text (screenshots in test-results/)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, phrase] of [
      ['netease-article', '周暢'],
      ['latepost-article', '周畅'],
    ] as const) {
      const page = await browser.context.newPage();
      await page.goto(server.url(`${name}.html`));
      expect(await page.locator('#post-body').textContent()).toContain(phrase);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
      await page.close();
    }
  });
});
