/** The options page's side of the import worker: one request at a time, with its progress. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '@/utils/i18n';
import type { DatasetDiff } from '@/utils/import/diff';
import { workerErrorMessage } from '@/utils/import/problem-text';
import type { ImportProblem } from '@/utils/import/validate';
import type { WorkerPhase, WorkerRequest, WorkerResponse } from '@/utils/import/worker-protocol';
import { sendMessage } from '@/utils/messaging';
import type { DatasetOrigin, InstalledDataset } from '@/utils/protocol';

export type ImportState =
  | { step: 'idle' }
  | { step: 'busy'; phase: WorkerPhase | 'downloading'; share: number }
  | { step: 'invalid'; problems: ImportProblem[]; total: number }
  | { step: 'preview'; diff: DatasetDiff; incoming: InstalledDataset; autoApply: boolean }
  | { step: 'installed'; info: InstalledDataset }
  | { step: 'error'; message: Message };

export function useImport(onInstalled: () => void) {
  const worker = useRef<Worker | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const autoApply = useRef(false);
  const exported = useRef<((json: string, version: string) => void) | null>(null);

  useEffect(() => {
    const created = new Worker(new URL('../../utils/import/import-worker.ts', import.meta.url), { type: 'module' });
    worker.current = created;
    created.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      switch (response.type) {
        case 'progress':
          return setState({ step: 'busy', phase: response.phase, share: response.share });
        case 'invalid':
          return setState({ step: 'invalid', problems: response.problems, total: response.total });
        case 'preview':
          if (autoApply.current) {
            autoApply.current = false;
            return created.postMessage({ type: 'apply' } satisfies WorkerRequest);
          }
          return setState({ step: 'preview', diff: response.diff, incoming: response.incoming, autoApply: false });
        case 'installed':
          // Content scripts and search follow the new dataset once the background recompiles.
          void sendMessage('datasetChanged').finally(onInstalled);
          return setState({ step: 'installed', info: response.info });
        case 'exported':
          setState({ step: 'idle' });
          return exported.current?.(response.json, response.version);
        case 'error':
          return setState({ step: 'error', message: workerErrorMessage(response.error) });
      }
    });
    return () => created.terminate();
  }, [onInstalled]);

  const post = (request: WorkerRequest) => worker.current?.postMessage(request);
  return {
    state,
    busy: () => setState({ step: 'busy', phase: 'downloading', share: 0 }),
    /** Shows why the import stopped, said in the interface language when it renders. */
    fail: (message: Message) => setState({ step: 'error', message }),
    read(json: string, origin: DatasetOrigin, { apply = false } = {}) {
      autoApply.current = apply;
      setState({ step: 'busy', phase: 'validating', share: 0 });
      post({ type: 'read', json, origin });
    },
    apply() {
      setState({ step: 'busy', phase: 'writing', share: 0 });
      post({ type: 'apply' });
    },
    discard() {
      post({ type: 'discard' });
      setState({ step: 'idle' });
    },
    rollback() {
      setState({ step: 'busy', phase: 'writing', share: 0 });
      post({ type: 'rollback' });
    },
    exportDataset(save: (json: string, version: string) => void) {
      exported.current = save;
      setState({ step: 'busy', phase: 'reading', share: 0 });
      post({ type: 'export' });
    },
  };
}
