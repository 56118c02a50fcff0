/**
 * The built extension on pages modelled on the structure of real news sites (tests/fixtures/site-*.html):
 * a WeChat article whose text is cut into inline runs, a 36Kr-style single-page app with pushState
 * navigation and infinite scroll, a Toutiao page rendered from URL-encoded data, an HK01 article grid
 * in Traditional script, an English wire page with ordinary-word traps, an article in a same-origin
 * iframe beside a cross-origin one, and an article in open shadow roots.
 *
 * Marks are read from CSS.highlights: the page's registry holds the ranges of its shadow roots too,
 * and a frame has a registry of its own. A mark is painted only near the viewport, so long pages are
 * read while scrolling through them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, setSettings, waitForMarks } from '../harness/browser';
import { hasMarks } from '../harness/page-side';
import { ARTIFACTS } from '../harness/paths';
import { type FixtureServer, startFixtureServer } from '../harness/server';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
// Models are off by default; these pages assert them too.
const SETTINGS = { enabled: true, disabledSites: [], kinds: { person: true, org: true, model: true } };
beforeEach(async () => {
  await setSettings(browser, SETTINGS);
});

type Kind = 'person' | 'org' | 'model';

/** One mark as a test sees it: its kind, its text, and where its range starts. */
interface MarkInfo {
  kind: Kind;
  text: string;
  /** The tag of the shadow root's host the range starts in, or null in the document itself. */
  shadowHost: string | null;
  /** A path from the range's start up to the document, through shadow hosts, with the offset: one key per mark. */
  key: string;
}

/**
 * Runs in the page or frame: every mark in its highlight registry, or those starting under the element
 * `within` selects. Self-contained (it is serialised). A StaticRange (which a marker may use for a
 * name across nodes) is read through a live Range.
 */
function readMarks(within: string | null): MarkInfo[] {
  const subtree = within === null ? null : document.querySelector(within);
  const registry = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
  const marks: MarkInfo[] = [];
  for (const [name, ranges] of registry) {
    // Highlight names number the kinds (painter.ts): 1 person, 2 organisation, 3 model.
    const number = /^talent-overlay-[ut]([123])$/.exec(name)?.[1];
    const kind = number ? (['person', 'org', 'model'] as Kind[])[Number(number) - 1] : undefined;
    if (!kind) continue;
    for (const abstract of ranges) {
      let range: Range;
      if (abstract instanceof Range) range = abstract;
      else {
        range = document.createRange();
        range.setStart(abstract.startContainer, abstract.startOffset);
        range.setEnd(abstract.endContainer, abstract.endOffset);
      }
      if (subtree && !subtree.contains(range.startContainer)) continue;
      const root = range.startContainer.getRootNode();
      const path: string[] = [];
      for (let node: Node | null = range.startContainer; node; ) {
        const parent: Node | null = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
        if (parent)
          path.push(node instanceof ShadowRoot ? 's' : String([...parent.childNodes].indexOf(node as ChildNode)));
        node = parent;
      }
      marks.push({
        kind,
        text: range.toString(),
        shadowHost: root instanceof ShadowRoot ? root.host.localName : null,
        key: `${kind}:${path.join('.')}:${range.startOffset}`,
      });
    }
  }
  return marks;
}

/**
 * Runs in the page or frame: the texts of the marks whose ranges touch the element found by `path`
 * (each selector after the first is looked up in the previous element's shadow root).
 */
function textsCovering(path: string[]): string[] | null {
  let element = null as Element | null;
  for (const [index, selector] of path.entries()) {
    const scope: ParentNode | null = index === 0 ? document : (element?.shadowRoot ?? null);
    element = scope?.querySelector(selector) ?? null;
    if (!element) return null;
  }
  const target = element as Element;
  const registry = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
  const texts: string[] = [];
  for (const [name, ranges] of registry) {
    if (!name.startsWith('talent-overlay-')) continue;
    for (const abstract of ranges) {
      const range = document.createRange();
      range.setStart(abstract.startContainer, abstract.startOffset);
      range.setEnd(abstract.endContainer, abstract.endOffset);
      if (range.intersectsNode(target)) texts.push(range.toString());
    }
  }
  return texts;
}

type Target = Page | Frame;

function byKind(marks: MarkInfo[]): Record<Kind, string[]> {
  const result: Record<Kind, string[]> = { person: [], org: [], model: [] };
  for (const mark of marks) result[mark.kind].push(mark.text);
  return result;
}

/** The marks painted now (near the viewport), by kind. */
async function marksNow(target: Target, filter: (mark: MarkInfo) => boolean = () => true) {
  return byKind((await target.evaluate(readMarks, null)).filter(filter));
}

