/**
 * Interface strings in Simplified Chinese, Traditional Chinese and English.
 *
 * Hand-written rather than browser.i18n because users may choose a language other than the
 * browser's (a setting), which browser.i18n cannot do. Every locale must define every key: the
 * `Catalog` type makes a missing translation a type error.
 */
const en = {
  appName: 'Talent Overlay',
  loading: 'Loading…',
  datasetVersion: 'Dataset {version}',
  datasetCounts: '{people} people · {orgs} organisations · {models} models · {claims} claims',
  datasetSourceBundled: 'bundled with the extension',
  datasetSourceFile: 'imported from file {name}',
  datasetSourceUrl: 'imported from {url}',
  datasetInstalledAt: 'installed {date}',
  datasetMissing: 'No dataset is installed yet. Open the settings to install one.',
  pageUnavailable: 'This page cannot be marked (browser pages and the extension’s own pages are skipped).',
  openOptions: 'Settings and data',
  optionsTitle: 'Talent Overlay: settings and data',
  optionsDataset: 'Installed dataset',
  kind_person: 'Person',
  kind_org: 'Organisation',
  kind_model: 'AI model or product',
  asWritten: 'written here as {name}',
  partOf: 'Part of {name}',
  sectionTeams: 'Teams and products',
  sectionRoles: 'Roles and levels',
  sectionMoves: 'Moves',
  sectionJoined: 'Who joined',
  sectionLeft: 'Who left',
  sectionPeople: 'People here',
  sectionEvents: 'Events',
  sectionSources: 'Sources',
  certainty_stated: 'stated',
  certainty_reported: 'reported',
  certainty_rumoured: 'rumoured',
  certaintyHelp_stated: 'The article states this as fact.',
  certaintyHelp_reported: 'The article attributes this to a named source or report.',
  certaintyHelp_rumoured: 'The article hedges this (hearsay, anonymous sources).',
  disputed: 'Sources disagree',
  former: 'former',
  current: 'current',
  since: 'from {time}',
  until: 'until {time}',
  asOf: 'as of {time}',
  approx: 'c. {time}',
  unknownOrg: 'somewhere unknown',
  moveFromTo: '{from} → {to}',
  level: 'level {level}',
  promotedTo: 'promoted to {level}',
  founded: 'founded {org}',
  legal_arbitration: 'arbitration against {against}',
  legal_lawsuit: 'lawsuit against {against}',
  legal_other: 'legal action against {against}',
  acquired: 'acquired {target}',
  invested: 'invested in {target}',
  studied: 'studied at {org}',
  noClaims: 'Nothing recorded about roles or moves yet.',
  openInSearch: 'Open in Talent Overlay',
  openSource: 'Read the source',
  noTitle: 'untitled',
  publishedEstimated: '{date} (estimated)',
  publisherUnknown: 'publisher not given',
  back: 'Back',
  close: 'Close',
  cardLoading: 'Loading…',
  cardError: 'Could not load this entry.',
  sourceQuote: 'Quote',
  notFromSource: 'not from a source',
  searchPlaceholder: 'Search people, organisations, models…',
  searchLabel: 'Search the dataset',
  searching: 'Searching…',
  noResults: 'Nothing matches “{query}”. Try another spelling, the other script, pinyin (zhouchang) or initials (zc).',
  resultsLabel: 'Results',
  matchedAlias: 'matched {name}',
  onThisPage: 'On this page',
  onThisPageEmpty: 'No known names are marked on this page.',
  onThisPageOff: 'Marking is off on this page.',
  markCount: '{count}×',
  revealHint: 'Choose one to show it on the page.',
  markThisSite: 'Mark names on {site}',
  summaryMove: '{from} → {to}',
  summaryRole: '{title} · {org}',
  summaryLevel: '{level} · {org}',
  keyboardHelp: 'On a page: Alt+Shift+J / K moves between marked names and opens a card; Esc closes it.',
  datasetShort: 'Dataset {version}',
} as const;

export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

