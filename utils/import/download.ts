/**
 * Downloads a dataset from a URL the user typed. https:// by default; http:// only when the reader
 * has confirmed a warning (`allowHttp`). Never to a private or local host, never with a user name
 * or password in the address (the same rule as the dataset's own URLs: data/format/ids.ts), and
 * redirects only to https:// on a public host. A time limit, and a size limit enforced while
 * reading (a server may not say, or may lie about, its Content-Length); content that is clearly
 * not JSON (an HTML page) is refused; the reader can cancel (`signal`).
 *
 * Redirects: fetch follows them and says where it ended (`response.url`, `response.redirected`);
 * with `redirect: 'manual'` a page gets only an opaque response that does not say where a redirect
 * points, so the download follows and then checks the final address before reading the body.
 * Intermediate hops of a chain cannot be seen from a page, only where it ends.
 */
import { HttpUrl, urlAddressRule } from '@/data/format/ids';
import { MAX_DATASET_BYTES, megabytes } from './limits';

export const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Why a download failed, with the data each reason names (`detail` is the browser's own words). */
export interface DownloadParams {
  badAddress: Record<string, never>;
  /** The address carries a user name or password (user@host). */
  userInfo: { host: string };
  /** The address names this computer or a private network. */
  privateHost: { host: string };
  /** A plain http:// address the reader has not confirmed. */
  insecure: { host: string };
  /** A redirect to an address that is not https:// on a public host; `target` is its origin. */
  redirectRefused: { host: string; target: string };
  /** The server said the content is something that is not JSON (text/html…). */
  notJson: { host: string; type: string };
  timeout: { host: string; seconds: number };
  /** The answer began but did not finish in time. */
  timeoutBody: { host: string; seconds: number };
  unreachable: { host: string; detail: string };
  /** The connection broke while the body was arriving. */
  broken: { host: string; detail: string };
  /** The reader cancelled it. */
  cancelled: Record<string, never>;
  /** `status` is the code and, when the server gives one, its reason: 404 Not Found. */
  httpStatus: { host: string; status: string };
  /** The limit in MB (the file's own size is not known: it is refused as soon as it passes the limit). */
  tooLarge: { limit: string };
}
export type DownloadErrorCode = keyof DownloadParams;

const ENGLISH: { [C in DownloadErrorCode]: (params: DownloadParams[C]) => string } = {
  badAddress: () => 'Enter an http:// or https:// address.',
  userInfo: ({ host }) => `An address with a user name or password (user@${host}) is refused.`,
  privateHost: ({ host }) =>
    `${host} is this computer or a private network; only public addresses can be imported from.`,
  insecure: ({ host }) => `${host} is not reached over https://.`,
  redirectRefused: ({ host, target }) =>
    `${host} redirected the download to ${target}, which is refused: only https:// addresses on public hosts are followed.`,
  notJson: ({ host, type }) => `${host} sent ${type}, not a JSON file.`,
  timeout: ({ host, seconds }) => `No answer from ${host} within ${seconds} seconds.`,
  timeoutBody: ({ host, seconds }) => `The download from ${host} did not finish within ${seconds} seconds.`,
  unreachable: ({ host, detail }) => `Could not reach ${host}: ${detail}`,
  broken: ({ host, detail }) => `The download from ${host} broke off: ${detail}`,
  cancelled: () => 'The download was cancelled.',
  httpStatus: ({ host, status }) => `${host} answered ${status}.`,
  tooLarge: ({ limit }) => `The file is larger than the ${limit} MB limit.`,
};

/**
 * A download that failed: `code` and `params` say why, for the options page to put in the reader's
 * language; the message says the same in English.
 */
export class DownloadError<C extends DownloadErrorCode = DownloadErrorCode> extends Error {
  override name = 'DownloadError';
  constructor(
    readonly code: C,
    readonly params: DownloadParams[C],
  ) {
    super(ENGLISH[code](params));
  }
}

export interface AddressOptions {
  /**
   * Loopback hosts (127.0.0.0/8, ::1, localhost) are allowed. Only the end-to-end tests' build
   * sets it (TALENT_OVERLAY_E2E=1, see wxt.config.ts), for its fixture server on 127.0.0.1.
   */
  allowLoopback?: boolean;
}

export interface DownloadOptions extends AddressOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetcher?: typeof fetch;
  /** Aborting it cancels the download, whatever it is doing. */
  signal?: AbortSignal;
  /** Plain http:// is allowed: the reader has confirmed the warning. Redirects must still go to https://. */
  allowHttp?: boolean;
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why this address may not be downloaded from, if it may not (the scheme aside). */
function addressError(url: URL, { allowLoopback = false }: AddressOptions): DownloadError | undefined {
  const rule = urlAddressRule(url);
  if (rule === 'urlUserInfo') return new DownloadError('userInfo', { host: url.host });
  if (rule === 'urlPrivateHost' && !(allowLoopback && isLoopback(url))) {
    return new DownloadError('privateHost', { host: url.host });
  }
  return undefined;
}

/** The address the reader typed, if it may be downloaded from (http:// then needs their confirmation). */
export function parseDatasetUrl(input: string, options: AddressOptions = {}): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new DownloadError('badAddress', {});
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DownloadError('badAddress', {});
  const refused = addressError(url, options);
  if (refused) throw refused;
  // The rest of the shared rule: the scheme and the length.
  const parsed = HttpUrl.safeParse(url.href);
  const onlyAddress = parsed.error?.issues.every((issue) => issue.code === 'custom') ?? true;
  if (!parsed.success && !(options.allowLoopback && onlyAddress)) throw new DownloadError('badAddress', {});
  return url;
}

