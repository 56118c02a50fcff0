/**
 * Importing a large dataset through the options page in Chromium, as a user does: choose the file,
 * wait for the preview (read, validate, compare), apply (one transaction). Prints each phase's time,
 * how the progress bar moved, and the browser's peak memory (resident set of all its processes).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../harness/browser';
import { CHROME_BUILD } from '../harness/paths';
import { loadBundledDataset, table } from './measure';
import { syntheticDataset } from './synthetic';

/** Resident memory of every Chromium process, in MB. */
function chromiumResidentMb(): number {
  const out = execSync('ps -C chromium -o rss= || true').toString();
  return out
    .split('\n')
    .map(Number)
    .filter((kb) => kb > 0)
    .reduce((sum, kb) => sum + kb / 1024, 0);
}

interface ProgressSample {
  at: number;
  phase: string;
  value: number | null;
}

export async function runImportBench(entityCount = 100_000): Promise<string[]> {
  const dataset = syntheticDataset(loadBundledDataset(), entityCount);
  const scratch = mkdtempSync(join(tmpdir(), 'talent-overlay-import-'));
  const file = join(scratch, 'large.json');
  const json = JSON.stringify(dataset);
  writeFileSync(file, json);
  const browser = await launchWithExtension({ extensionPath: CHROME_BUILD });
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    await page.getByTestId('dataset-summary').waitFor();
    // The page records what its progress bar shows, every 100 ms (the work runs in a worker).
    await page.evaluate(() => {
      const samples: ProgressSample[] = [];
      (globalThis as unknown as { progressSamples: ProgressSample[] }).progressSamples = samples;
      const started = performance.now();
      setInterval(() => {
        const status = document.querySelector('[data-testid="import-progress"]');
        if (!status) return;
        const bar = status.querySelector('progress');
        samples.push({
          at: performance.now() - started,
          phase: status.querySelector('p')?.textContent ?? '',
          value: bar?.hasAttribute('value') ? bar.value : null,
        });
      }, 100);
    });

    const baseline = chromiumResidentMb();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, chromiumResidentMb());
    }, 250);

    const t0 = performance.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor({ timeout: 180_000 });
    const preview = performance.now() - t0;
    const t1 = performance.now();
    await page.getByTestId('apply').click();
    await page.getByTestId('import-done').waitFor({ timeout: 180_000 });
    const apply = performance.now() - t1;
    clearInterval(sampler);

    const samples = await page.evaluate(
      () => (globalThis as unknown as { progressSamples: ProgressSample[] }).progressSamples,
    );
    const installing = samples.filter((sample) => sample.phase.startsWith('Install') && sample.value !== null);
    const crossing = (share: number) => installing.find((sample) => sample.value! >= share)?.at ?? Number.NaN;
    const timeline = [0, 0.25, 0.5, 0.75, 1]
      .map((share) => `${share}: ${(crossing(share) / 1000).toFixed(1)} s`)
      .join(', ');
    const phases = new Map<string, number[]>();
    for (const sample of samples) {
      const values = phases.get(sample.phase) ?? [];
      if (sample.value !== null) values.push(sample.value);
      phases.set(sample.phase, values);
    }
    const rows: (string | number)[][] = [
      ['step', 'seconds'],
      ['read, validate and compare (until the preview)', (preview / 1000).toFixed(1)],
      ['apply (one transaction)', (apply / 1000).toFixed(1)],
      ['total', ((preview + apply) / 1000).toFixed(1)],
    ];
    const progress = [...phases].map(([phase, values]) => {
      const distinct = [...new Set(values.map((value) => value.toFixed(2)))];
      return `  ${phase || '(no label)'} ${values.length} samples, ${distinct.length} distinct values from ${distinct[0] ?? '-'} to ${distinct.at(-1) ?? '-'}`;
    });
    return [
      `Importing ${dataset.entities.length.toLocaleString('en')} entities and ${dataset.claims.length.toLocaleString('en')} claims (${(json.length / 1e6).toFixed(0)} MB of JSON) through the options page in Chromium`,
      table(rows),
      `Install progress crossed (page clock): ${timeline}`,
      'Progress bar, sampled every 100 ms:',
      ...progress,
      `Browser memory (resident, all processes): ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - baseline).toFixed(0)} MB)`,
    ];
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