const zhHans: Catalog = {
  appName: '人才动向标注',
  loading: '加载中…',
  datasetVersion: '数据集 {version}',
  datasetCounts: '{people} 位人物 · {orgs} 个机构 · {models} 个模型 · {claims} 条记录',
  datasetSourceBundled: '随扩展附带',
  datasetSourceFile: '从文件 {name} 导入',
  datasetSourceUrl: '从 {url} 导入',
  datasetInstalledAt: '安装于 {date}',
  datasetMissing: '尚未安装数据集。请打开设置安装。',
  pageUnavailable: '此页面无法标注（浏览器页面与扩展自身页面会被跳过）。',
  openOptions: '设置与数据',
  optionsTitle: '人才动向标注：设置与数据',
  optionsDataset: '已安装的数据集',
  kind_person: '人物',
  kind_org: '机构',
  kind_model: 'AI 模型或产品',
  asWritten: '本页写作“{name}”',
  partOf: '隶属于{name}',
  sectionTeams: '下属团队与产品',
  sectionRoles: '职务与职级',
  sectionMoves: '动向',
  sectionJoined: '加入者',
  sectionLeft: '离开者',
  sectionPeople: '相关人物',
  sectionEvents: '事件',
  sectionSources: '来源',
  certainty_stated: '明确',
  certainty_reported: '报道',
  certainty_rumoured: '传闻',
  certaintyHelp_stated: '文章明确陈述。',
  certaintyHelp_reported: '文章援引具名来源或报道。',
  certaintyHelp_rumoured: '文章有所保留（消息称、知情人士等）。',
  disputed: '说法不一',
  former: '前',
  current: '现任',
  since: '{time}起',
  until: '至{time}',
  asOf: '{time}时',
  approx: '约{time}',
  unknownOrg: '未知去向',
  moveFromTo: '{from} → {to}',
  level: '职级 {level}',
  promotedTo: '晋升至 {level}',
  founded: '创立{org}',
  legal_arbitration: '对{against}申请仲裁',
  legal_lawsuit: '起诉{against}',
  legal_other: '对{against}采取法律行动',
  acquired: '收购{target}',
  invested: '投资{target}',
  studied: '毕业于{org}',
  noClaims: '暂无职务或动向记录。',
  openInSearch: '在人才动向标注中查看',
  openSource: '查看原文',
  noTitle: '无标题',
  publishedEstimated: '{date}（推测）',
  publisherUnknown: '未注明发布方',
  back: '返回',
  close: '关闭',
  cardLoading: '加载中…',
  cardError: '无法载入此条目。',
  sourceQuote: '原文',
  notFromSource: '非来自原文',
  searchPlaceholder: '搜索人物、机构、模型…',
  searchLabel: '搜索数据集',
  searching: '搜索中…',
  noResults: '没有与“{query}”匹配的结果。可换个写法、繁简体、拼音（zhouchang）或首字母（zc）试试。',
  resultsLabel: '搜索结果',
  matchedAlias: '匹配“{name}”',
  onThisPage: '本页人物与机构',
  onThisPageEmpty: '本页没有标注到已知的名字。',
  onThisPageOff: '本页已关闭标注。',
  markCount: '{count} 处',
  revealHint: '点选即可在页面上定位。',
  markThisSite: '在 {site} 上标注',
  summaryMove: '{from} → {to}',
  summaryRole: '{title} · {org}',
  summaryLevel: '{level} · {org}',
  keyboardHelp: '在网页上：Alt+Shift+J / K 在标注之间移动并打开卡片；Esc 关闭。',
  datasetShort: '数据集 {version}',
};

