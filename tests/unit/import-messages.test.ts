/**
 * Why an import is refused or fails, as codes with parameters, and how the options page says them in
 * Simplified Chinese, Traditional Chinese and English. The English is the `message` the pure modules
 * make (what the data build prints), word for word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForComparison } from '@/data/build/chinese';
import { type CheckCode, type CheckProblem, checkDataset } from '@/data/format/checks';
import type { Dataset } from '@/data/format/schema';
import { LOCALES, type Locale, translator } from '@/utils/i18n';
import { downloadDataset, parseDatasetUrl } from '@/utils/import/download';
import { errorMessage, problemMessage, problemText, workerErrorMessage } from '@/utils/import/problem-text';
import { type ImportProblem, readDataset } from '@/utils/import/validate';
import type { WorkerError } from '@/utils/import/worker-protocol';
import { failure, sayAll } from './download-failures';
import { org, tinyDataset } from './fixtures';

type Sentences = Record<Locale, string>;

const say = (problem: ImportProblem, locale: Locale) => problemMessage(problem, translator(locale), locale);

function expectSaid(problem: ImportProblem, sentences: Sentences): void {
  for (const locale of LOCALES) expect(say(problem, locale), locale).toBe(sentences[locale]);
  // The English the page shows is the English the build prints.
  expect(problem.message).toBe(sentences.en);
}

function refused(text: string, options = {}): ImportProblem[] {
  const result = readDataset(text, options);
  if (result.ok) throw new Error('expected the dataset to be refused');
  return result.problems;
}

/** The one problem with this code (and field, when given). */
function only<P extends ImportProblem>(problems: P[], code: P['code'], field?: string): P {
  const found = problems.filter((problem) => problem.code === code && (field === undefined || problem.field === field));
  expect(found, `${code} ${field ?? ''}`).toHaveLength(1);
  return found[0]!;
}

