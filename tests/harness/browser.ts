/**
 * Launches Debian's Chromium with the built extension loaded, through playwright-core.
 * Never downloads a browser. Headless by default; headed when asked and a display exists.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { hasMarks, highlightTexts, textCentre } from './page-side';
import { E2E_BUILD } from './paths';

// The extension API inside the service worker, where `evaluate` callbacks run.
declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** chrome-extension://<id>/<path> */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Chromium's interface language (--lang), e.g. zh-CN. */
  lang?: string;
  extensionPath?: string;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionPath = options.extensionPath ?? E2E_BUILD;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${extensionPath}: build it first (npx wxt build; the tests use npm run build:e2e).`,
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'talent-overlay-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    locale: options.lang,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      // As root the sandbox cannot start; the machine's network is closed, so no background traffic.
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page and waits until the extension's content script has answered for it. */
export async function openArticle(browser: ExtensionBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return page;
}

/** The id Chromium gave a tab, read through the extension's service worker. */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  const id = await browser.serviceWorker.evaluate(async (target: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (typeof id !== 'number') throw new Error(`No tab shows ${url}`);
  return id;
}

/** The centre of the first occurrence of `needle` in the text under `selector`, scrolled into view. */
export async function pointAtText(page: Page, selector: string, needle: string) {
  return page.evaluate(textCentre, { selector, needle });
}

/** The texts of the extension's marks on a page, by kind (read from the CSS highlight registry). */
export async function markedTexts(page: Page): Promise<{ person: string[]; org: string[]; model: string[] }> {
  return page.evaluate(highlightTexts);
}

/** Waits until the page has at least one mark (the content script scans after the page settles). */
export async function waitForMarks(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(hasMarks, undefined, { timeout });
}

/** Changes the extension's settings in storage, as the options page and popup do. */
export async function setSettings(browser: ExtensionBrowser, change: Record<string, unknown>): Promise<void> {
  await browser.serviceWorker.evaluate(async (patch) => {
    const storage = (globalThis as unknown as { chrome: { storage: { sync: ChromeStorageArea } } }).chrome.storage.sync;
    const { settings } = await storage.get('settings');
    await storage.set({ settings: { ...(settings as object), ...patch } });
  }, change);
}

interface ChromeStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Hovers the first occurrence of `text` under `selector` and waits for the card to open. */
export async function hoverName(page: Page, selector: string, text: string) {
  const point = await pointAtText(page, selector, text);
  if (!point) throw new Error(`"${text}" not found under ${selector}`);
  await page.mouse.move(point.x, point.y);
  const host = page.locator('[data-talent-overlay-card]');
  await host.waitFor({ state: 'attached', timeout: 5_000 });
  const card = page.locator('[data-talent-overlay-card] [role="dialog"]');
  // The tests' build leaves the card's shadow root open, so its dialog can be awaited; the build
  // users get (the demo) closes it, and the card is given a moment to render instead.
  if (await host.evaluate((element) => element.shadowRoot !== null))
    await card.waitFor({ state: 'visible', timeout: 5_000 });
  else await page.waitForTimeout(800);
  return card;
}

/** The marks on the whole page, gathered while scrolling through it (marks are painted near the viewport). */
export async function markedTextsWhileScrolling(
  page: Page,
): Promise<{ person: string[]; org: string[]; model: string[] }> {
  const seen = new Map<string, { kind: 'person' | 'org' | 'model'; text: string }>();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const step = await page.evaluate(() => innerHeight);
  for (let y = 0; y < height + step; y += step) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const found = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      const all: { key: string; kind: string; text: string }[] = [];
      // Highlight names number the kinds (painter.ts): 1 person, 2 organisation, 3 model.
      for (const [number, kind] of ['person', 'org', 'model'].entries()) {
        for (const range of registry.get(`talent-overlay-u${number + 1}`) ?? []) {
          // A mark's identity: the path to its text node and its offset.
          const path: number[] = [];
          for (let node: Node | null = range.startContainer; node?.parentNode; node = node.parentNode) {
            path.push([...node.parentNode.childNodes].indexOf(node as ChildNode));
          }
          all.push({ key: `${path.join('.')}:${range.startOffset}`, kind, text: range.toString() });
        }
      }
      return all;
    });
    for (const item of found) seen.set(item.key, { kind: item.kind as 'person', text: item.text });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  const result = { person: [] as string[], org: [] as string[], model: [] as string[] };
  for (const { kind, text } of seen.values()) result[kind].push(text);
  return result;
}

export interface InstalledInDatabase {
  version: string | null;
  origin: string | null;
  entities: number;
  claims: number;
  entityIds: string[];
}

/**
 * What is installed, read straight from the extension's IndexedDB in one of its pages. Waits until
 * the background has installed a dataset (on a fresh profile it is still doing so at first), and
 * never creates the database itself: opening a missing one would make an empty one.
 */
export async function readDatabase(browser: ExtensionBrowser): Promise<InstalledInDatabase> {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('source.html'));
  try {
    return await page.evaluate(async () => {
      const read = () =>
        new Promise<InstalledInDatabase | null>((resolve, reject) => {
          const request = indexedDB.open('talent-overlay');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            try {
              // Entities and claims live in buckets (utils/buckets.ts).
              const tx = db.transaction(['meta', 'entityBuckets', 'claimBuckets'], 'readonly');
              const meta = tx.objectStore('meta').get('installed');
              const entityBuckets = tx.objectStore('entityBuckets').getAll();
              const claimBuckets = tx.objectStore('claimBuckets').getAll();
              tx.onerror = () => reject(tx.error);
              tx.oncomplete = () => {
                db.close();
                const value = meta.result?.value;
                const ids = (entityBuckets.result as { entities: { id: string }[] }[])
                  .flatMap((bucket) => bucket.entities.map((entity) => entity.id))
                  .sort();
                const claims = (claimBuckets.result as { claims: unknown[] }[]).reduce(
                  (sum, bucket) => sum + bucket.claims.length,
                  0,
                );
                resolve(
                  value
                    ? {
                        version: value.version ?? null,
                        origin: value.origin?.kind ?? null,
                        entities: ids.length,
                        claims,
                        entityIds: ids,
                      }
                    : null,
                );
              };
            } catch (error) {
              db.close();
              reject(error);
            }
          };
        });
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const exists = (await indexedDB.databases()).some((info) => info.name === 'talent-overlay');
        const installed = exists ? await read() : null;
        if (installed) return installed;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('No dataset was installed within 20 seconds.');
    });
  } finally {
    await page.close();
  }
}
