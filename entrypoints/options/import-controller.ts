/**
 * The options page's side of an import, without Preact (use-import.ts wraps it; tests drive it with
 * the worker's service in-process): one import at a time, its progress, and its Cancel.
 *
 * - A second import while one runs is refused, not queued: the page says so and the first goes on
 *   (queueing would apply a file the reader may have forgotten dropping).
 * - Cancel while downloading aborts the download; while checking or comparing (which run without
 *   a pause in the worker) it ends the worker and starts a fresh one, as nothing has been written;
 *   while installing it asks the worker to abort the transaction, which leaves the installed
 *   dataset as it was, unless it has already committed: then the page says it was too late.
 * - A worker that fails (`error`, `messageerror`) ends the busy state with a message, and a fresh
 *   worker takes its place.
 */
import type { Message } from '@/utils/i18n';
import type { DatasetDiff } from '@/utils/import/diff';
import {
  type AddressOptions,
  DownloadError,
  type DownloadOptions,
  downloadDataset,
  needsHttpWarning,
  parseDatasetUrl,
} from '@/utils/import/download';
import { MAX_DATASET_BYTES, tooLargeParams } from '@/utils/import/limits';
import { errorMessage, workerErrorMessage } from '@/utils/import/problem-text';
import type { ImportProblem } from '@/utils/import/validate';
import type { WorkerPhase, WorkerRequest, WorkerResponse } from '@/utils/import/worker-protocol';
import type { DatasetOrigin, InstalledDataset } from '@/utils/protocol';

export type ImportState =
  | { step: 'idle' }
  | {
      step: 'busy';
      phase: WorkerPhase | 'downloading';
      share: number;
      /** Cancel was asked for; the worker has not answered yet. */
      cancelling?: boolean;
      /** A second import was refused while this one runs. */
      refusedSecond?: boolean;
    }
  /** A plain http:// address waits for the reader to confirm the warning. */
  | { step: 'confirmHttp'; url: string; host: string }
  | { step: 'invalid'; problems: ImportProblem[]; total: number }
  | { step: 'preview'; diff: DatasetDiff; incoming: InstalledDataset }
  /** `tooLate`: Cancel was asked for after the install had committed. */
  | { step: 'installed'; info: InstalledDataset; tooLate?: boolean }
  | { step: 'cancelled' }
  | { step: 'error'; message: Message };

/** What the controller needs of a Worker (a real one, or a fake in tests). */
export interface WorkerLike {
  postMessage(request: WorkerRequest): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
}

export interface ImportControllerOptions {
  createWorker: () => WorkerLike;
  onChange: (state: ImportState) => void;
  /** The installed dataset may have changed (installed, rolled back, or a worker died mid-way). */
  onInstalled: () => void;
  /** Asks for the host permission; called at once, while the click is still a user gesture. */
  requestPermission?: (origin: string) => Promise<boolean>;
  /** Gives the host permission back once the download has ended, however it ended. */
  releasePermission?: (origin: string) => Promise<unknown>;
  download?: (url: URL, options: DownloadOptions) => Promise<string>;
  /** The end-to-end build's allowance for its fixture server on 127.0.0.1 (download.ts). */
  address?: AddressOptions;
}

/** A file as the page gets it (a File, or anything with a size, a name and its text). */
export interface FileLike {
  size: number;
  name: string;
  text(): Promise<string>;
}

export class ImportController {
  state: ImportState = { step: 'idle' };
  private worker: WorkerLike;
  private autoApply = false;
  private exported: ((json: string, version: string) => void) | null = null;
  /** The download under way, which Cancel aborts. */
  private download: AbortController | null = null;
  private refusedSecond = false;
  private cancelRequested = false;

  constructor(private readonly options: ImportControllerOptions) {
    this.worker = this.startWorker();
  }

  get busy(): boolean {
    return this.state.step === 'busy';
  }

  dispose(): void {
    this.download?.abort();
    this.worker.terminate();
  }