/** Plain http://: the reader is warned and must confirm before it is downloaded. */
export function needsHttpWarning(url: URL): boolean {
  return url.protocol === 'http:';
}

/** The content types a dataset may come as: JSON, text, bytes, or none said. */
function acceptableType(header: string | null): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return (
    type === '' ||
    type === 'application/json' ||
    type === 'text/json' ||
    /^application\/[\w.+-]+\+json$/.test(type) ||
    type === 'text/plain' ||
    type === 'application/octet-stream' ||
    type === 'binary/octet-stream'
  );
}

export async function downloadDataset(url: URL, options: DownloadOptions = {}): Promise<string> {
  const { timeoutMs = DOWNLOAD_TIMEOUT_MS, maxBytes = MAX_DATASET_BYTES, fetcher = fetch, signal } = options;
  const host = url.host;
  const seconds = timeoutMs / 1000;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DownloadError('badAddress', {});
  if (url.protocol === 'http:' && !options.allowHttp) throw new DownloadError('insecure', { host });
  const refused = addressError(url, options);
  if (refused) throw refused;

  // One signal for the time limit and the reader's cancel, remembering which fired.
  const controller = new AbortController();
  let why: 'timeout' | 'cancelled' | null = null;
  const stop = (reason: 'timeout' | 'cancelled') => {
    if (why) return;
    why = reason;
    controller.abort(new DOMException(reason, reason === 'timeout' ? 'TimeoutError' : 'AbortError'));
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onCancel = () => stop('cancelled');
  if (signal?.aborted) onCancel();
  signal?.addEventListener('abort', onCancel);
  const stopped = (error: unknown): DownloadError | undefined => {
    if (why === 'cancelled') return new DownloadError('cancelled', {});
    if (error instanceof DownloadError) return error;
    return undefined;
  };

  try {
    let response: Response;
    try {
      if (why) throw new Error(why);
      response = await fetcher(url, {
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      if (why === 'timeout' || (error as Error).name === 'TimeoutError') {
        throw new DownloadError('timeout', { host, seconds });
      }
      throw stopped(error) ?? new DownloadError('unreachable', { host, detail: (error as Error).message });
    }
    // Where the redirects, if any, ended: https:// on a public host, or nothing is read.
    const final = response.url ? new URL(response.url) : url;
    if (response.type === 'opaqueredirect' || (final.href !== url.href && !redirectAllowed(final, options))) {
      void response.body?.cancel().catch(() => {});
      throw new DownloadError('redirectRefused', {
        host,
        target: response.type === 'opaqueredirect' ? '?' : final.origin,
      });
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new DownloadError('httpStatus', { host, status: `${response.status} ${response.statusText}`.trim() });
    }
    const type = response.headers.get('content-type');
    if (!acceptableType(type)) {
      void response.body?.cancel().catch(() => {});
      throw new DownloadError('notJson', { host, type: (type ?? '').split(';')[0]!.trim().slice(0, 80) });
    }
    const declared = Number(response.headers.get('content-length'));
    if (declared > maxBytes) {
      void response.body?.cancel().catch(() => {});
      throw new DownloadError('tooLarge', { limit: megabytes(maxBytes) });
    }
    try {
      return await readBody(response, maxBytes);
    } catch (error) {
      if (why === 'timeout' || (error as Error).name === 'TimeoutError') {
        throw new DownloadError('timeoutBody', { host, seconds });
      }
      throw stopped(error) ?? new DownloadError('broken', { host, detail: (error as Error).message });
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}

/** A redirect may end only on https:// (even from a confirmed http:// address), on a public host. */
function redirectAllowed(final: URL, options: DownloadOptions): boolean {
  return final.protocol === 'https:' && addressError(final, options) === undefined;
}

async function readBody(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new DownloadError('tooLarge', { limit: megabytes(maxBytes) });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(bytes);
}
