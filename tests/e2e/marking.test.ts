import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  hoverName,
  launchWithExtension,
  markedTexts,
  markedTextsWhileScrolling,
  setSettings,
  waitForMarks,
} from '../harness/browser';
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
beforeEach(async () => {
  await setSettings(browser, { enabled: true, disabledSites: [] });
});

async function open(name: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(name));
  return page;
}

describe('marking names', () => {
  it('marks people and organisations on the Traditional-script NetEase page', async () => {
    const page = await open('netease-article.html');
    await waitForMarks(page);
    const marks = await markedTextsWhileScrolling(page);
    expect(marks.person).toEqual(expect.arrayContaining(['周暢', '周靖人', '楊紅霞']));
    expect(marks.org).toEqual(expect.arrayContaining(['通義實驗室', '達摩院']));
    // Names in the search box, the reply textarea, the contenteditable draft and the code sample stay unmarked.
    const unmarked = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const inside = (selector: string) =>
        [...registry.values()].some((set) =>
          [...set].some((range) => document.querySelector(selector)?.contains(range.startContainer)),
        );
      return ['#site-search', '#reply', '#reply-rich', 'pre'].filter(inside);
    });
    expect(unmarked).toEqual([]);
    await page.close();
  });

  it('marks names on the Simplified-script LatePost page', async () => {
    const page = await open('latepost-article.html');
    await waitForMarks(page);
    const marks = await markedTextsWhileScrolling(page);
    expect(marks.person).toEqual(expect.arrayContaining(['周畅', '张一鸣', '杨红霞']));
    expect(marks.org).toEqual(expect.arrayContaining(['字节跳动', '阿里巴巴', '零一万物']));
    // The page names ByteDance in full, so its short form 字节 is corroborated and marked too.
    expect(marks.org).toContain('字节');
    await page.close();
  });

  it('leaves traps unmarked: 字节 as byte, 阿里山, metadata and seeded, names in form fields', async () => {
    const page = await open('traps.html');
    await waitForMarks(page);
    const marks = await markedTexts(page);
    // 李开复 outside the form fields; 王小川 after an inline <code> whose own 周畅 is skipped. Neither is
    // linked by a claim to ByteDance, Alibaba or Meta, so their weak names stay unmarked.
    expect(marks.person.sort()).toEqual(['李开复', '王小川'].sort());
    expect(marks.org).toEqual([]);
    await page.close();
  });

  it('marks a paragraph added after the page loaded', async () => {
    const page = await open('latepost-article.html');
    await waitForMarks(page);
    await page.evaluate(() => {
      const paragraph = document.createElement('p');
      paragraph.id = 'late';
      paragraph.textContent = '据悉，吴永辉已出任字节 Seed 负责人。';
      document.querySelector('#comments')!.append(paragraph);
      // Marks are painted near the viewport; the reader scrolls to the new text.
      paragraph.scrollIntoView();
    });
    await expect
      .poll(async () => (await markedTexts(page)).org, { timeout: 5_000 })
      .toEqual(expect.arrayContaining(['Seed']));
    await page.close();
  });
});

describe('the hover card', () => {
  it('opens on 周暢 with the move to 字节跳动 and its source quote', async () => {
    const page = await open('netease-article.html');
    await waitForMarks(page);
    const card = await hoverName(page, '#post-body', '周暢');
    await expect.poll(() => card.getAttribute('aria-labelledby')).toBeTruthy();
    await expect(card.getByRole('heading', { name: '周畅' }).count()).resolves.toBe(1);
    const moves = card.locator('li.kind-move');
    await expect
      .poll(() => moves.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('字节跳动')]));
    await expect
      .poll(() => card.locator('.quote').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('周暢被字節挖走')]));
    await page.screenshot({ path: join(ARTIFACTS, 'card-netease.png') });
    // It stays open while the pointer moves onto it, and closes on Esc.
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20, { steps: 5 });
    await page.waitForTimeout(400);
    expect(await card.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-talent-overlay-card]').count()).toBe(0);
    await page.close();
  });

  it('opens on the LatePost page, and from the keyboard with Alt+Shift+J', async () => {
    const page = await open('latepost-article.html');
    await waitForMarks(page);
    const card = await hoverName(page, '#post-body', '周畅');
    await expect.poll(() => card.locator('.entity-name').textContent()).toBe('周畅');
    await page.screenshot({ path: join(ARTIFACTS, 'card-latepost.png') });
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('[data-talent-overlay-card]').count(), { timeout: 3_000 }).toBe(0);

    await page.keyboard.press('Alt+Shift+KeyJ');
    const dialog = page.locator('[data-talent-overlay-card] [role="dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await expect
      .poll(() =>
        dialog.evaluate((element) => element.getRootNode() instanceof ShadowRoot && element.matches(':focus')),
      )
      .toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-talent-overlay-card]').count()).toBe(0);
    await page.close();
  });
});

describe('the page stays the page’s own', () => {
  it('turning marking off leaves the HTML exactly as it was', async () => {
    await setSettings(browser, { enabled: false });
    const page = await open('netease-article.html');
    await page.waitForTimeout(1500);
    const before = await page.evaluate(() => document.documentElement.innerHTML);
    expect((await markedTexts(page)).person).toEqual([]);

    await setSettings(browser, { enabled: true });
    await waitForMarks(page);
    await hoverName(page, '#post-body', '周暢');
    await page.keyboard.press('Escape');
    await setSettings(browser, { enabled: false });
    await expect.poll(async () => (await markedTexts(page)).person).toEqual([]);
    const after = await page.evaluate(() => document.documentElement.innerHTML);
    expect(after).toBe(before);
    expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await page.close();
  });

  it('a page whose script re-renders its text keeps working, and its new text is marked', async () => {
    const page = await open('live-page.html');
    await waitForMarks(page);
    await page.click('#more');
    await page.waitForTimeout(1200);
    expect(await page.locator('#health').textContent()).toMatch(/^ok \d+$/);
    const marks = await markedTexts(page);
    expect(marks.person).toEqual(expect.arrayContaining(['林俊旸']));
    await page.close();
  });

  it('honours a site being switched off at once, in an open tab', async () => {
    const page = await open('latepost-article.html');
    await waitForMarks(page);
    await setSettings(browser, { disabledSites: ['127.0.0.1'] });
    await expect.poll(async () => (await markedTexts(page)).org).toEqual([]);
    await setSettings(browser, { disabledSites: [] });
    await waitForMarks(page);
    await page.close();
  });

  it('paints the tinted style under its own highlight names, and goes back to underlines', async () => {
    const page = await open('latepost-article.html');
    await waitForMarks(page);
    const sizes = () =>
      page.evaluate(() => {
        const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
        return {
          underline: registry.get('talent-overlay-u1')?.size ?? 0,
          tinted: registry.get('talent-overlay-t1')?.size ?? 0,
        };
      });
    try {
      await setSettings(browser, { markStyle: 'highlight' });
      await expect.poll(async () => (await sizes()).tinted).toBeGreaterThan(0);
      expect((await sizes()).underline).toBe(0);
      await page.screenshot({ path: join(ARTIFACTS, 'marks-tinted.png') });
    } finally {
      await setSettings(browser, { markStyle: 'underline' });
    }
    await expect.poll(async () => (await sizes()).underline).toBeGreaterThan(0);
    expect((await sizes()).tinted).toBe(0);
    await page.close();
  });
});
