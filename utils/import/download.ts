/**
 * Downloads a dataset from a URL the user typed: http(s) only, with a time limit and a size limit
 * enforced while reading (a server may not say, or may lie about, its Content-Length).
 */
import { HttpUrl } from '@/data/schema';
import { MAX_DATASET_BYTES } from './validate';

export const DOWNLOAD_TIMEOUT_MS = 60_000;

export class DownloadError extends Error {}

export function parseDatasetUrl(input: string): URL {
  const parsed = HttpUrl.safeParse(input.trim());
  if (!parsed.success) throw new DownloadError('Enter an http:// or https:// address.');
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
      throw new DownloadError(`No answer from ${url.host} within ${timeoutMs / 1000} seconds.`);
    }
    throw new DownloadError(`Could not reach ${url.host}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new DownloadError(`${url.host} answered ${response.status} ${response.statusText}.`.trim());
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new DownloadError(tooLarge(maxBytes));
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
      throw new DownloadError(tooLarge(maxBytes));
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

function tooLarge(maxBytes: number): string {
  return `The file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit.`;
}
