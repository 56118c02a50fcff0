/**
 * The Firefox build in Debian's Firefox ESR: marking, the card, the search view, importing into
 * IndexedDB, and turning marking off. The same fixtures as the Chromium tests, driven through
 * puppeteer-core (see tests/harness/firefox.ts for why not playwright-core).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled, serveNewerDataset } from '../harness/datasets';
import { type FirefoxWithExtension, launchFirefoxWithExtension, poll } from '../harness/firefox';
import { hasMarks, highlightTexts, textCentre } from '../harness/page-side';
import { ARTIFACTS } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

let server: FixtureServer;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startFixtureServer();
  serveNewerDataset(server);
  firefox = await launchFirefoxWithExtension();
}, 60_000);
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

async function open(name: string): Promise<Page> {
  const page = await firefox.newPage();
  await page.goto(server.url(name));
  return page;
}

type Marks = { person: string[]; org: string[]; model: string[] };

function markedTexts(page: Page): Promise<Marks> {
  return page.evaluate(highlightTexts);
}

/** The marks on the whole page, gathered while scrolling (marks are painted near the viewport). */
async function markedTextsWhileScrolling(page: Page): Promise<Marks> {
  const seen = { person: new Set<string>(), org: new Set<string>(), model: new Set<string>() };
  const { height, step } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    step: innerHeight,
  }));
  for (let y = 0; y < height + step; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const marks = await markedTexts(page);
    for (const kind of ['person', 'org', 'model'] as const) for (const text of marks[kind]) seen[kind].add(text);
  }
  return { person: [...seen.person], org: [...seen.org], model: [...seen.model] };
}

async function waitForMarks(page: Page): Promise<void> {
  await page.waitForFunction(hasMarks, { timeout: 15_000 });
}

/** Moves the pointer onto the first `text` under `selector` and waits for the card to show its content. */
async function hoverName(page: Page, selector: string, text: string) {
  const point = await page.evaluate(textCentre, { selector, needle: text });
  if (!point) throw new Error(`"${text}" not found under ${selector}`);
  await page.mouse.move(point.x, point.y);
  const card = await page.waitForSelector('[data-talent-overlay-card] >>> [role="dialog"] .entity-name', {
    visible: true,
    timeout: 5_000,
  });
  return card!;
}

/** The card's text, section by section (shadow DOM, so read through the host's open root). */
function cardText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('[data-talent-overlay-card]')?.shadowRoot?.textContent ?? '');
}