describe('reading a dataset', () => {
  it('refuses a file over the limit, with its size and the limit in MB', () => {
    const [problem] = refused('x'.repeat(3 * 1024 * 1024), { maxBytes: 2 * 1024 * 1024 });
    expect(problem).toMatchObject({ code: 'fileTooLarge', params: { size: '3', limit: '2' } });
    expectSaid(problem!, {
      'zh-Hans': '文件大小为 3 MB，上限为 2 MB。',
      'zh-Hant': '檔案大小為 3 MB，上限為 2 MB。',
      en: 'The file is 3 MB; the limit is 2 MB.',
    });
  });

  it('refuses text that is not JSON, with the parser’s own words as the detail', () => {
    const [problem] = refused('{"format": ');
    expect(problem?.code).toBe('notJson');
    const detail = problem?.code === 'notJson' ? problem.params.detail : '';
    expect(detail).toMatch(/JSON/);
    expectSaid(problem!, {
      'zh-Hans': `这不是有效的 JSON：${detail}`,
      'zh-Hant': `這不是有效的 JSON：${detail}`,
      en: `This is not JSON: ${detail}`,
    });
  });

  it('refuses JSON that is not a dataset', () => {
    const [problem] = refused(JSON.stringify({ format: 'something-else', formatVersion: 1 }));
    expect(problem).toMatchObject({ code: 'notDataset', params: { format: 'talent-overlay-dataset' } });
    expectSaid(problem!, {
      'zh-Hans': '这不是人才动向标注的数据集（应有 "format": "talent-overlay-dataset"）。',
      'zh-Hant': '這不是人才動向標註的資料集（應有 "format": "talent-overlay-dataset"）。',
      en: 'This is not a Talent Overlay dataset (expected "format": "talent-overlay-dataset").',
    });
  });

  it('names the parts a dataset lacks', () => {
    const [problem] = refused(JSON.stringify({ format: 'talent-overlay-dataset', formatVersion: 1, version: 'x' }));
    expect(problem).toMatchObject({
      code: 'lacksFields',
      params: { format: 'talent-overlay-dataset', fields: ['articles', 'entities', 'claims'] },
    });
    expectSaid(problem!, {
      'zh-Hans': '文件声明为 talent-overlay-dataset，但缺少 articles、entities、claims。',
      'zh-Hant': '檔案宣告為 talent-overlay-dataset，但缺少 articles、entities、claims。',
      en: 'The file says it is a talent-overlay-dataset but lacks articles, entities, claims.',
    });
  });

  it('refuses an unknown format', () => {
    const [problem] = refused(JSON.stringify({ ...tinyDataset(), format: 'other' }));
    expect(problem).toMatchObject({
      code: 'unknownFormat',
      field: 'format',
      params: { format: 'other', expected: 'talent-overlay-dataset' },
    });
    expectSaid(problem!, {
      'zh-Hans': '未知的格式 "other"，应为 "talent-overlay-dataset"。',
      'zh-Hant': '未知的格式 "other"，應為 "talent-overlay-dataset"。',
      en: 'Unknown format "other"; expected "talent-overlay-dataset".',
    });
  });

  it('refuses another format version, asking for an update when it is newer', () => {
    const [newer] = refused(JSON.stringify({ ...tinyDataset(), formatVersion: 2 }));
    expect(newer).toMatchObject({
      code: 'unsupportedVersion',
      field: 'formatVersion',
      params: { version: 2, supported: 1, newer: true },
    });
    expectSaid(newer!, {
      'zh-Hans': '不支持格式版本 2；此扩展只能读取版本 1（请更新扩展）。',
      'zh-Hant': '不支援格式版本 2；此擴充功能只能讀取版本 1（請更新擴充功能）。',
      en: 'Format version 2 is not supported; this extension reads version 1 (update the extension).',
    });
    const [older] = refused(JSON.stringify({ ...tinyDataset(), formatVersion: 0 }));
    expect(older).toMatchObject({ code: 'unsupportedVersion', params: { version: 0, newer: false } });
    expectSaid(older!, {
      'zh-Hans': '不支持格式版本 0；此扩展只能读取版本 1。',
      'zh-Hant': '不支援格式版本 0；此擴充功能只能讀取版本 1。',
      en: 'Format version 0 is not supported; this extension reads version 1.',
    });
  });
});

