/**
 * Accessibility and languages: axe-core finds no violations on the popup, the options page and an
 * open hover card, in light and dark schemes; the popup follows the browser's language (--lang);
 * the options page, the popup and the card work from the keyboard alone, with focus always visible.
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
    expect(await violations(page, '[data-talent-overlay-card]')).toEqual([]);
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

/** The element with keyboard focus, looking into shadow roots, and whether its focus can be seen. */
async function focusedControl(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const labelled = element as HTMLInputElement;
    const label =
      element.getAttribute('aria-label') ??
      labelled.labels?.[0]?.textContent ??
      (element.textContent || (element as HTMLInputElement).value || element.getAttribute('type') || '');
    const rect = element.getBoundingClientRect();
    return {
      name: `${element.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`,
      focusVisible: element.matches(':focus-visible') && (outlined || style.boxShadow !== 'none'),
      top: rect.top + scrollY,
      /** Inside a shadow root: the card's. */
      inShadow: element.getRootNode() !== document,
    };
  });
}

/** The page's tab stops in DOM order, as the browser should visit them (one per radio group). */
async function expectedTabStops(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]';
    const stops: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.tabIndex < 0 || element.getClientRects().length === 0) continue;
      const input = element as HTMLInputElement;
      if (input.type === 'radio' && !input.checked) continue;
      const label =
        element.getAttribute('aria-label') ??
        input.labels?.[0]?.textContent ??
        (element.textContent || input.value || element.getAttribute('type') || '');
      stops.push(`${element.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`);
    }
    return stops;
  });
}

/** Presses Tab (or Shift+Tab) through `count` stops: what got focus, where, and whether it could be seen. */
async function tabThrough(page: Page, count: number, key = 'Tab') {
  const visited: string[] = [];
  const unseen: string[] = [];
  const tops: number[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press(key);
    const control = await focusedControl(page);
    if (!control) break;
    visited.push(control.name);
    tops.push(control.top);
    if (!control.focusVisible) unseen.push(control.name);
  }
  return { visited, unseen, tops };
}

describe('from the keyboard alone', () => {
  it('the options page: Tab visits every control in reading order with visible focus; Space sets one', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    await page.getByTestId('settings').waitFor();
    const expected = await expectedTabStops(page);
    expect(expected.length).toBeGreaterThan(10);
    const { visited, unseen, tops } = await tabThrough(page, expected.length);
    expect(visited).toEqual(expected);
    expect(unseen).toEqual([]);
    // Reading order: no stop sits above the line of the one before it.
    for (let i = 1; i < tops.length; i++) expect(tops[i]).toBeGreaterThanOrEqual(tops[i - 1]! - 8);

    // Back up to the "People" checkbox with Shift+Tab and switch it with Space.
    const people = `input "${await page.getByLabel('People').evaluate((element) => (element as HTMLInputElement).labels![0]!.textContent!.trim())}"`;
    for (let i = 0; i < expected.length && (await focusedControl(page))?.name !== people; i++) {
      await page.keyboard.press('Shift+Tab');
    }
    expect((await focusedControl(page))?.name).toBe(people);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByLabel('People').isChecked()).toBe(false);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByLabel('People').isChecked()).toBe(true);
    await page.close();
  });

  it('the popup: type, arrow to a result, Enter opens it, Tab reaches back, Enter goes back', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.goto(browser.extensionUrl('popup.html'));
    // The search box has focus on opening.
    await expect.poll(async () => (await focusedControl(popup))?.name).toMatch(/^input/);
    await popup.keyboard.type('林俊');
    await popup.locator('.result').first().waitFor();
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('Enter');
    await popup.locator('.entity-name').first().waitFor();
    expect(await popup.locator('.entity-name').first().textContent()).toBe('林俊旸');
    // Focus moves to the back button, which can be seen.
    const back = await focusedControl(popup);
    expect(back?.name).toMatch(/^button "← /);
    expect(back?.focusVisible).toBe(true);
    const { unseen } = await tabThrough(popup, 6);
    expect(unseen).toEqual([]);
    await popup.keyboard.press('Shift+Tab');
    for (let i = 0; i < 8 && !(await focusedControl(popup))?.name.startsWith('button "← '); i++) {
      await popup.keyboard.press('Shift+Tab');
    }
    await popup.keyboard.press('Enter');
    await popup.getByRole('combobox').waitFor();
    await popup.close();
  });

  it('the card: Alt+Shift+J opens it with focus inside, Tab moves through it visibly, Esc closes it', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('latepost-article.html'));
    await waitForMarks(page);
    await page.keyboard.press('Alt+Shift+KeyJ');
    const dialog = page.locator('[data-talent-overlay-card] [role="dialog"]');
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(async () => (await focusedControl(page))?.name).toMatch(/^div/);
    // Tab goes through the card's buttons (sources, open in search), each focus visible, then on to the page.
    const inCard: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const control = await focusedControl(page);
      if (!control?.inShadow) break;
      inCard.push(control.name);
      expect(control.focusVisible, control.name).toBe(true);
    }
    expect(inCard.length).toBeGreaterThan(0);
    expect(inCard.every((name) => name.startsWith('button'))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect((await focusedControl(page))?.inShadow).toBe(true);
    // Alt+Shift+J again, from inside the card, moves on through the marks to another name.
    const first = await dialog.locator('.entity-name').textContent();
    const names = new Set<string>();
    for (let i = 0; i < 10 && names.size < 2; i++) {
      await page.keyboard.press('Alt+Shift+KeyJ');
      await page.waitForTimeout(100);
      names.add((await dialog.locator('.entity-name').textContent()) ?? '');
      names.add(first ?? '');
    }
    expect(names.size).toBe(2);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-talent-overlay-card]').count()).toBe(0);
    await page.close();
  });
});