/**
 * Every mark of a page or frame (or of the subtree `within` selects), gathered while scrolling its
 * document from top to bottom.
 */
async function marksWhileScrolling(target: Target, within: string | null = null): Promise<MarkInfo[]> {
  const seen = new Map<string, MarkInfo>();
  const height = await target.evaluate(() => document.documentElement.scrollHeight);
  const step = await target.evaluate(() => innerHeight);
  for (let y = 0; y < height + step; y += step) {
    await target.evaluate((top) => window.scrollTo(0, top), y);
    await target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (const mark of await target.evaluate(readMarks, within)) seen.set(mark.key, mark);
  }
  await target.evaluate(() => window.scrollTo(0, 0));
  return [...seen.values()];
}

/** Scrolls the element at `path` into view and returns the marks touching it, once they are painted. */
async function covering(target: Target, path: string[]): Promise<string[]> {
  await target.evaluate((selectors) => {
    let element = null as Element | null;
    for (const [index, selector] of selectors.entries()) {
      const scope: ParentNode | null = index === 0 ? document : (element?.shadowRoot ?? null);
      element = scope?.querySelector(selector) ?? null;
    }
    element?.scrollIntoView({ block: 'center' });
  }, path);
  await target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const texts = await target.evaluate(textsCovering, path);
  if (texts === null) throw new Error(`no element at ${path.join(' >> ')}`);
  return texts;
}

/**
 * Polls until the marks touching each element (by selector) are exactly the texts given for it: a
 * name split across nodes must be one mark of the whole name. All elements are read on each poll,
 * so a failure shows every one of them.
 */
async function expectCovering(target: Target, expected: Record<string, string[]>, timeout = 5_000) {
  const read = async () => {
    const found: Record<string, string[]> = {};
    for (const selector of Object.keys(expected)) found[selector] = await covering(target, [selector]);
    return found;
  };
  await expect.poll(read, { timeout }).toEqual(expected);
}

/** Waits for the first mark in a page or frame (a frame's content script marks its own document). */
async function waitForMarksIn(target: Target, timeout = 10_000): Promise<void> {
  await target.waitForFunction(hasMarks, undefined, { timeout });
}

async function open(name: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(name));
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Form fields and other never-marked places: none of their text may be marked. */
async function expectUnmarked(target: Target, paths: string[][]): Promise<void> {
  const marked: string[] = [];
  for (const path of paths) {
    const texts = await target.evaluate(textsCovering, path);
    if (texts === null) throw new Error(`no element at ${path.join(' >> ')}`);
    if (texts.length > 0) marked.push(`${path.join(' >> ')}: ${texts.join(', ')}`);
  }
  expect(marked).toEqual([]);
}

describe('WeChat official-account article (site-wechat.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-wechat.html');
  });
  afterAll(async () => page?.close());

  it('marks the body that the page reveals after load, and leaves the reply box alone', async () => {
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('#js_content')!).visibility))
      .toBe('visible');
    await waitForMarks(page);
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.person).toEqual(expect.arrayContaining(['周畅', '沈曼', '张一鸣', '杨震原']));
    expect(marks.org).toEqual(expect.arrayContaining(['字节跳动', '零一万物', '阿里达摩院']));
    expect(marks.model).toEqual(expect.arrayContaining(['通义千问']));
    await expectUnmarked(page, [['#js_cmt_input'], ['#js_name']]);
    await screenshot(page, 'site-wechat');
  });

  it('marks names split across inline runs as whole names: 周<span>畅</span>, <strong>字节</strong>跳动, 林俊<span>旸</span>', async () => {
    await waitForMarks(page);
    await covering(page, ['[data-t="bd"]']);
    await page.waitForTimeout(300);
    await screenshot(page, 'site-wechat-split');
    await expectCovering(page, {
      '[data-t="zc"]': ['周畅'],
      '[data-t="zc2"]': ['周畅'],
      '[data-t="bd"]': ['字节跳动'],
      '[data-t="ljy"]': ['林俊旸'],
    });
  });

  it('does not join text across blocks: 周 ending one paragraph and 畅 starting the next are no name', async () => {
    await waitForMarks(page);
    await expectCovering(page, { '[data-t="xblock"]': [] });
  });
});

