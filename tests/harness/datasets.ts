/** Datasets the end-to-end tests import, and the fixture routes that serve them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@/data/format/schema';
import { ROOT } from './paths';
import { escapeHtml, type FixtureServer } from './server';

export const bundled = JSON.parse(readFileSync(join(ROOT, 'public', 'dataset.json'), 'utf8')) as Dataset;

export const NEW_ARTICLE_TEXT = '据悉，测试人物王小测已加入测试科技公司，出任首席科学家。';

/** The bundled dataset plus one article, one person and one claim, as a newer version. */
export function newerDataset(): Dataset {
  const dataset = structuredClone(bundled);
  dataset.version = '2099.01.01';
  dataset.articles.push({
    id: 'e2e-article',
    summary: '端到端测试用文章',
    published: { date: '2099-01', estimated: true, basis: 'test fixture' },
    script: 'zh-Hans',
    text: NEW_ARTICLE_TEXT,
  });
  dataset.entities.push({
    id: 'person:wang-xiaoce',
    kind: 'person',
    name: '王小测',
    nameEn: 'Wang Xiaoce',
    aliases: [],
    description: '测试用人物',
    mentions: [{ article: 'e2e-article', quote: '测试人物王小测' }],
  });
  dataset.claims.push({
    id: 'claim:e2e-wang-xiaoce-role',
    kind: 'role',
    subject: 'person:wang-xiaoce',
    title: '首席科学家',
    status: 'current',
    certainty: 'rumoured',
    hedge: '据悉',
    evidence: [{ article: 'e2e-article', quote: NEW_ARTICLE_TEXT }],
  });
  return dataset;
}

/** Serves the newer dataset at /datasets/newer.json and a page naming its new person at /new-person.html. */
export function serveNewerDataset(server: FixtureServer): void {
  server.route('/new-person.html', (_request, response) =>
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="zh"><body><main><p>${escapeHtml(NEW_ARTICLE_TEXT)}</p></main></body></html>`),
  );
  server.route('/datasets/newer.json', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(newerDataset())),
  );
}