  /** Reads a file the reader chose or dropped; refused while another import runs. */
  async importFile(file: FileLike): Promise<void> {
    if (!this.begin()) return;
    // Refused before reading: a file's size is known without loading it.
    if (file.size > MAX_DATASET_BYTES) {
      this.finish({
        step: 'error',
        message: { key: 'problem_fileTooLarge', values: tooLargeParams(file.size) },
      });
      return;
    }
    // Reading the file: a Cancel now is seen once it is read.
    this.set({ step: 'busy', phase: 'downloading', share: 0 });
    let json: string;
    try {
      json = await file.text();
    } catch (error) {
      this.finish({ step: 'error', message: errorMessage(error) });
      return;
    }
    if (this.cancelRequested) {
      this.finish({ step: 'cancelled' });
      return;
    }
    this.read(json, { kind: 'file', name: file.name });
  }

  /**
   * Downloads and reads the dataset at the address the reader typed. A plain http:// address first
   * waits for the reader to confirm (`confirmHttp`, then call again with `httpConfirmed`).
   */
  importUrl(input: string, { httpConfirmed = false } = {}): void {
    if (this.busy) {
      this.refuseSecond();
      return;
    }
    let target: URL;
    try {
      target = parseDatasetUrl(input, this.options.address);
    } catch (error) {
      this.finish({ step: 'error', message: errorMessage(error) });
      return;
    }
    if (needsHttpWarning(target) && !httpConfirmed) {
      this.set({ step: 'confirmHttp', url: target.href, host: target.host });
      return;
    }
    // The host permission is asked for now, while the click is still a user gesture, and given
    // back once the download has ended: one import is no reason to keep reading that site.
    const origin = `${target.origin}/*`;
    const permission = this.options.requestPermission?.(origin) ?? Promise.resolve(true);
    if (!this.begin()) return;
    const controller = new AbortController();
    this.download = controller;
    this.set({ step: 'busy', phase: 'downloading', share: 0 });
    const download = this.options.download ?? downloadDataset;
    void permission
      .then(async (granted) => {
        if (controller.signal.aborted) throw new DownloadError('cancelled', {});
        if (!granted) {
          this.finish({ step: 'error', message: { key: 'permissionRefused', values: { host: target.host } } });
          return;
        }
        const json = await download(target, {
          ...this.options.address,
          allowHttp: httpConfirmed,
          signal: controller.signal,
        }).finally(() => this.options.releasePermission?.(origin));
        if (this.download !== controller) return;
        this.download = null;
        this.read(json, { kind: 'url', url: target.href });
      })
      .catch((error: unknown) => {
        if (this.download !== controller) return;
        this.download = null;
        const cancelled = error instanceof DownloadError && error.code === 'cancelled';
        this.finish(cancelled ? { step: 'cancelled' } : { step: 'error', message: errorMessage(error) });
      });
  }

  /** Installs the bundled dataset again (its text fetched by the caller). */
  async resetToBundled(fetchBundled: () => Promise<string>): Promise<void> {
    if (!this.begin()) return;
    this.set({ step: 'busy', phase: 'downloading', share: 0 });
    try {
      const json = await fetchBundled();
      if (this.cancelRequested) {
        this.finish({ step: 'cancelled' });
        return;
      }
      this.read(json, { kind: 'bundled' }, { apply: true });
    } catch (error) {
      this.finish({ step: 'error', message: errorMessage(error) });
    }
  }

  apply(): void {
    if (this.busy) {
      this.refuseSecond();
      return;
    }
    this.begin();
    this.worker.postMessage({ type: 'apply' });
    this.set({ step: 'busy', phase: 'writing', share: 0 });
  }

  discard(): void {
    if (this.busy) return;
    this.worker.postMessage({ type: 'discard' });
    this.set({ step: 'idle' });
  }

  rollback(): void {
    if (!this.begin()) return;
    this.worker.postMessage({ type: 'rollback' });
    this.set({ step: 'busy', phase: 'writing', share: 0 });
  }

  exportDataset(save: (json: string, version: string) => void): void {
    if (!this.begin()) return;
    this.exported = save;
    this.worker.postMessage({ type: 'export' });
    this.set({ step: 'busy', phase: 'reading', share: 0 });
  }