describe('records that break the schema', () => {
  const broken = () => {
    type Records = Record<string, unknown>[];
    const dataset = tinyDataset() as unknown as {
      version: string;
      articles: Records;
      entities: Records;
      claims: Records;
    };
    dataset.version = 'v1';
    const article = dataset.articles[0]!;
    article.url = 'javascript:alert(1)';
    article.summary = 5;
    article.extra = true;
    article.more = true;
    delete article.script;
    const [zhou, lin, bytedance, alibaba] = dataset.entities;
    zhou!.id = 'Zhou Chang';
    delete lin!.description;
    bytedance!.name = 'x'.repeat(100);
    alibaba!.mentions = [];
    alibaba!.kind = 'robot';
    const [move, level] = dataset.claims;
    move!.kind = 'robot';
    level!.date = { date: '2024-02-30' };
    return refused(JSON.stringify(dataset));
  };

  it('gives each issue as zod’s code and parameters, with what was found', () => {
    const problems = broken();
    expect(problems.every((problem) => problem.code === 'schema')).toBe(true);
    const url = only(problems, 'schema', 'articles[0].url');
    expect(url).toMatchObject({
      id: 'test-article',
      params: { issue: { code: 'invalid_format', format: 'url' }, got: 'javascript:alert(1)' },
    });
    expect(only(problems, 'schema', 'entities[1].description').params).toMatchObject({
      issue: { code: 'invalid_type', expected: 'string' },
      received: 'undefined',
    });
    expect(only(problems, 'schema', 'version').params).toMatchObject({ rule: 'dataVersion', got: 'v1' });
  });

  const cases: [string, Sentences][] = [
    [
      'version',
      {
        'zh-Hans': '版本号格式须为 YYYY.MM.DD 或 YYYY.MM.DD.N（实际为“v1”）',
        'zh-Hant': '版本號格式須為 YYYY.MM.DD 或 YYYY.MM.DD.N（實際為「v1」）',
        en: 'version: YYYY.MM.DD or YYYY.MM.DD.N (got "v1")',
      },
    ],
    [
      'articles[0].url',
      {
        'zh-Hans': '不是有效的网址（实际为“javascript:alert(1)”）',
        'zh-Hant': '不是有效的網址（實際為「javascript:alert(1)」）',
        en: 'Invalid URL (got "javascript:alert(1)")',
      },
    ],
    [
      'articles[0].summary',
      {
        'zh-Hans': '类型不符，应为字符串，实际为数字',
        'zh-Hant': '類型不符，應為字串，實際為數字',
        en: 'Invalid input: expected string, received number',
      },
    ],
    [
      'articles[0].script',
      {
        'zh-Hans': '取值无效，应为以下之一："zh-Hans"|"zh-Hant"|"en"',
        'zh-Hant': '取值無效，應為下列之一："zh-Hans"|"zh-Hant"|"en"',
        en: 'Invalid option: expected one of "zh-Hans"|"zh-Hant"|"en"',
      },
    ],
    [
      'articles[0]',
      {
        'zh-Hans': '未知的字段："extra", "more"',
        'zh-Hant': '未知的欄位："extra", "more"',
        en: 'Unrecognized keys: "extra", "more"',
      },
    ],
    [
      'entities[0].id',
      {
        'zh-Hans': '实体 id 须以 person:、org: 或 model: 开头，后接用 - 连接的小写字母和数字（实际为“Zhou Chang”）',
        'zh-Hant': '實體 id 須以 person:、org: 或 model: 開頭，後接以 - 連接的小寫字母和數字（實際為「Zhou Chang」）',
        en: 'entity id: person:|org:|model: then lower-case words joined by - (got "Zhou Chang")',
      },
    ],
    [
      'entities[1].description',
      {
        'zh-Hans': '缺少此字段（应为字符串）',
        'zh-Hant': '缺少此欄位（應為字串）',
        en: 'Invalid input: expected string, received undefined',
      },
    ],
    [
      'entities[2].name',
      {
        'zh-Hans': `过长，最多 80 个字符（实际为“${'x'.repeat(80)}…”）`,
        'zh-Hant': `過長，最多 80 個字元（實際為「${'x'.repeat(80)}…」）`,
        en: `Too big: expected string to have <=80 characters (got "${'x'.repeat(80)}…")`,
      },
    ],
    [
      'entities[3].mentions',
      {
        'zh-Hans': '项目过少，至少 1 项',
        'zh-Hant': '項目過少，至少 1 項',
        en: 'Too small: expected array to have >=1 items',
      },
    ],
    [
      'entities[3].kind',
      {
        'zh-Hans': '取值无效，应为以下之一："person"|"org"|"model"（实际为“robot”）',
        'zh-Hant': '取值無效，應為下列之一："person"|"org"|"model"（實際為「robot」）',
        en: 'Invalid option: expected one of "person"|"org"|"model" (got "robot")',
      },
    ],
    [
      'claims[0].kind',
      {
        'zh-Hans':
          "kind 的取值无效，应为以下之一：'role' | 'move' | 'founding' | 'level' | 'legal' | 'acquisition' | 'investment' | 'education' | 'development'（实际为“robot”）",
        'zh-Hant':
          "kind 的取值無效，應為下列之一：'role' | 'move' | 'founding' | 'level' | 'legal' | 'acquisition' | 'investment' | 'education' | 'development'（實際為「robot」）",
        en: `Invalid discriminator value. Expected 'role' | 'move' | 'founding' | 'level' | 'legal' | 'acquisition' | 'investment' | 'education' | 'development' (got "robot")`,
      },
    ],
    [
      'claims[1].date.date',
      {
        'zh-Hans': '日期无效，没有这个月份或日期（实际为“2024-02-30”）',
        'zh-Hant': '日期無效，沒有這個月份或日期（實際為「2024-02-30」）',
        en: 'date: no such month or day (got "2024-02-30")',
      },
    ],
  ];
  it.each(cases)('says the issue at %s in each language', (field, sentences) => {
    expectSaid(only(broken(), 'schema', field), sentences);
  });

  it('puts where the problem is before it, with the punctuation of the language', () => {
    const problem = only(broken(), 'schema', 'entities[1].description');
    expect(problemText(problem, translator('zh-Hans'), 'zh-Hans')).toBe(
      'person:lin-junyang › entities[1].description：缺少此字段（应为字符串）',
    );
    expect(problemText(problem, translator('en'), 'en')).toBe(
      'person:lin-junyang › entities[1].description: Invalid input: expected string, received undefined',
    );
  });

  it('shows a message of the schema’s own that it does not list as it is, in a translated sentence', () => {
    const problem: ImportProblem = {
      field: 'x',
      code: 'schema',
      params: { issue: { code: 'custom', path: [], message: 'must be odd' }, custom: true },
      message: 'must be odd',
    };
    expectSaid(problem, {
      'zh-Hans': '不符合要求：must be odd',
      'zh-Hant': '不符合要求：must be odd',
      en: 'must be odd',
    });
  });

  it('falls back to zod’s own locales for issue kinds the schema does not raise', () => {
    const problem: ImportProblem = {
      code: 'schema',
      params: { issue: { code: 'not_multiple_of', divisor: 5, path: [], message: '' } },
      message: 'Invalid number: must be a multiple of 5',
    };
    expectSaid(problem, {
      'zh-Hans': '无效数字：必须是 5 的倍数',
      'zh-Hant': '無效的數字：必須為 5 的倍數',
      en: 'Invalid number: must be a multiple of 5',
    });
  });
});

