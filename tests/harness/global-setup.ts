/** Builds the end-to-end variant of the Chrome extension once before the end-to-end tests (skipped when the caller just built it). */
import { execSync } from 'node:child_process';
import { ROOT } from './paths';

export default function setup() {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  execSync('npm run data:build && npm run build:e2e', { cwd: ROOT, stdio: 'inherit' });
}
