/**
 * `npm start`: builds the extension, serves the demo news pages on 127.0.0.1, and opens Chromium
 * with the extension on the NetEase demo page. With a display it stays open until you close the
 * browser; without one it runs headless, hovers a name, saves a screenshot and says where.
 */
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hoverName, launchWithExtension, waitForMarks } from './browser';
import { ARTIFACTS, CHROME_BUILD, ROOT } from './paths';
import { startFixtureServer } from './server';

const DEMO_PAGE = 'netease-article.html';
const HOVER_NAME = '周暢';

async function main() {
  execSync('npm run --silent data:build && npx wxt build', { cwd: ROOT, stdio: 'inherit' });
  const server = await startFixtureServer();
  const headed = Boolean(process.env.DISPLAY) && process.env.HEADLESS !== '1';
  const browser = await launchWithExtension({ headless: !headed, extensionPath: CHROME_BUILD });
  const page = await browser.context.newPage();
  await page.goto(server.url(DEMO_PAGE));
  console.log(`Demo pages: ${server.url(DEMO_PAGE)} and ${server.url('latepost-article.html')}`);

  if (headed) {
    console.log('Chromium is open with the extension loaded. Close the browser window to stop.');
    await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
    await server.close();
    return;
  }

  // Headless: once the page is marked, hover the first mention of the name and photograph the card.
  await waitForMarks(page);
  await hoverName(page, '#post-body', HOVER_NAME);
  await page.waitForTimeout(300);
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, 'demo.png');
  await page.screenshot({ path });
  console.log(`No display, so Chromium ran headless. Hovered ${HOVER_NAME}; screenshot saved to ${path}`);
  await browser.close();
  await server.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
