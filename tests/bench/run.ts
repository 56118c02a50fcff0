/**
 * `npm run bench`: benchmarks that print their figures (medians and ratios against peers run in
 * the same process), not timed tests. Needs a built extension and Chromium for the page parts.
 */
import { runMatcherBench } from './matcher-bench';

async function main() {
  const sections: string[][] = [runMatcherBench()];
  for (const section of sections) console.log(`${section.join('\n')}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
