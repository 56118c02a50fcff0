/**
 * Downloads a dataset from a URL the user typed: http(s) only, with a time limit and a size limit
 * enforced while reading (a server may not say, or may lie about, its Content-Length).
 */
import { HttpUrl } from '@/data/format/schema';
import { MAX_DATASET_BYTES, megabytes } from './limits';

export const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Why a download failed, with the data each reason names (`detail` is the browser's own words). */
export interface DownloadParams {
  badAddress: Record<string, never>;
  timeout: { host: string; seconds: number };
  unreachable: { host: string; detail: string };
  /** `status` is the code and, when the server gives one, its reason: 404 Not Found. */
  httpStatus: { host: string; status: string };
  /** The limit in MB (the file's own size is not known: it is refused as soon as it passes the limit). */
  tooLarge: { limit: string };
}
export type DownloadErrorCode = keyof DownloadParams;

const ENGLISH: { [C in DownloadErrorCode]: (params: DownloadParams[C]) => string } = {
  badAddress: () => 'Enter an http:// or https:// address.',
  timeout: ({ host, seconds }) => `No answer from ${host} within ${seconds} seconds.`,
  unreachable: ({ host, detail }) => `Could not reach ${host}: ${detail}`,
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

export function parseDatasetUrl(input: string): URL {
  const parsed = HttpUrl.safeParse(input.trim());
  if (!parsed.success) throw new DownloadError('badAddress', {});
  return new URL(parsed.data);
}

export async function downloadDataset(
  url: URL,
  { timeoutMs = DOWNLOAD_TIMEOUT_MS, maxBytes = MAX_DATASET_BYTES, fetcher = fetch } = {},
): Promise<string> {
  let response: Response;
  try {
    response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new DownloadError('timeout', { host: url.host, seconds: timeoutMs / 1000 });
    }
    throw new DownloadError('unreachable', { host: url.host, detail: (error as Error).message });
  }
  if (!response.ok) {
    throw new DownloadError('httpStatus', {
      host: url.host,
      status: `${response.status} ${response.statusText}`.trim(),
    });
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new DownloadError('tooLarge', { limit: megabytes(maxBytes) });
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
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