const zhHant: Catalog = {
  appName: '人才動向標註',
  loading: '載入中…',
  datasetVersion: '資料集 {version}',
  datasetCounts: '{people} 位人物 · {orgs} 個機構 · {models} 個模型 · {claims} 筆記錄',
  datasetSourceBundled: '隨擴充功能附帶',
  datasetSourceFile: '從檔案 {name} 匯入',
  datasetSourceUrl: '從 {url} 匯入',
  datasetInstalledAt: '安裝於 {date}',
  datasetMissing: '尚未安裝資料集。請開啟設定安裝。',
  pageUnavailable: '此頁面無法標註（瀏覽器頁面與擴充功能本身的頁面會略過）。',
  openOptions: '設定與資料',
  optionsTitle: '人才動向標註：設定與資料',
  optionsDataset: '已安裝的資料集',
  kind_person: '人物',
  kind_org: '機構',
  kind_model: 'AI 模型或產品',
  asWritten: '本頁寫作「{name}」',
  partOf: '隸屬於{name}',
  sectionTeams: '下屬團隊與產品',
  sectionRoles: '職務與職級',
  sectionMoves: '動向',
  sectionJoined: '加入者',
  sectionLeft: '離開者',
  sectionPeople: '相關人物',
  sectionEvents: '事件',
  sectionSources: '來源',
  certainty_stated: '明確',
  certainty_reported: '報導',
  certainty_rumoured: '傳聞',
  certaintyHelp_stated: '文章明確陳述。',
  certaintyHelp_reported: '文章援引具名來源或報導。',
  certaintyHelp_rumoured: '文章有所保留（消息稱、知情人士等）。',
  disputed: '說法不一',
  former: '前',
  current: '現任',
  since: '{time}起',
  until: '至{time}',
  asOf: '{time}時',
  approx: '約{time}',
  unknownOrg: '未知去向',
  moveFromTo: '{from} → {to}',
  level: '職級 {level}',
  promotedTo: '晉升至 {level}',
  founded: '創立{org}',
  legal_arbitration: '對{against}申請仲裁',
  legal_lawsuit: '起訴{against}',
  legal_other: '對{against}採取法律行動',
  acquired: '收購{target}',
  invested: '投資{target}',
  studied: '畢業於{org}',
  noClaims: '暫無職務或動向記錄。',
  openInSearch: '在人才動向標註中查看',
  openSource: '查看原文',
  noTitle: '無標題',
  publishedEstimated: '{date}（推測）',
  publisherUnknown: '未註明發布方',
  back: '返回',
  close: '關閉',
  cardLoading: '載入中…',
  cardError: '無法載入此條目。',
  sourceQuote: '原文',
  notFromSource: '非來自原文',
  searchPlaceholder: '搜尋人物、機構、模型…',
  searchLabel: '搜尋資料集',
  searching: '搜尋中…',
  noResults: '沒有與「{query}」相符的結果。可換個寫法、繁簡體、拼音（zhouchang）或首字母（zc）試試。',
  resultsLabel: '搜尋結果',
  matchedAlias: '相符「{name}」',
  onThisPage: '本頁人物與機構',
  onThisPageEmpty: '本頁沒有標註到已知的名字。',
  onThisPageOff: '本頁已關閉標註。',
  markCount: '{count} 處',
  revealHint: '點選即可在頁面上定位。',
  markThisSite: '在 {site} 上標註',
  summaryMove: '{from} → {to}',
  summaryRole: '{title} · {org}',
  summaryLevel: '{level} · {org}',
  keyboardHelp: '在網頁上：Alt+Shift+J / K 在標註之間移動並開啟卡片；Esc 關閉。',
  datasetShort: '資料集 {version}',
};

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Catalog> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** The interface locale for a list of browser languages (navigator.languages). */
export function detectLocale(languages: readonly string[]): Locale {
  for (const raw of languages) {
    const tag = raw.toLowerCase();
    if (/^zh-(hant|tw|hk|mo)/.test(tag)) return 'zh-Hant';
    if (tag.startsWith('zh')) return 'zh-Hans';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, values) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}

/** BCP 47 tag for Intl formatting. */
export function intlTag(locale: Locale): string {
  return locale === 'zh-Hans' ? 'zh-CN' : locale === 'zh-Hant' ? 'zh-TW' : 'en-GB';
}

/** A partial date in the reader's locale: 2024年10月 / Oct 2024; estimated ones marked as such. */
export function formatPartialDate(time: { date: string; estimated?: boolean }, locale: Locale, t: Translate): string {
  const [year, month, day] = time.date.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(year, (month ?? 1) - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month !== undefined) options.month = 'short';
  if (day !== undefined) options.day = 'numeric';
  const text = new Intl.DateTimeFormat(intlTag(locale), options).format(date);
  return time.estimated ? t('approx', { time: text }) : text;
}
