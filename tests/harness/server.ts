/**
 * Serves the fixture pages from 127.0.0.1 on a free port. A page template may embed a source
 * article with {{article <id>}}: its text is split into paragraphs and HTML-escaped, so the
 * fixtures always carry the same text the dataset's quotes were checked against.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { FIXTURES, SOURCES } from './paths';

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** Adds or replaces a route (for tests that need a one-off response). */
  route(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): void;
  close(): Promise<void>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Article text as paragraphs: one per line, and long run-on lines split at sentence ends. */
export function articleHtml(id: string): string {
  const text = readFileSync(join(SOURCES, `${id}.txt`), 'utf8');
  return text
    .split(/\n|(?<=[。！？!?”]) +/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line !== '|')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

export function renderFixture(name: string): string {
  const template = readFileSync(join(FIXTURES, name), 'utf8');
  return template.replace(/\{\{article ([a-z0-9-]+)\}\}/g, (_whole, id: string) => articleHtml(id));
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const custom = routes.get(path);
    if (custom) return custom(request, response);
    const name = normalize(path).replace(/^\/+/, '');
    if (!/^[a-z0-9-]+\.html$/.test(name)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    try {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderFixture(name));
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    route: (path, handler) => routes.set(path, handler),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
