import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@/data/format/schema';
import { itemBytes } from '@/utils/settings';
import {
  type ExtensionBrowser,
  launchWithExtension,
  markedTexts,
  markedTextsWhileScrolling,
  readDatabase,
  setSettings,
  waitForMarks,
} from '../harness/browser';
import { bundled, newerDataset, serveNewerDataset } from '../harness/datasets';
import { ARTIFACTS } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

const scratch = join(tmpdir(), `talent-overlay-e2e-${process.pid}`);

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startFixtureServer();
  serveNewerDataset(server);
  server.route('/datasets/missing.json', (_request, response) => response.writeHead(404).end('not here'));
  // Redirects to the same http:// server: redirects must end on https://, so this is refused.
  server.route('/datasets/redirect.json', (_request, response) =>
    response.writeHead(302, { location: '/datasets/newer.json' }).end(),
  );
  server.route('/datasets/huge.json', (_request, response) => {
    // Claims 300 MB and sends a little: the declared size alone is refused.
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(300 * 1024 * 1024) });
    response.write('{"format":');
    setTimeout(() => response.destroy(), 200);
  });
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openOptions(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  await page.getByTestId('dataset-summary').waitFor();
  return page;
}

/**
 * Asks for a download from the address; the fixture server is plain http://, so the warning is
 * confirmed (the end-to-end build allows its loopback host; http:// still needs the reader's yes).
 */
async function downloadFrom(page: Page, address: string, button = 'Download and check'): Promise<void> {
  await page.getByTestId('url-input').fill(address);
  await page.getByRole('button', { name: button }).click();
  if (address.startsWith('http://')) await page.getByTestId('import-http-confirm').click();
}

async function importFile(page: Page, name: string, content: string): Promise<void> {
  const path = join(scratch, name);
  writeFileSync(path, content);
  await page.getByTestId('file-input').setInputFiles(path);
}

/** The newer dataset with 20,000 more people (填充0号 to 填充19999号). */
function bigDataset(): Dataset {
  const big = newerDataset();
  for (let i = 0; i < 20_000; i++) {
    big.entities.push({
      ...structuredClone(big.entities.at(-1)!),
      id: `person:e2e-filler-${i}`,
      name: `填充${i}号`,
      nameEn: `Filler ${i}`,
      // The mention names 王小测; a weak alias lets every filler share it without a clash.
      aliases: [{ text: '王小测', lang: 'zh-Hans', weak: true, origin: 'source' }],
    });
  }
  return big;
}

async function expectRefused(page: Page, expected: RegExp): Promise<void> {
  const before = await readDatabase(browser);
  const problem = page.locator('[data-testid="import-problems"], [data-testid="import-error"]');
  await problem.waitFor({ timeout: 15_000 });
  expect(await problem.textContent()).toMatch(expected);
  expect(await readDatabase(browser)).toEqual(before);
}