describe('the dataset checks', () => {
  /** The tiny dataset broken in every way the checks know. */
  function brokenEverywhere(): CheckProblem[] {
    const dataset = tinyDataset();
    const [zhou, lin, bytedance, alibaba] = dataset.entities as [
      Dataset['entities'][number],
      Dataset['entities'][number],
      Dataset['entities'][number],
      Dataset['entities'][number],
    ];
    dataset.entities.push(structuredClone(zhou));
    zhou.mentions = [{ article: 'test-article', quote: '林俊旸' }];
    lin.aliases.push({ text: '林俊旸', lang: 'zh-Hans', origin: 'knowledge' });
    lin.aliases.push({ text: '林', lang: 'zh-Hans', origin: 'knowledge' });
    bytedance.parent = 'org:nowhere';
    alibaba.parent = 'person:lin-junyang';
    alibaba.aliases.push({ text: '字节跳动', lang: 'zh-Hans', origin: 'knowledge' });
    alibaba.aliases.push({ text: 'Alibaba', lang: 'en', origin: 'source' });
    dataset.entities.push(
      org('org:loop-a', '一家公司', { parent: 'org:loop-b' }),
      org('org:loop-b', '大模型', { parent: 'org:loop-a' }),
    );
    const [move, level] = dataset.claims as [Dataset['claims'][number], Dataset['claims'][number]];
    Object.assign(move, {
      subject: 'person:nobody',
      from: 'org:bytedance',
      certainty: 'reported',
      date: { date: '2024', relative: true },
    });
    move.evidence.push({ article: 'nowhere', quote: '周暢' }, { article: 'test-article', quote: '从未说过的话' });
    Object.assign(level, { org: 'person:zhou-chang', hedge: '据悉' });
    dataset.claims.push({
      id: 'claim:t-role',
      kind: 'role',
      subject: 'person:zhou-chang',
      title: '技术负责人',
      status: 'former',
      certainty: 'stated',
      start: { date: '2024' },
      end: { date: '2023-06' },
      evidence: [{ article: 'test-article', quote: '技術負責人周暢' }],
    });
    // Inferred, and no note saying how the text implies it.
    dataset.claims.push({
      id: 'claim:t-inferred',
      kind: 'founding',
      subject: 'person:zhou-chang',
      org: 'org:bytedance',
      certainty: 'inferred',
      evidence: [{ article: 'test-article', quote: '周暢' }],
    });
    return checkDataset(dataset, { fold: foldForComparison });
  }

  // The English is exactly what data:build printed before the checks had codes.
  const cases: [CheckCode, string | undefined, object, Sentences][] = [
    [
      'duplicateId',
      undefined,
      { record: 'entity', position: 4 },
      {
        'zh-Hans': '实体 id 重复（在位置 4 再次出现）',
        'zh-Hant': '實體 id 重複（在位置 4 再次出現）',
        en: 'duplicate entity id (again at position 4)',
      },
    ],
    [
      'unknownArticle',
      'evidence[1].article',
      { article: 'nowhere' },
      { 'zh-Hans': '未知的文章“nowhere”', 'zh-Hant': '未知的文章「nowhere」', en: "unknown article 'nowhere'" },
    ],
    [
      'quoteNotFound',
      'evidence[2].quote',
      { article: 'test-article', quote: '从未说过的话' },
      {
        'zh-Hans': '在文章“test-article”中找不到这段引文：“从未说过的话”',
        'zh-Hant': '在文章「test-article」中找不到這段引文：「从未说过的话」',
        en: 'quote not found in article \'test-article\': "从未说过的话"',
      },
    ],
    [
      'strongNameShared',
      'aliases',
      { name: '字节跳动', owner: 'org:bytedance' },
      {
        'zh-Hans': '名称“字节跳动”也是 org:bytedance 的强名称；请在两处都标为弱名称（weak），或从其中一处删去',
        'zh-Hant': '名稱「字节跳动」也是 org:bytedance 的強名稱；請在兩處都標為弱名稱（weak），或從其中一處刪去',
        en: "name '字节跳动' is also a strong name of org:bytedance; mark it weak on both or drop it from one",
      },
    ],
    [
      'aliasNotInArticles',
      'aliases[1]',
      { alias: 'Alibaba' },
      {
        'zh-Hans': '别名“Alibaba”标为 origin "source"，却没有出现在任何文章中；如果出自常识，请改用 "knowledge"',
        'zh-Hant': '別名「Alibaba」標為 origin "source"，卻沒有出現在任何文章中；如果出自一般常識，請改用 "knowledge"',
        en: 'alias \'Alibaba\' is marked origin "source" but occurs in no article; use "knowledge" if it comes from general knowledge',
      },
    ],
    [
      'aliasRepeatsName',
      'aliases[0]',
      { alias: '林俊旸' },
      {
        'zh-Hans': '别名“林俊旸”与其他名称重复',
        'zh-Hant': '別名「林俊旸」與其他名稱重複',
        en: "alias '林俊旸' repeats another name",
      },
    ],
    [
      'aliasSingleCharacter',
      'aliases[1]',
      { alias: '林' },
      { 'zh-Hans': '别名“林”只有一个字', 'zh-Hant': '別名「林」只有一個字', en: "alias '林' is a single character" },
    ],
    [
      'quoteNamesNoName',
      'mentions[0].quote',
      { names: ['周畅'] },
      {
        'zh-Hans': '引文中没有出现该实体的任何名称（周畅）',
        'zh-Hant': '引文中沒有出現該實體的任何名稱（周畅）',
        en: "the quote names none of the entity's names (周畅)",
      },
    ],
    [
      'parentNotOrg',
      'parent',
      { parent: 'person:lin-junyang', kind: 'person' },
      {
        'zh-Hans': '上级“person:lin-junyang”是人物，不是机构',
        'zh-Hant': '上級「person:lin-junyang」是人物，不是機構',
        en: "parent 'person:lin-junyang' is a person, not an org",
      },
    ],
    [
      'wrongEntityKind',
      'org',
      { entity: 'person:zhou-chang', kind: 'person', claimKind: 'level', field: 'org', allowed: ['org'] },
      {
        'zh-Hans': '“person:zhou-chang”是人物；level 类记录的 org 必须是机构',
        'zh-Hant': '「person:zhou-chang」是人物；level 類記錄的 org 必須是機構',
        en: "'person:zhou-chang' is a person; a level claim's org must be org",
      },
    ],
    [
      'hedgeNotInQuotes',
      'hedge',
      { hedge: '据悉' },
      {
        'zh-Hans': 'hedge 措辞“据悉”不在该记录的任何引文中',
        'zh-Hant': 'hedge 措辭「据悉」不在該記錄的任何引文中',
        en: "hedge '据悉' is not in any of its quotes",
      },
    ],
    [
      'hedgeMissing',
      'hedge',
      { certainty: 'reported' },
      {
        'zh-Hans': '可信度为“报道”的记录须在 hedge 中写出引文里表明这一点的措辞',
        'zh-Hant': '可信度為「報導」的記錄須在 hedge 中寫出引文裡表明這一點的措辭',
        en: 'a reported claim names the hedge words in its quote that make it so',
      },
    ],
    [
      'inferenceUnexplained',
      'note',
      {},
      {
        'zh-Hans': '推断得出的记录须在 note 中说明文中如何暗示了这一点',
        'zh-Hant': '推斷得出的記錄須在 note 中說明文中如何暗示了這一點',
        en: 'an inferred claim says in its note how the text implies it',
      },
    ],
    [
      'relativeTimeWithoutWords',
      'date',
      {},
      {
        'zh-Hans': '相对时间须在 asWritten 中保留原文的说法（如“今年2月”）',
        'zh-Hant': '相對時間須在 asWritten 中保留原文的說法（如「今年2月」）',
        en: 'a relative time keeps its words in asWritten (今年2月)',
      },
    ],
    [
      'endsBeforeStart',
      'end',
      { start: '2024', end: '2023-06' },
      {
        'zh-Hans': '结束时间（2023-06）早于开始时间（2024）',
        'zh-Hant': '結束時間（2023-06）早於開始時間（2024）',
        en: 'ends (2023-06) before it starts (2024)',
      },
    ],
    [
      'moveToSameOrg',
      'to',
      {},
      {
        'zh-Hans': '动向的 from 和 to 是同一个机构',
        'zh-Hant': '動向的 from 與 to 是同一個機構',
        en: 'a move from and to the same organisation',
      },
    ],
  ];

  it('finds every kind of problem, each with its code', () => {
    const codes = new Set(brokenEverywhere().map((problem) => problem.code));
    const all: CheckCode[] = [...cases.map(([code]) => code), 'unknownEntity', 'parentLoop'];
    expect([...codes].sort()).toEqual([...new Set(all)].sort());
  });

  it.each(cases)('says %s (at %s) in each language', (code, field, params, sentences) => {
    const problem = only(brokenEverywhere(), code, field);
    expect(problem.params).toEqual(params);
    expectSaid(problem, sentences);
  });

  it('says an unknown entity and a parent loop, naming them as they are', () => {
    const problems = brokenEverywhere();
    const unknown = problems.filter((problem) => problem.code === 'unknownEntity');
    expect(unknown.map((problem) => [problem.id, problem.field, problem.params])).toEqual([
      ['org:bytedance', 'parent', { entity: 'org:nowhere' }],
      ['claim:t-zhou-chang-move', 'subject', { entity: 'person:nobody' }],
    ]);
    expectSaid(unknown[1]!, {
      'zh-Hans': '未知的实体“person:nobody”',
      'zh-Hant': '未知的實體「person:nobody」',
      en: "unknown entity 'person:nobody'",
    });
    const loops = problems.filter((problem) => problem.code === 'parentLoop');
    expect(loops.map((problem) => [problem.id, problem.params])).toEqual([
      ['org:loop-a', { parent: 'org:loop-a' }],
      ['org:loop-b', { parent: 'org:loop-b' }],
    ]);
    expectSaid(loops[0]!, {
      'zh-Hans': '上级关系形成循环，又回到了“org:loop-a”',
      'zh-Hant': '上級關係形成循環，又回到了「org:loop-a」',
      en: "parent chain loops back to 'org:loop-a'",
    });
  });

  it('joins the kinds a field allows with the language’s “or”', () => {
    const problem: ImportProblem = {
      code: 'wrongEntityKind',
      params: { entity: 'model:x', kind: 'model', claimKind: 'legal', field: 'against', allowed: ['person', 'org'] },
      message: "'model:x' is a model; a legal claim's against must be person or org",
    };
    expectSaid(problem, {
      'zh-Hans': '“model:x”是模型；legal 类记录的 against 必须是人物或机构',
      'zh-Hant': '「model:x」是模型；legal 類記錄的 against 必須是人物或機構',
      en: "'model:x' is a model; a legal claim's against must be person or org",
    });
  });

  it('reports them through readDataset too, as the worker does', () => {
    const dataset = tinyDataset();
    dataset.claims[0] = { ...dataset.claims[0]!, subject: 'person:nobody' };
    const [problem] = refused(JSON.stringify(dataset));
    expect(problem).toMatchObject({
      id: 'claim:t-zhou-chang-move',
      field: 'subject',
      code: 'unknownEntity',
      params: { entity: 'person:nobody' },
    });
    expect(problemText(problem!, translator('zh-Hant'), 'zh-Hant')).toBe(
      'claim:t-zhou-chang-move › subject：未知的實體「person:nobody」',
    );
  });
});

