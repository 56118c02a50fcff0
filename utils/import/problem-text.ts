/**
 * Says why an import was refused or failed, in the reader's language: the problems, download errors
 * and worker errors carry codes and parameters (data: ids, fields, quotes, what was found), and are
 * put into words here, when the options page renders, with its translator.
 *
 * Every English sentence here is the same as the `message` the pure modules make for the build and
 * for logs (the unit tests hold them to it).
 */
import { en as zodEn, zhCN as zodZhCN, zhTW as zodZhTW } from 'zod/locales';
import type { EntityKind } from '@/data/format/schema';
import type { Locale, Message, MessageKey, Translate } from '../i18n';
import { DownloadError } from './download';
import type { ImportProblem, SchemaIssueParams } from './validate';
import type { WorkerError } from './worker-protocol';

/** zod's own wording (its en, zh-CN and zh-TW locales), for issue kinds this schema does not raise today. */
const zodLocales: Record<Locale, (issue: never) => unknown> = {
  en: zodEn().localeError,
  'zh-Hans': zodZhCN().localeError,
  'zh-Hant': zodZhTW().localeError,
};

/** One line: where the problem is (id › field) and what it is. */
export function problemText(problem: ImportProblem, t: Translate, locale: Locale): string {
  const where = [problem.file, problem.id, problem.field].filter(Boolean).join(' › ');
  const message = problemMessage(problem, t, locale);
  return where ? t('problemAt', { where, message }) : message;
}

/** What the problem is, without where. */
export function problemMessage(problem: ImportProblem, t: Translate, locale: Locale): string {
  const list = (items: readonly string[]) => items.join(t('problemListSeparator'));
  const kind = (value: EntityKind) => t(`problemKind_${value}`);
  switch (problem.code) {
    case 'schema':
      return schemaMessage(problem.params, t, locale);
    case 'unsupportedVersion': {
      const { version, supported, newer } = problem.params;
      return t(newer ? 'problem_unsupportedVersionNewer' : 'problem_unsupportedVersion', { version, supported });
    }
    case 'tooManyRecords': {
      const { record, count, limit } = problem.params;
      return t(`problem_tooManyRecords_${record}`, { count, limit });
    }
    case 'lacksFields':
      return t('problem_lacksFields', { format: problem.params.format, fields: list(problem.params.fields) });
    case 'duplicateId':
      return t('problem_duplicateId', {
        record: t(`problemRecord_${problem.params.record}`),
        position: problem.params.position,
      });
    case 'quoteNamesNoName':
      return t('problem_quoteNamesNoName', { names: list(problem.params.names) });
    case 'parentNotOrg':
      return t('problem_parentNotOrg', { parent: problem.params.parent, kind: kind(problem.params.kind) });
    case 'wrongEntityKind': {
      const { entity, claimKind, field, allowed } = problem.params;
      const either = allowed.map(kind).reduce((a, b) => t('problemOr', { a, b }));
      return t('problem_wrongEntityKind', {
        entity,
        kind: kind(problem.params.kind),
        claimKind,
        field,
        allowed: either,
      });
    }
    case 'hedgeMissing':
      return t('problem_hedgeMissing', { certainty: t(`certainty_${problem.params.certainty}`) });
    default:
      // The rest name only data (ids, names, quotes, dates), shown as they are.
      return t(`problem_${problem.code}`, problem.params);
  }
}

/** A schema issue: the schema's own rules by name, zod's issue kinds from their parameters. */
function schemaMessage(params: SchemaIssueParams, t: Translate, locale: Locale): string {
  const text = issueMessage(params, t, locale);
  return params.got === undefined ? text : text + t('problemGot', { value: params.got });
}

function issueMessage(
  { issue, received, rule, custom, moreKeys }: SchemaIssueParams,
  t: Translate,
  locale: Locale,
): string {
  if (rule) return t(`schemaRule_${rule}`);
  if (custom) return t('problem_schemaCustom', { detail: issue.message });
  const type = (name: string) => (isTypeName(name) ? t(`type_${name}`) : name);
  switch (issue.code) {
    case 'invalid_type':
      if (received === 'undefined') return t('problem_schemaMissing', { expected: type(issue.expected) });
      if (received !== undefined) {
        return t('problem_schemaType', { expected: type(issue.expected), received: type(received) });
      }
      break;
    case 'invalid_value':
      return issue.values.length === 1
        ? t('problem_schemaValue', { value: primitive(issue.values[0]) })
        : t('problem_schemaOption', { values: issue.values.map(primitive).join('|') });
    case 'too_big':
    case 'too_small': {
      // Lengths with an inclusive bound, as this schema sets them; anything else in zod's words.
      if (issue.exact || !issue.inclusive) break;
      const key = sizeKeys[issue.code][issue.origin as 'string' | 'array'];
      if (!key) break;
      return issue.code === 'too_big'
        ? t(key, { maximum: String(issue.maximum) })
        : t(key, { minimum: String(issue.minimum) });
    }
    case 'invalid_format':
      if (issue.format === 'url') return t('problem_schemaUrl');
      break;
    case 'unrecognized_keys':
      if (moreKeys) {
        return t('problem_schemaUnknownKeysMore', { keys: issue.keys.map(primitive).join(', '), more: moreKeys });
      }
      return t(issue.keys.length > 1 ? 'problem_schemaUnknownKeys' : 'problem_schemaUnknownKey', {
        keys: issue.keys.map(primitive).join(', '),
      });
    case 'invalid_union':
      if ('options' in issue && issue.discriminator && issue.options?.length) {
        return t('problem_schemaDiscriminator', {
          discriminator: issue.discriminator,
          options: issue.options.map((option) => `'${String(option)}'`).join(' | '),
        });
      }
      break;
  }
  return zodWords(issue, locale);
}

const sizeKeys: Record<'too_big' | 'too_small', Partial<Record<'string' | 'array', MessageKey>>> = {
  too_big: { string: 'problem_schemaTooLong', array: 'problem_schemaTooMany' },
  too_small: { string: 'problem_schemaTooShort', array: 'problem_schemaTooFew' },
};

const TYPE_NAMES = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;
function isTypeName(name: string): name is (typeof TYPE_NAMES)[number] {
  return (TYPE_NAMES as readonly string[]).includes(name);
}

/** A value as zod quotes it in a message: strings in double quotes, the rest as they print. */
function primitive(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** zod's own message for the issue in the reader's language (zod's zh-CN and zh-TW locales). */
function zodWords(issue: SchemaIssueParams['issue'], locale: Locale): string {
  const words = zodLocales[locale](issue as never);
  if (typeof words === 'string') return words;
  if (words && typeof words === 'object' && 'message' in words) return String(words.message);
  return issue.message;
}

/** A failed download, to show with `t(message.key, message.values)`. */
export function downloadErrorMessage(error: DownloadError): Message {
  return { key: `download_${error.code}`, values: error.params };
}

/** Whatever was thrown while importing: a download error by its code, anything else with its own words. */
export function errorMessage(error: unknown): Message {
  if (error instanceof DownloadError) return downloadErrorMessage(error);
  return { key: 'importError_failed', values: { detail: error instanceof Error ? error.message : String(error) } };
}

/** A failed worker request, likewise. */
export function workerErrorMessage(error: WorkerError): Message {
  return error.code === 'failed'
    ? { key: 'importError_failed', values: { detail: error.detail } }
    : { key: `importError_${error.code}` };
}
