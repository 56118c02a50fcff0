/** The options page's import, as Preact state: import-controller.ts with the real worker. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/utils/messaging';
import { ImportController, type ImportState } from './import-controller';

export type { ImportState } from './import-controller';

/**
 * The end-to-end tests' build (TALENT_OVERLAY_E2E=1) may import from its fixture server on
 * 127.0.0.1; every other build refuses loopback and private hosts (wxt.config.ts defines it).
 */
const E2E_LOOPBACK = import.meta.env.TALENT_OVERLAY_E2E === true;

export function useImport(onInstalled: () => void): { state: ImportState; importer: ImportController } {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const controller = useRef<ImportController | null>(null);
  const installed = useRef(onInstalled);
  installed.current = onInstalled;
  if (!controller.current) {
    controller.current = new ImportController({
      createWorker: () =>
        new Worker(new URL('../../utils/import/import-worker.ts', import.meta.url), { type: 'module' }),
      onChange: setState,
      // Content scripts and search follow the new dataset once the background recompiles.
      onInstalled: () => void sendMessage('datasetChanged').finally(() => installed.current()),
      requestPermission: (origin) => browser.permissions.request({ origins: [origin] }),
      // A host the manifest grants (the tests' build) cannot be removed: that refusal is expected.
      releasePermission: (origin) => browser.permissions.remove({ origins: [origin] }).catch(() => false),
      address: { allowLoopback: E2E_LOOPBACK },
    });
  }
  useEffect(() => () => controller.current?.dispose(), []);
  return { state, importer: controller.current };
}