describe('36Kr single-page app (site-36kr.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-36kr.html');
  });
  afterAll(async () => page?.close());

  it('marks the article the app renders from its embedded state', async () => {
    await waitForMarks(page);
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.person).toEqual(expect.arrayContaining(['周畅', '沈曼', '张一鸣', '黄文灏']));
    expect(marks.org).toEqual(expect.arrayContaining(['字节跳动', '零一万物', '今日头条']));
    await expectUnmarked(page, [['#kr-search-input']]);
    await screenshot(page, 'site-36kr');
  });

  it('marks the article appended when the reader scrolls to the end', async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const appended = page.locator('.kr-article-feed-item');
    await appended.waitFor({ state: 'attached', timeout: 5_000 });
    await appended.scrollIntoViewIfNeeded();
    await expect
      .poll(async () => byKind(await marksWhileScrolling(page, '.kr-article-feed-item')), { timeout: 10_000 })
      .toEqual(
        expect.objectContaining({
          person: expect.arrayContaining(['乔埃尔·皮诺', '约翰·卡马克', '马克·扎克伯格']),
          org: expect.arrayContaining(['Mistral AI', 'Facebook', 'Meta']),
        }),
      );
    await appended.scrollIntoViewIfNeeded();
    await screenshot(page, 'site-36kr-appended');
  });

  it('after a pushState navigation marks the new article, and no weak name the previous one corroborated', async () => {
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.click('#article-root a.article-next');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?p=2938555');
    // No reload: the app replaced the article in the same document.
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect
      .poll(async () => (await marksNow(page)).person, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['邢泽', '李南']));
    await page.waitForTimeout(500);
    await screenshot(page, 'site-36kr-next');
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.org).toEqual(expect.arrayContaining(['字母榜', 'DeepSeek', '猎头公司嘉明']));
    // 前程无忧 (51job) is also an idiom (a bright future): a weak name, and nothing here corroborates it.
    expect(marks.org).not.toContain('前程无忧');
    // This article names ByteDance and Alibaba only by their weak short names (字节, 阿里): nothing on
    // the page as it is now corroborates them (its next-article link names no one); only the
    // article navigated away from did.
    expect(marks.org).not.toContain('字节');
    expect(marks.org).not.toContain('阿里');
  });
});

describe('Toutiao article rendered from RENDER_DATA (site-toutiao.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-toutiao.html');
  });
  afterAll(async () => page?.close());

  it('marks the body injected after DOMContentLoaded and the posted comments, not the comment box or the logo', async () => {
    await waitForMarks(page);
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.person).toEqual(expect.arrayContaining(['张一鸣', '周畅', '吴永辉', '雷军', '罗福莉', '黄文灏']));
    expect(marks.org).toEqual(expect.arrayContaining(['字节跳动', '今日头条', '零一万物', '谷歌 DeepMind']));
    await expectCovering(page, { '#comment-list li:first-child .content': ['张一鸣'] });
    await expectUnmarked(page, [['#comment-input'], ['#search'], ['.logo svg']]);
    await screenshot(page, 'site-toutiao');
  });

  it('leaves ordinary words unmarked: 我来说两句, 航班晚点, 苹果', async () => {
    await waitForMarks(page);
    await expectCovering(page, { '#trap-cta': [], '#trap-comment .content': [] });
  });
});

describe('HK01 article grid in Traditional script (site-hk01.html)', () => {
  it('marks the paragraphs between in-read ad slots and related-article cards', async () => {
    await setSettings(browser, SETTINGS);
    const page = await open('site-hk01.html');
    await waitForMarks(page);
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.person).toEqual(expect.arrayContaining(['周暢', '林俊旸', '楊紅霞', '周靖人', '鄢志杰', '薄列峰']));
    expect(marks.org).toEqual(expect.arrayContaining(['通義實驗室', '達摩院', '光子星球', '字節']));
    expect(marks.model).toEqual(expect.arrayContaining(['通義千問', 'Qwen']));
    const stray = await page.evaluate(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
      const places = [...document.querySelectorAll('[data-t="ad"], [data-t="related"]')];
      return [...registry.values()].flatMap((ranges) =>
        [...ranges].filter((range) => places.some((place) => place.contains(range.startContainer))).map(String),
      );
    });
    expect(stray).toEqual([]);
    await expectUnmarked(page, [['#comment']]);
    await page.locator('[data-t="ad"]').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'site-hk01');
    await page.close();
  });
});