  /** Stops what runs, wherever it is (see the module's comment); a reader waiting on the http warning goes back. */
  cancel(): void {
    if (this.state.step === 'confirmHttp') {
      this.set({ step: 'idle' });
      return;
    }
    if (this.state.step !== 'busy' || this.cancelRequested) return;
    this.cancelRequested = true;
    const { phase } = this.state;
    if (this.download) {
      // Downloading: the download rejects with `cancelled`, which ends the import.
      this.set({ ...this.state, cancelling: true });
      this.download.abort();
    } else if (phase === 'writing') {
      // Installing: only the worker knows whether the transaction has committed; it answers.
      this.set({ ...this.state, cancelling: true });
      this.worker.postMessage({ type: 'cancel' });
    } else if (phase === 'downloading') {
      // Fetching the bundled file or reading a file: stopped where it next looks.
      this.set({ ...this.state, cancelling: true });
    } else {
      // Checking, comparing or reading: nothing is being written, so the worker can simply go.
      this.replaceWorker();
      this.finish({ step: 'cancelled' });
    }
  }

  private read(json: string, origin: DatasetOrigin, { apply = false } = {}): void {
    this.autoApply = apply;
    // Posted before the state changes, so a Cancel the change prompts reaches the request.
    this.worker.postMessage({ type: 'read', json, origin });
    this.set({ step: 'busy', phase: 'validating', share: 0 });
  }

  /** Starts an import unless one runs (then it is refused and the page says so). */
  private begin(): boolean {
    if (this.busy) {
      this.refuseSecond();
      return false;
    }
    this.refusedSecond = false;
    this.cancelRequested = false;
    return true;
  }

  private refuseSecond(): void {
    if (this.state.step !== 'busy') return;
    this.refusedSecond = true;
    this.set({ ...this.state, refusedSecond: true });
  }

  private set(state: ImportState): void {
    this.state =
      state.step === 'busy'
        ? {
            ...state,
            ...(this.refusedSecond ? { refusedSecond: true } : {}),
            ...(this.cancelRequested ? { cancelling: true } : {}),
          }
        : state;
    this.options.onChange(this.state);
  }

  /** Ends the import in this state. */
  private finish(state: ImportState): void {
    this.refusedSecond = false;
    this.cancelRequested = false;
    this.autoApply = false;
    this.set(state);
  }

  private startWorker(): WorkerLike {
    const worker = this.options.createWorker();
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
      if (worker === this.worker) this.receive(event.data);
    });
    const died = (event: Event) => {
      if (worker !== this.worker) return;
      event.preventDefault?.();
      // An ErrorEvent says what failed; a messageerror says nothing.
      const message = (event as { message?: unknown }).message;
      const detail = typeof message === 'string' ? message : '';
      this.replaceWorker();
      // An install it was running has either committed or not: the page reads which.
      this.options.onInstalled();
      this.finish({
        step: 'error',
        message: detail
          ? { key: 'importError_workerDied', values: { detail } }
          : { key: 'importError_workerDiedPlain' },
      });
    };
    worker.addEventListener('error', died);
    worker.addEventListener('messageerror', died);
    return worker;
  }

  private replaceWorker(): void {
    const old = this.worker;
    this.worker = this.startWorker();
    old.terminate();
  }

  private receive(response: WorkerResponse): void {
    switch (response.type) {
      case 'progress':
        if (this.state.step !== 'busy') return;
        this.set({ step: 'busy', phase: response.phase, share: response.share });
        return;
      case 'invalid':
        this.finish({ step: 'invalid', problems: response.problems, total: response.total });
        return;
      case 'preview':
        if (this.autoApply) {
          this.autoApply = false;
          if (this.cancelRequested) {
            this.finish({ step: 'cancelled' });
            return;
          }
          this.worker.postMessage({ type: 'apply' });
          this.set({ step: 'busy', phase: 'writing', share: 0 });
          return;
        }
        this.finish({ step: 'preview', diff: response.diff, incoming: response.incoming });
        return;
      case 'installed': {
        const tooLate = this.cancelRequested;
        this.options.onInstalled();
        this.finish({ step: 'installed', info: response.info, ...(tooLate ? { tooLate } : {}) });
        return;
      }
      case 'cancelled':
        this.finish({ step: 'cancelled' });
        return;
      case 'exported':
        this.finish({ step: 'idle' });
        this.exported?.(response.json, response.version);
        return;
      case 'error':
        this.finish({ step: 'error', message: workerErrorMessage(response.error) });
        return;
    }
  }
}
