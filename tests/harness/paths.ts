import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROME_BUILD = join(ROOT, '.output', 'chrome-mv3');
/** The build the end-to-end tests load: see wxt.config.ts. */
export const E2E_BUILD = join(ROOT, '.output', 'e2e', 'chrome-mv3');
export const E2E_FIREFOX_BUILD = join(ROOT, '.output', 'e2e', 'firefox-mv3');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SOURCES = join(ROOT, 'data', 'sources');
export const ARTIFACTS = join(ROOT, 'test-results');
