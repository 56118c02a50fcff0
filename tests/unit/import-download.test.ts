/**
 * The URL rules of a download: https by default, http only when confirmed, redirects only to https
 * on a public host (checked against a real server through Node's fetch, which reports the final
 * address as a browser's does), content types that are not JSON refused, and every failure, a
 * timeout or a broken connection while the body arrives and a cancel included, said in each language.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownloadOptions, downloadDataset, parseDatasetUrl } from '@/utils/import/download';
import { failure, sayAll } from './download-failures';

const url = new URL('https://example.com/dataset.json');

const respond = (response: () => Response) => (async () => response()) as unknown as typeof fetch;

describe('the address', () => {
  it('refuses user info and private hosts, and allows loopback only to the end-to-end build', async () => {
    const userInfo = await failure(async () => parseDatasetUrl('https://trusted@evil.example/data.json'));
    expect(sayAll(userInfo)).toEqual({
      'zh-Hans': '不接受包含用户名或密码的网址（user@evil.example）。',
      'zh-Hant': '不接受包含使用者名稱或密碼的網址（user@evil.example）。',
      en: 'An address with a user name or password (user@evil.example) is refused.',
    });
    expect(userInfo.message).toBe(sayAll(userInfo).en);
    for (const address of [
      'http://127.0.0.1:8080/x.json',
      'https://localhost/x',
      'https://[::1]/x',
      'https://nas.local/x',
    ]) {
      expect((await failure(async () => parseDatasetUrl(address))).code, address).toBe('privateHost');
    }
    expect(parseDatasetUrl('http://127.0.0.1:8080/x.json', { allowLoopback: true }).host).toBe('127.0.0.1:8080');
    // The allowance is loopback only: private networks stay refused.
    expect((await failure(async () => parseDatasetUrl('http://10.0.0.1/x', { allowLoopback: true }))).code).toBe(
      'privateHost',
    );
    expect((await failure(async () => parseDatasetUrl('ftp://example.com/x'))).code).toBe('badAddress');
  });

  it('downloads plain http:// only once the reader has confirmed', async () => {
    const ok = respond(() => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const http = new URL('http://example.com/dataset.json');
    const error = await failure(() => downloadDataset(http, { fetcher: ok }));
    expect([error.code, error.message]).toEqual(['insecure', 'example.com is not reached over https://.']);
    expect(await downloadDataset(http, { fetcher: ok, allowHttp: true })).toBe('{}');
  });
});

describe('redirects, through a real server', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/to-http') response.writeHead(302, { location: '/data.json' }).end();
      else if (request.url === '/data.json') response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const local: DownloadOptions = { allowLoopback: true, allowHttp: true };

  it('reads a response that was not redirected', async () => {
    expect(await downloadDataset(new URL(`${origin}/data.json`), local)).toBe('{}');
  });

  it('refuses a redirect that ends on http://, even from a confirmed http:// address', async () => {
    const error = await failure(() => downloadDataset(new URL(`${origin}/to-http`), local));
    expect([error.code, error.params]).toEqual(['redirectRefused', { host: new URL(origin).host, target: origin }]);
    expect(sayAll(error).en).toBe(error.message);
    expect(sayAll(error)['zh-Hans']).toBe(
      `${new URL(origin).host} 将下载重定向到 ${origin}，已拒绝：只跟随公开主机上的 https:// 网址。`,
    );
  });

  it('refuses a redirect from https:// to a private host or to http://', async () => {
    const redirectedTo = (final: string) =>
      respond(() => {
        const response = new Response('{}', { headers: { 'content-type': 'application/json' } });
        Object.defineProperties(response, { url: { value: final }, redirected: { value: true } });
        return response;
      });
    for (const final of [
      'http://example.com/dataset.json',
      'https://192.168.0.10/dataset.json',
      'https://a@b.example/',
    ]) {
      const error = await failure(() => downloadDataset(url, { fetcher: redirectedTo(final) }));
      expect(error.code, final).toBe('redirectRefused');
    }
    expect(await downloadDataset(url, { fetcher: redirectedTo('https://cdn.example.org/d.json') })).toBe('{}');
  });
});

describe('content types', () => {
  const typed = (type: string | null) =>
    respond(() => new Response('{}', { headers: type === null ? {} : { 'content-type': type } }));

  it('refuses HTML and other types that are clearly not JSON, naming the type', async () => {
    const error = await failure(() => downloadDataset(url, { fetcher: typed('text/html; charset=utf-8') }));
    expect([error.code, error.params]).toEqual(['notJson', { host: 'example.com', type: 'text/html' }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': 'example.com 发送的是 text/html，不是 JSON 文件。',
      'zh-Hant': 'example.com 傳送的是 text/html，不是 JSON 檔案。',
      en: 'example.com sent text/html, not a JSON file.',
    });
    for (const type of ['image/png', 'application/xhtml+xml', 'text/css']) {
      expect((await failure(() => downloadDataset(url, { fetcher: typed(type) }))).code, type).toBe('notJson');
    }
  });

  it('accepts JSON, plain text, bytes and no type at all', async () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'text/plain; charset=utf-8',
      'application/octet-stream',
      null,
    ]) {
      expect(await downloadDataset(url, { fetcher: typed(type) }), String(type)).toBe('{}');
    }
  });
});

describe('failures while the body arrives', () => {
  /** A response that sends a first chunk, then nothing: the stream fails as fetch's does when aborted. */
  const stalls = (then?: (stream: ReadableStreamDefaultController<Uint8Array>) => void) =>
    (async (_url: URL | RequestInfo, init?: RequestInit) => {
      const signal = init!.signal!;
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode('{"format":'));
          signal.addEventListener('abort', () => stream.error(signal.reason));
          then?.(stream);
        },
      });
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;

  it('says a timeout mid-body in the reader’s language, not as a raw TimeoutError', async () => {
    const error = await failure(() => downloadDataset(url, { fetcher: stalls(), timeoutMs: 50 }));
    expect([error.code, error.params]).toEqual(['timeoutBody', { host: 'example.com', seconds: 0.05 }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': '从 example.com 下载未能在 0.05 秒内完成。',
      'zh-Hant': '從 example.com 下載未能在 0.05 秒內完成。',
      en: 'The download from example.com did not finish within 0.05 seconds.',
    });
  });

  it('says a connection that broke off, with the browser’s words', async () => {
    const broken = stalls((stream) => setTimeout(() => stream.error(new TypeError('network error')), 10));
    const error = await failure(() => downloadDataset(url, { fetcher: broken }));
    expect(sayAll(error)).toEqual({
      'zh-Hans': '从 example.com 下载时连接中断：network error',
      'zh-Hant': '從 example.com 下載時連線中斷：network error',
      en: 'The download from example.com broke off: network error',
    });
  });

  it('says a cancelled download as such, before or during the body', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const during = await failure(() => downloadDataset(url, { fetcher: stalls(), signal: controller.signal }));
    expect(sayAll(during)).toEqual({
      'zh-Hans': '下载已取消。',
      'zh-Hant': '下載已取消。',
      en: 'The download was cancelled.',
    });
    const before = await failure(() => downloadDataset(url, { fetcher: stalls(), signal: AbortSignal.abort() }));
    expect(before.code).toBe('cancelled');
  });
});
