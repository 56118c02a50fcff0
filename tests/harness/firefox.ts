/**
 * Launches Debian's Firefox ESR with the built extension installed, through puppeteer-core.
 *
 * playwright-core drives only its own patched Firefox, which this machine cannot download;
 * puppeteer-core speaks WebDriver BiDi, which a stock Firefox understands, and installs a
 * temporary add-on with `webExtension.install`. Never downloads a browser.
 *
 * Firefox refuses to navigate an automated tab to a moz-extension:// page, so extension pages are
 * reached as a reader reaches them (the card's "Open in Talent Overlay", the popup's settings link)
 * and found with `extensionPage`. Puppeteer reports such a tab's URL as about:blank; its document
 * knows its own address.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { E2E_FIREFOX_BUILD } from './paths';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxWithExtension {
  browser: Browser;
  newPage(): Promise<Page>;
  /** Waits for a tab showing the extension page `path` (e.g. "options.html") and returns it. */
  extensionPage(path: string, timeout?: number): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Waits until `predicate` holds in the page. Unlike puppeteer's waitForFunction and waitForSelector,
 * which build their poller with `new Function`, this works in extension pages, whose CSP forbids
 * that in Firefox 140.
 */
export async function poll(page: Page, predicate: () => boolean, options: { timeout?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeout ?? 10_000);
  while (!(await page.evaluate(predicate).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${predicate.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function launchFirefoxWithExtension(extensionPath = E2E_FIREFOX_BUILD): Promise<FirefoxWithExtension> {
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run npm run build:e2e first.`);
  }
  if (!existsSync(FIREFOX)) {
    throw new Error(`No Firefox at ${FIREFOX}: install Debian's firefox-esr (apt-get install firefox-esr).`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'talent-overlay-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    // The window's own size, not emulation: Firefox 140 lacks the BiDi command setViewport uses.
    defaultViewport: null,
    args: ['--window-size=1280,900'],
    extraPrefsFirefox: {
      // The machine's network is closed: no update checks, telemetry or remote settings.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'services.settings.server': 'http://127.0.0.1:9/',
    },
  });
  await browser.installExtension(extensionPath);

  async function newPage(): Promise<Page> {
    return browser.newPage();
  }

  async function extensionPage(path: string, timeout = 10_000): Promise<Page> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const seen: string[] = [];
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch((error: Error) => `(${error.message})`);
        seen.push(href);
        if (href.startsWith('moz-extension://') && new URL(href).pathname === `/${path}`) {
          await poll(page, () => document.readyState === 'complete');
          return page;
        }
      }
      if (Date.now() > deadline)
        throw new Error(`No tab shows the extension's ${path}; the tabs show ${seen.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  return {
    browser,
    newPage,
    extensionPage,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
