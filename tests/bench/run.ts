/**
 * `npm run bench`: benchmarks that print their figures (medians, and ratios against peers run in
 * the same process and browser), not timed tests. Builds the data first; uses Debian's Chromium.
 */
import { execSync } from 'node:child_process';
import { ROOT } from '../harness/paths';
import { runImportBench } from './import-bench';
import { runMarksReport } from './marks-report';
import { runMatcherBench } from './matcher-bench';
import { runPageBench } from './page-bench';
import { runSearchBench } from './search-bench';
import { runStartupBench } from './startup-bench';

async function main() {
  execSync('npm run --silent data:build && npx wxt build', { cwd: ROOT, stdio: 'ignore' });
  console.log(`${(await runMarksReport()).join('\n')}\n`);
  console.log(`${runMatcherBench().join('\n')}\n`);
  console.log(`${runSearchBench().join('\n')}\n`);
  console.log(`${(await runPageBench()).join('\n')}\n`);
  console.log(`${(await runStartupBench()).join('\n')}\n`);
  console.log(`${(await runImportBench()).join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