describe('any refused dataset', () => {
  /** Every path to a value inside a JSON value. */
  const paths = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
    typeof value !== 'object' || value === null
      ? [prefix]
      : [
          prefix,
          ...(Array.isArray(value)
            ? value.map((item, index) => [index, item] as const)
            : Object.entries(value)
          ).flatMap(([key, item]) => paths(item, [...prefix, key])),
        ];

  it('is said in English exactly as its message, and in Chinese with every placeholder filled', () => {
    const base = tinyDataset();
    const all = paths(base).filter((path) => path.length > 0);
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue(), fc.string()), fc.boolean(), (pick, value, remove) => {
        const json = structuredClone(base) as unknown as Record<string, unknown>;
        const path = all[pick % all.length]!;
        const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], json);
        const key = path.at(-1)!;
        if (remove && Array.isArray(parent)) parent.splice(key as number, 1);
        else if (remove) delete (parent as Record<string, unknown>)[key];
        else (parent as Record<string | number, unknown>)[key] = value;
        const result = readDataset(JSON.stringify(json));
        if (result.ok) return;
        for (const problem of result.problems) {
          expect(say(problem, 'en')).toBe(problem.message);
          // A {placeholder} left in Chinese is one not filled, unless the data itself holds it (then English has it too).
          const braces = (text: string) => text.match(/\{\w+\}/g) ?? [];
          for (const locale of ['zh-Hans', 'zh-Hant'] as const) {
            const said = say(problem, locale);
            expect(said.length).toBeGreaterThan(0);
            for (const left of braces(said)) expect(braces(problem.message)).toContain(left);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('downloads', () => {
  const url = new URL('https://example.com/dataset.json');
  const thrower = (error: Error) => async () => {
    throw error;
  };

  it('refuses an address that is not http(s)', async () => {
    const error = await failure(async () => parseDatasetUrl('file:///etc/passwd'));
    expect([error.code, error.params]).toEqual(['badAddress', {}]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': '请输入以 http:// 或 https:// 开头的网址。',
      'zh-Hant': '請輸入以 http:// 或 https:// 開頭的網址。',
      en: error.message,
    });
    expect(error.message).toBe('Enter an http:// or https:// address.');
  });

  it('gives up on a server that does not answer in time', async () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const error = await failure(() => downloadDataset(url, { fetcher: thrower(timeout) }));
    expect([error.code, error.params]).toEqual(['timeout', { host: 'example.com', seconds: 60 }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': 'example.com 在 60 秒内没有响应。',
      'zh-Hant': 'example.com 在 60 秒內沒有回應。',
      en: 'No answer from example.com within 60 seconds.',
    });
    expect(error.message).toBe('No answer from example.com within 60 seconds.');
  });

  it('says a host cannot be reached, with the browser’s words as the detail', async () => {
    const error = await failure(() => downloadDataset(url, { fetcher: thrower(new TypeError('fetch failed')) }));
    expect([error.code, error.params]).toEqual(['unreachable', { host: 'example.com', detail: 'fetch failed' }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': '无法连接 example.com：fetch failed',
      'zh-Hant': '無法連線到 example.com：fetch failed',
      en: 'Could not reach example.com: fetch failed',
    });
    expect(error.message).toBe('Could not reach example.com: fetch failed');
  });

  it('says what status the server answered', async () => {
    const notFound = async () => new Response('not here', { status: 404, statusText: 'Not Found' });
    const error = await failure(() => downloadDataset(url, { fetcher: notFound }));
    expect([error.code, error.params]).toEqual(['httpStatus', { host: 'example.com', status: '404 Not Found' }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': 'example.com 返回了 HTTP 状态 404 Not Found。',
      'zh-Hant': 'example.com 回傳了 HTTP 狀態 404 Not Found。',
      en: 'example.com answered 404 Not Found.',
    });
    const bare = await failure(() => downloadDataset(url, { fetcher: async () => new Response('', { status: 503 }) }));
    expect(bare.message).toBe('example.com answered 503.');
  });

  it('refuses a file over the limit, declared or as it arrives', async () => {
    const declared = async () =>
      new Response('{}', { headers: { 'content-length': String(3 * 1024 * 1024) } }) as Response;
    const maxBytes = 2 * 1024 * 1024;
    const error = await failure(() => downloadDataset(url, { fetcher: declared, maxBytes }));
    expect([error.code, error.params]).toEqual(['tooLarge', { limit: '2' }]);
    expect(sayAll(error)).toEqual({
      'zh-Hans': '文件超过了 2 MB 的上限。',
      'zh-Hant': '檔案超過了 2 MB 的上限。',
      en: 'The file is larger than the 2 MB limit.',
    });
    const streamed = async () => new Response(new Uint8Array(3 * 1024 * 1024));
    const late = await failure(() => downloadDataset(url, { fetcher: streamed, maxBytes }));
    expect([late.code, late.message]).toEqual(['tooLarge', 'The file is larger than the 2 MB limit.']);
  });
});

describe('worker and other errors', () => {
  const sayAll = (error: WorkerError) => {
    const message = workerErrorMessage(error);
    return LOCALES.map((locale) => translator(locale)(message.key, message.values));
  };

  it('says each worker error in each language', () => {
    expect(sayAll({ code: 'nothingToApply' })).toEqual([
      '没有可应用的内容，请先读取一个数据集。',
      '沒有可套用的內容，請先讀取一個資料集。',
      'Nothing to apply: read a dataset first.',
    ]);
    expect(sayAll({ code: 'noDataset' })).toEqual(['尚未安装数据集。', '尚未安裝資料集。', 'No dataset is installed.']);
    expect(sayAll({ code: 'noPrevious' })).toEqual([
      '没有可回滚的上一个数据集。',
      '沒有可還原的上一個資料集。',
      'There is no previous dataset to return to.',
    ]);
    expect(sayAll({ code: 'failed', detail: 'QuotaExceededError' })).toEqual([
      '操作失败：QuotaExceededError',
      '操作失敗：QuotaExceededError',
      'Something went wrong: QuotaExceededError',
    ]);
  });

  it('wraps anything else thrown in a translated sentence, its own words as the detail', () => {
    const message = errorMessage(new Error('Failed to fetch'));
    expect(translator('zh-Hant')(message.key, message.values)).toBe('操作失敗：Failed to fetch');
  });
});
