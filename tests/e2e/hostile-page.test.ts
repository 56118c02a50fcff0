/**
 * A page that attacks the extension (hardening: the card and the start signal). It runs against the
 * build users get (.output/chrome-mv3), whose card has a closed shadow root; the other end-to-end
 * tests load the tests' build, which leaves it open for them to read.
 *
 * The page defines the custom elements the card might use, hides with `!important` whatever an
 * extension adds, listens for any message posted to it, dispatches pointer and key events of its
 * own, forges WXT's start event to switch the content script off, and tries to read and press the
 * card. Each attempt must fail, and the reader's own hover must still open a visible card.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, pointAtText, waitForMarks } from '../harness/browser';
import { ARTIFACTS, CHROME_BUILD } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ extensionPath: CHROME_BUILD });
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Hostile {
  messages: string[];
  constructed: string[];
}

async function openHostile(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url('hostile.html'));
  await waitForMarks(page);
  return page;
}

/** The card's host, as the page sees it: the one element the extension adds beside <body>. */
const cardHost = (page: Page) =>
  page.evaluate(() => {
    const host = [...document.documentElement.children].find(
      (child) => child !== document.head && child !== document.body,
    );
    return host ? { tag: host.localName, shadowRoot: host.shadowRoot !== null, text: host.textContent } : null;
  });

/** Where the page's own hit-testing finds, just below a point (the card opens below its mark). */
const hitBelow = (page: Page, point: { x: number; y: number }) =>
  page.evaluate(({ x, y }) => {
    const found = document.elementFromPoint(x + 24, y + 60);
    return found ? found.localName : null;
  }, point);

describe('a hostile page', () => {
  it('hears no start message and cannot take over the card’s element', async () => {
    const page = await openHostile();
    const point = await pointAtText(page, '#first', '周畅');
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => cardHost(page), { timeout: 5_000 }).not.toBeNull();
    const hostile = await page.evaluate(() => (window as unknown as { hostile: Hostile }).hostile);
    expect(hostile.messages).toEqual([]);
    expect(hostile.constructed).toEqual([]);
    await page.close();
  });

  it('cannot read the card, hide it with !important rules, or press its buttons', async () => {
    const page = await openHostile();
    const pagesBefore = browser.context.pages().length;
    const point = await pointAtText(page, '#first', '周畅');
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => cardHost(page), { timeout: 5_000 }).not.toBeNull();
    // Closed: nothing of the card is in the page's reach.
    const host = await cardHost(page);
    expect(host).toMatchObject({ shadowRoot: false, text: '' });
    const serialized = await page.evaluate(() => {
      const element = [...document.documentElement.children].find(
        (child) => child !== document.head && child !== document.body,
      ) as Element & { getHTML(options: { serializableShadowRoots: boolean }): string };
      return element.getHTML({ serializableShadowRoots: true });
    });
    expect(serialized).toBe('');
    // Shown despite the page's rules: the page's own hit-testing lands on it, below the mark.
    await expect.poll(() => hitBelow(page, point!)).toBe(host!.tag);
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-card.png') });
    // Clicks and keys the page dispatches at the host reach none of its buttons: no tab opens.
    await page.evaluate(() => {
      const element = [...document.documentElement.children].find(
        (child) => child !== document.head && child !== document.body,
      )!;
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        element.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
      }
      element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    });
    await page.waitForTimeout(500);
    expect(browser.context.pages().length).toBe(pagesBefore);
    await page.close();
  });

  it('cannot open a card with pointer and key events of its own', async () => {
    const page = await openHostile();
    const point = await pointAtText(page, '#second', '林俊旸');
    await page.evaluate(({ x, y }) => {
      for (const target of [window, document, document.body]) {
        target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));
        target.dispatchEvent(
          new KeyboardEvent('keydown', { code: 'KeyJ', key: 'J', altKey: true, shiftKey: true, bubbles: true }),
        );
      }
    }, point!);
    await page.waitForTimeout(1_000);
    expect(await cardHost(page)).toBeNull();
    // The reader's own key still works.
    await page.keyboard.press('Alt+Shift+KeyJ');
    await expect.poll(() => cardHost(page), { timeout: 5_000 }).not.toBeNull();
    await page.close();
  });

  it('cannot switch the extension off by forging its start event', async () => {
    const page = await openHostile();
    const id = browser.extensionId;
    await page.evaluate((extensionId) => {
      for (const name of [`${extensionId}:content:wxt:content-script-started`, 'wxt:content-script-started']) {
        const detail = { contentScriptName: 'content', messageId: 'forged' };
        document.dispatchEvent(new CustomEvent(name, { detail }));
        window.postMessage({ type: name, ...detail }, '*');
      }
    }, id);
    // Still marking what the page adds, and still opening cards for the reader.
    await page.evaluate(() => {
      const added = document.createElement('p');
      added.id = 'added';
      added.textContent = '新加入的一段提到了罗福莉。';
      document.body.append(added);
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].some((set) =>
            [...set].some((range) => range.toString() === '罗福莉'),
          ),
        ),
      )
      .toBe(true);
    const point = await pointAtText(page, '#added', '罗福莉');
    await page.mouse.move(point!.x, point!.y);
    await expect.poll(() => cardHost(page), { timeout: 5_000 }).not.toBeNull();
    await page.close();
  });
});