describe('importing a dataset', () => {
  it('shows what a newer dataset changes, applies it, and the new entity is searchable and marked', async () => {
    const page = await openOptions();
    await importFile(page, 'newer.json', JSON.stringify(newerDataset()));
    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.textContent()).toMatch(/2099\.01\.01/);
    expect(await preview.textContent()).toContain('person:wang-xiaoce');
    await page.screenshot({ path: join(ARTIFACTS, 'options-preview.png'), fullPage: true });
    await page.getByTestId('apply').click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    const installed = await readDatabase(browser);
    expect(installed.version).toBe('2099.01.01');
    expect(installed.entityIds).toContain('person:wang-xiaoce');

    const popup = await browser.context.newPage();
    await popup.goto(browser.extensionUrl('popup.html'));
    await popup.getByRole('combobox').fill('王小测');
    await expect.poll(() => popup.locator('.result').first().getAttribute('data-entity')).toBe('person:wang-xiaoce');
    await popup.close();

    const article = await browser.context.newPage();
    await article.goto(server.url('new-person.html'));
    await waitForMarks(article);
    expect((await markedTextsWhileScrolling(article)).person).toContain('王小测');
    await article.close();
    await page.close();
  });

  it('rolls back to the previous dataset, and resets to the bundled one', async () => {
    const page = await openOptions();
    const rollback = page.getByTestId('rollback');
    await expect.poll(() => rollback.isEnabled()).toBe(true);
    await rollback.click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await readDatabase(browser)).version).toBe(bundled.version);
    expect((await readDatabase(browser)).entityIds).not.toContain('person:wang-xiaoce');

    // Roll forward again, then reset to the bundled dataset.
    await page.getByTestId('rollback').click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await readDatabase(browser)).version).toBe('2099.01.01');
    await page.getByTestId('reset').click();
    await expect.poll(async () => (await readDatabase(browser)).version, { timeout: 20_000 }).toBe(bundled.version);
    expect((await readDatabase(browser)).origin).toBe('bundled');
    await page.close();
  });

  it('imports from a URL', async () => {
    const page = await openOptions();
    await page.getByTestId('url-input').fill(server.url('datasets/newer.json'));
    await page.getByRole('button', { name: 'Download and check' }).click();
    // Plain http:// waits for the reader: nothing is downloaded before the warning is confirmed.
    await expect.poll(() => page.getByTestId('import-http-warning').textContent()).toMatch(/uses http:\/\//);
    await page.getByTestId('import-http-confirm').click();
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    await page.getByTestId('apply').click();
    await page.getByTestId('import-done').waitFor({ timeout: 20_000 });
    expect((await readDatabase(browser)).version).toBe('2099.01.01');
    await page.getByTestId('reset').click();
    await expect.poll(async () => (await readDatabase(browser)).version, { timeout: 20_000 }).toBe(bundled.version);
    await page.close();
  });
});

describe('export, drop and settings', () => {
  it('exports the installed dataset as a file in the dataset format', async () => {
    const page = await openOptions();
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Dataset;
    expect(exported.format).toBe('talent-overlay-dataset');
    expect(exported.version).toBe(bundled.version);
    expect(exported.entities.map((entity) => entity.id).sort()).toEqual(bundled.entities.map((e) => e.id).sort());
    expect(exported.claims.length).toBe(bundled.claims.length);
    await page.close();
  });

  it('reads a dataset dropped on the page', async () => {
    const page = await openOptions();
    const dataTransfer = await page.evaluateHandle((json) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
      return transfer;
    }, JSON.stringify(newerDataset()));
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    await page.getByTestId('import-preview').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('import-preview').textContent()).toContain('person:wang-xiaoce');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect((await readDatabase(browser)).version).toBe(bundled.version);
    await page.close();
  });

  it('applies the settings form at once in an open tab', async () => {
    const article = await browser.context.newPage();
    await article.goto(server.url('netease-article.html'));
    await waitForMarks(article);
    const options = await openOptions();
    const settings = options.getByTestId('settings');

    await settings.getByLabel('People').uncheck();
    // The page is marked again with the new kinds: people gone, organisations back.
    await expect
      .poll(async () => {
        const marks = await markedTexts(article);
        return marks.person.length === 0 && marks.org.length > 0;
      })
      .toBe(true);
    await settings.getByLabel('People').check();
    await expect.poll(async () => (await markedTexts(article)).person.length).toBeGreaterThan(0);

    await settings.getByLabel('Mark names on web pages').uncheck();
    await expect.poll(async () => (await markedTexts(article)).org.length).toBe(0);
    await settings.getByLabel('Mark names on web pages').check();
    await expect.poll(async () => (await markedTexts(article)).org.length).toBeGreaterThan(0);

    await settings.getByLabel('Add a site').fill('127.0.0.1');
    await settings.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(async () => (await markedTexts(article)).org.length).toBe(0);
    await settings.getByRole('button', { name: 'Remove 127.0.0.1' }).click();
    await expect.poll(async () => (await markedTexts(article)).org.length).toBeGreaterThan(0);
    await options.close();
    await article.close();
  });

  it('splits a long site list across sync items, keeps unknown fields, and says when the quota refuses a change', async () => {
    type Sync = {
      get(keys: null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
      getBytesInUse(keys: null): Promise<number>;
    };
    const sync = (page: Page) => ({
      all: () =>
        page.evaluate(() =>
          (globalThis as unknown as { chrome: { storage: { sync: Sync } } }).chrome.storage.sync.get(null),
        ),
      set: (items: Record<string, unknown>) =>
        page.evaluate(
          (items) => (globalThis as unknown as { chrome: { storage: { sync: Sync } } }).chrome.storage.sync.set(items),
          items,
        ),
      bytesInUse: () =>
        page.evaluate(() =>
          (globalThis as unknown as { chrome: { storage: { sync: Sync } } }).chrome.storage.sync.getBytesInUse(null),
        ),
      clear: () =>
        page.evaluate(() =>
          (globalThis as unknown as { chrome: { storage: { sync: Sync } } }).chrome.storage.sync.clear(),
        ),
    });
    // A list that just fits in the one settings item, and a field from a newer version.
    const sites: string[] = [];
    while (itemBytes('settings', { disabledSites: sites, newerField: 'kept' }) < 7980) {
      sites.push(`site-${sites.length}.some-news-site.example.com`);
    }
    const options = await openOptions();
    const storage = sync(options);
    await storage.set({ settings: { disabledSites: sites, newerField: 'kept' } });
    await options.reload();
    const settings = options.getByTestId('settings');
    await settings.getByRole('button', { name: `Remove ${sites[0]}` }).waitFor();

    const add = async (site: string) => {
      await settings.getByLabel('Add a site').fill(site);
      await settings.getByRole('button', { name: 'Add', exact: true }).click();
    };
    await add('one-more-site-past-the-item-quota.example.com');
    await settings.getByRole('button', { name: 'Remove one-more-site-past-the-item-quota.example.com' }).waitFor();
    const stored = await storage.all();
    expect(stored.settings).toEqual({ newerField: 'kept', disabledSitesChunks: expect.anything() });
    expect(Object.keys(stored).filter((key) => key.startsWith('settings.sites.')).length).toBeGreaterThan(1);

    // Fill what is left of storage.sync (102,400 bytes) so that one more site does not fit.
    const left = 102_400 - (await storage.bytesInUse());
    const filler: Record<string, string> = {};
    for (let room = left - 10, index = 0; room > 0; index++) {
      const key = `filler.${index}`;
      const size = Math.min(8000, room);
      filler[key] = 'x'.repeat(Math.max(0, size - key.length - 2));
      room -= itemBytes(key, filler[key]);
    }
    await storage.set(filler);
    await add('a-site-that-does-not-fit.example.com');
    await expect
      .poll(() => settings.getByTestId('settings-error').textContent())
      .toContain('the browser’s storage for synced settings is full');
    expect(await settings.getByLabel('Add a site').inputValue()).toBe('a-site-that-does-not-fit.example.com');
    expect(await settings.getByRole('button', { name: 'Remove a-site-that-does-not-fit.example.com' }).count()).toBe(0);
    expect(Object.keys(await storage.all()).sort()).toEqual(Object.keys({ ...stored, ...filler }).sort());

    await storage.clear();
    await options.close();
  });
});