describe('the Firefox build in Firefox ESR', () => {
  it('marks names in both scripts', async () => {
    const netease = await open('netease-article.html');
    await waitForMarks(netease);
    const traditional = await markedTextsWhileScrolling(netease);
    expect(traditional.person).toEqual(expect.arrayContaining(['周暢', '周靖人', '楊紅霞']));
    expect(traditional.org).toEqual(expect.arrayContaining(['通義實驗室', '達摩院']));
    await netease.close();

    const latepost = await open('latepost-article.html');
    await waitForMarks(latepost);
    const simplified = await markedTextsWhileScrolling(latepost);
    expect(simplified.person).toEqual(expect.arrayContaining(['周畅', '张一鸣', '杨红霞']));
    expect(simplified.org).toEqual(expect.arrayContaining(['字节跳动', '阿里巴巴', '字节']));
    await latepost.close();
  });

  it('leaves the traps unmarked', async () => {
    const page = await open('traps.html');
    await waitForMarks(page);
    const marks = await markedTexts(page);
    // 李开复 outside the form fields; 王小川 after an inline <code> whose own 周畅 is skipped.
    expect(marks.person.sort()).toEqual(['李开复', '王小川'].sort());
    expect(marks.org).toEqual([]);
    await page.close();
  });

  it('opens the card on 周暢 with the move to 字节跳动 and its quote, and the search view from it', async () => {
    const page = await open('netease-article.html');
    await waitForMarks(page);
    const name = await hoverName(page, '#post-body', '周暢');
    expect(await name.evaluate((element) => element.textContent)).toBe('周畅');
    await expect.poll(() => cardText(page)).toContain('字节跳动');
    const dialog = await page.$('[data-talent-overlay-card] >>> [role="dialog"]');
    const labelled = await dialog!.evaluate((element) => {
      const id = element.getAttribute('aria-labelledby');
      return id
        ? element.getRootNode() instanceof ShadowRoot &&
            (element.getRootNode() as ShadowRoot).getElementById(id)?.textContent
        : null;
    });
    expect(labelled).toBe('周畅');
    const quotes = await page.$$eval('[data-talent-overlay-card] >>> .quote', (nodes) =>
      nodes.map((node) => node.textContent),
    );
    expect(quotes.some((quote) => quote?.includes('字节'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'firefox-card.png') });

    const openInSearch = await page.$$('[data-talent-overlay-card] >>> footer button.link');
    await openInSearch.at(-1)!.click();
    const search = await firefox.extensionPage('popup.html');
    await poll(search, () => !!document.querySelector('button.back') && document.body.innerText.includes('周畅'));
    await search.screenshot({ path: join(ARTIFACTS, 'firefox-search-view.png') });
    await page.close();
  });

  it('searches from the search view and opens the options page', async () => {
    const search = await firefox.extensionPage('popup.html');
    await search.click('button.back');
    await search.type('input[role="combobox"]', '林俊旸');
    await poll(search, () => !!document.querySelector('.result[data-entity="person:lin-junyang"]'));
    const settingsLink = await search.$$('footer button.link');
    await settingsLink.at(-1)!.click();
    const options = await firefox.extensionPage('options.html');
    await expect
      .poll(() => options.$eval('[data-testid="dataset-summary"]', (element) => element.textContent))
      .toContain(bundled.version);
  });

  it('imports a dataset from a URL into IndexedDB, and its new person is marked', async () => {
    const options = await firefox.extensionPage('options.html');
    await options.type('[data-testid="url-input"]', server.url('datasets/newer.json'));
    await options.click('button::-p-text(Download and check)');
    // The fixture server is plain http://: the reader confirms the warning first.
    await poll(options, () => !!document.querySelector('[data-testid="import-http-confirm"]'));
    await options.click('[data-testid="import-http-confirm"]');
    await poll(options, () => !!document.querySelector('[data-testid="import-preview"]'), { timeout: 20_000 });
    await options.click('[data-testid="apply"]');
    await poll(options, () => !!document.querySelector('[data-testid="import-done"]'), { timeout: 20_000 });
    await expect
      .poll(() => options.$eval('[data-testid="dataset-summary"]', (element) => element.textContent))
      .toContain('2099.01.01');
    await options.screenshot({ path: join(ARTIFACTS, 'firefox-options.png'), fullPage: true });

    const article = await open('new-person.html');
    await waitForMarks(article);
    expect((await markedTexts(article)).person).toEqual(['王小测']);
    await article.close();

    await options.click('[data-testid="reset"]');
    await expect
      .poll(() => options.$eval('[data-testid="dataset-summary"]', (element) => element.textContent), {
        timeout: 20_000,
      })
      .toContain(bundled.version);
  });

  it('turning marking off leaves the page exactly as it was', async () => {
    const page = await open('netease-article.html');
    const pristine = await page.evaluate(() => document.documentElement.innerHTML);
    await waitForMarks(page);
    const options = await firefox.extensionPage('options.html');
    const enabled = await options.$('[data-testid="settings"] input[type="checkbox"]');
    await enabled!.click();
    await expect.poll(async () => (await markedTexts(page)).org.length).toBe(0);
    expect(await page.evaluate(() => document.documentElement.innerHTML)).toBe(pristine);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await enabled!.click();
    await expect.poll(async () => (await markedTexts(page)).org.length).toBeGreaterThan(0);
    await page.close();
  });
});
