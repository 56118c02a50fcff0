/** Builds the end-to-end variant of the Chrome extension once before the end-to-end tests (skipped when the caller just built it). */
import { execSync } from 'node:child_process';
import { E2E_BUILD_COMMAND, ROOT } from './paths';

export default function setup() {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execSync(`npm run data:build && ${E2E_BUILD_COMMAND}`, { cwd: ROOT, stdio: 'inherit' });
}