describe('bad input loses nothing', () => {
  const broken = (mutate: (dataset: Dataset) => void) => {
    const dataset = newerDataset();
    mutate(dataset);
    return JSON.stringify(dataset);
  };
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"format": "talent-overlay-dataset", ', /not JSON/],
    ['another format', JSON.stringify({ format: 'something-else', formatVersion: 1 }), /not a Talent Overlay dataset/],
    [
      'a newer format version',
      broken((d) => ((d as { formatVersion: number }).formatVersion = 2)),
      /Format version 2 is not supported/,
    ],
    ['duplicate ids', broken((d) => d.entities.push(structuredClone(d.entities[0]!))), /duplicate entity id/],
    [
      'a dangling reference',
      broken((d) => (d.claims.at(-1)!.subject = 'person:nobody')),
      /unknown entity 'person:nobody'/,
    ],
    ['a non-http URL', broken((d) => (d.articles.at(-1)!.url = 'javascript:alert(1)')), /articles\[\d+\]\.url/],
    [
      'a quote not in its article',
      broken((d) => (d.claims.at(-1)!.evidence[0]!.quote = '从未说过的话')),
      /quote not found/,
    ],
  ];
  it.each(cases)('refuses %s with a clear error', async (_label, content, expected) => {
    const page = await openOptions();
    await importFile(page, 'bad.json', content);
    await expectRefused(page, expected);
    await page.close();
  });

  it('shows markup in a refused dataset as text', async () => {
    const page = await openOptions();
    const markup = '<img src=x onerror="document.title=1">';
    await importFile(
      page,
      'markup.json',
      broken((d) => (d.claims.at(-1)!.subject = `person:x${markup}` as string)),
    );
    await expectRefused(page, /person:x<img src=x/);
    expect(await page.locator('[data-testid="import-problems"] img').count()).toBe(0);
    await page.close();
  });

  it('refuses a file over the size limit without reading it', async () => {
    const page = await openOptions();
    const path = join(scratch, 'huge.json');
    writeFileSync(path, '');
    // A sparse 300 MB file: its size is known without writing 300 MB.
    const { truncateSync } = await import('node:fs');
    truncateSync(path, 300 * 1024 * 1024);
    await page.getByTestId('file-input').setInputFiles(path);
    await expectRefused(page, /limit is 256 MB/);
    await page.close();
  });

  it.each([
    ['a 404', 'datasets/missing.json', /answered 404/],
    ['a declared size over the limit', 'datasets/huge.json', /larger than the 256 MB limit/],
    ['a network failure', 'http://127.0.0.1:9/nothing.json', /Could not reach/],
    ['a non-http address', 'file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['an HTML page', 'netease-article.html', /sent text\/html, not a JSON file/],
    ['a redirect to http://', 'datasets/redirect.json', /redirected the download to http:\/\/127\.0\.0\.1/],
    ['user info in the address', 'https://trusted@evil.example/d.json', /user name or password/],
    ['a private host', 'https://192.168.1.1/d.json', /private network/],
  ])('refuses %s from a URL', async (_label, target, expected) => {
    const page = await openOptions();
    await downloadFrom(page, target.includes(':') ? target : server.url(target));
    await expectRefused(page, expected);
    await page.close();
  });

  it('says why in the language the reader chose', async () => {
    await setSettings(browser, { language: 'zh-Hant' });
    try {
      const page = await openOptions();
      await importFile(
        page,
        'bad.json',
        broken((d) => (d.claims.at(-1)!.evidence[0]!.quote = '从未说过的话')),
      );
      await expectRefused(page, /在文章「e2e-article」中找不到這段引文：「从未说过的话」/);
      await downloadFrom(page, server.url('datasets/missing.json'), '下載並檢查');
      await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/回傳了 HTTP 狀態 404/);
      await page.close();
    } finally {
      await setSettings(browser, { language: 'auto' });
    }
  });

  it('an import interrupted by closing the page changes nothing', async () => {
    const before = await readDatabase(browser);
    const big = bigDataset();
    const page = await openOptions();
    await importFile(page, 'big.json', JSON.stringify(big));
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await page.getByTestId('apply').click();
    // Close while the install is being written (its progress bar is up), not before it starts.
    await page.getByText('Installing…').waitFor();
    await page.close();
    expect(await readDatabase(browser)).toEqual(before);
  });

  it('marks a page with a large dataset, whose matcher is stored in parts', async () => {
    const page = await openOptions();
    await importFile(page, 'big.json', JSON.stringify(bigDataset()));
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    await page.getByTestId('apply').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    const header = async () =>
      browser.serviceWorker.evaluate(async () => {
        const local = (globalThis as unknown as { chrome: { storage: { local: ChromeLocal } } }).chrome.storage.local;
        const { matcher } = await local.get('matcher');
        return matcher as { parts?: number; compiled: { datasetVersion: string } } | undefined;
      });
    await expect.poll(async () => (await header())?.compiled.datasetVersion, { timeout: 20_000 }).toBe('2099.01.01');
    expect((await header())?.parts).toBeGreaterThan(1);

    server.route('/filler.html', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="zh"><body><main><p>填充12345号与周畅同场，填充7号缺席。</p></main></body></html>',
        ),
    );
    const article = await browser.context.newPage();
    await article.goto(server.url('filler.html'));
    await waitForMarks(article);
    expect((await markedTexts(article)).person.sort()).toEqual(['周畅', '填充12345号', '填充7号'].sort());
    await article.close();

    await page.getByTestId('reset').click();
    await expect.poll(async () => (await readDatabase(browser)).version, { timeout: 20_000 }).toBe(bundled.version);
    await page.close();
  });
});

interface ChromeLocal {
  get(key: string): Promise<Record<string, unknown>>;
}
