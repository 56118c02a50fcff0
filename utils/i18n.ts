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
  pageReady: 'Active on this page · {count} entities loaded',
  pageUnavailable: 'This page cannot be marked (browser pages and the extension’s own pages are skipped).',
  openOptions: 'Settings and data',
  optionsTitle: 'Talent Overlay: settings and data',
  optionsDataset: 'Installed dataset',
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
  pageReady: '已在本页启用 · 已载入 {count} 个实体',
  pageUnavailable: '此页面无法标注（浏览器页面与扩展自身页面会被跳过）。',
  openOptions: '设置与数据',
  optionsTitle: '人才动向标注：设置与数据',
  optionsDataset: '已安装的数据集',
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
  pageReady: '已在本頁啟用 · 已載入 {count} 個實體',
  pageUnavailable: '此頁面無法標註（瀏覽器頁面與擴充功能本身的頁面會略過）。',
  openOptions: '設定與資料',
  optionsTitle: '人才動向標註：設定與資料',
  optionsDataset: '已安裝的資料集',
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