describe('English wire page (site-wire-en.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-wire-en.html');
  });
  afterAll(async () => page?.close());

  it('marks the English names of people, organisations and models', async () => {
    await waitForMarks(page);
    const marks = byKind(await marksWhileScrolling(page));
    expect(marks.person).toEqual(
      expect.arrayContaining(['Zhou Chang', 'Lin Junyang', 'Zhou Jingren', 'Wu Yonghui', 'Yann LeCun']),
    );
    expect(marks.org).toEqual(
      expect.arrayContaining([
        'Alibaba',
        'ByteDance',
        'Tongyi Lab',
        'Alibaba Cloud',
        'DAMO Academy',
        'Google DeepMind',
      ]),
    );
    // Seed is a weak name of ByteDance's research unit; the page names ByteDance, so it is marked.
    expect(marks.org).toContain('Seed');
    expect(marks.model).toEqual(expect.arrayContaining(['Qwen', 'M6']));
    await expectUnmarked(page, [['#search']]);
    await screenshot(page, 'site-wire-en');
  });

  it('leaves ordinary words unmarked where their entity is not named: meta-analysis, apple pie, a fair price…', async () => {
    await waitForMarks(page);
    const texts = (await marksWhileScrolling(page)).map((mark) => mark.text.toLowerCase());
    for (const word of [
      'meta',
      'apple',
      'fair',
      'mistral',
      'moonshot',
      'genai',
      'inflection',
      'noam',
      'the information',
    ]) {
      expect(texts, word).not.toContain(word);
    }
    await expectCovering(
      page,
      Object.fromEntries(
        ['#trap-quote', '#trap-study', '#trap-genai', '#trap-moonshot', '#trap-apple', '#trap-mistral'].map((id) => [
          id,
          [],
        ]),
      ),
    );
  });
});

describe('article in a same-origin iframe (site-iframe.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-iframe.html');
  });
  afterAll(async () => page?.close());

  const frameNamed = (name: string): Frame => {
    const frame = page.frame({ name });
    if (!frame) throw new Error(`no frame named ${name}`);
    return frame;
  };

  it('marks the article inside the same-origin iframe, not its reply box', async () => {
    const reader = frameNamed('reader');
    await reader.waitForLoadState('load');
    try {
      await waitForMarksIn(reader);
      const marks = byKind(await marksWhileScrolling(reader));
      expect(marks.person).toEqual(expect.arrayContaining(['乔埃尔·皮诺', '马克·扎克伯格', '杨立昆', '约翰·卡马克']));
      expect(marks.org).toEqual(expect.arrayContaining(['Meta', 'FAIR', 'Facebook', 'Mistral AI']));
      expect(marks.model).toEqual(expect.arrayContaining(['Llama 2']));
      await expectUnmarked(reader, [['#reply']]);
    } finally {
      await screenshot(page, 'site-iframe');
    }
  });

  it('leaves the cross-origin iframe and the name-free top page unmarked', async () => {
    const partner = frameNamed('partner');
    await partner.waitForLoadState('load');
    expect(new URL(partner.url()).hostname).toBe('localhost');
    // The frame did load the article (so an empty registry means the marker left it alone).
    expect(await partner.evaluate(() => document.body.innerText.length)).toBeGreaterThan(1000);
    // Give a content script, if one runs there, the time the same-origin frame needs to mark.
    await page.waitForTimeout(3_000);
    expect(await partner.evaluate(readMarks, null)).toEqual([]);
    expect(await page.evaluate(readMarks, null)).toEqual([]);
  });
});

describe('article in open shadow roots (site-shadow.html)', () => {
  let page: Page;
  beforeAll(async () => {
    await setSettings(browser, SETTINGS);
    page = await open('site-shadow.html');
  });
  afterAll(async () => page?.close());

  const inShadow = (mark: MarkInfo) => mark.shadowHost !== null;

  it('marks the paragraphs in the shadow root of <news-article>, not its reply box', async () => {
    try {
      await expect
        .poll(async () => (await marksNow(page, inShadow)).person, { timeout: 10_000 })
        .toEqual(expect.arrayContaining(['周靖人']));
      const marks = byKind((await marksWhileScrolling(page)).filter(inShadow));
      expect(marks.person).toEqual(expect.arrayContaining(['周靖人', '周暢', '葉軍', '張勇', '楊紅霞']));
      expect(marks.org).toEqual(expect.arrayContaining(['達摩院', '釘釘', '通義實驗室', '阿里云']));
      expect(marks.model).toEqual(expect.arrayContaining(['通義千問']));
      await expectUnmarked(page, [['news-article', '#reply']]);
    } finally {
      await screenshot(page, 'site-shadow');
    }
  });

  it('marks text in a shadow root nested inside another (<news-byline>)', async () => {
    await expect
      .poll(async () => (await page.evaluate(readMarks, null)).filter((mark) => mark.shadowHost === 'news-byline'), {
        timeout: 10_000,
      })
      .toEqual([expect.objectContaining({ kind: 'org', text: '鋅產業' })]);
  });
});
