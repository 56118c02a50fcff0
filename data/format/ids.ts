/**
 * The dataset's ids and URLs, and the schema's own messages: the part of the format that the
 * message protocol needs too. Kept apart from schema.ts so that a content script, which checks
 * message payloads but never a dataset, does not build the whole dataset schema on every page
 * (zod builds each schema when its module loads). In zod/mini for the same reason: a classic zod
 * schema binds every one of its methods when made, a cost paid on every page. Mini schemas compose
 * with schema.ts's classic ones (one zod core).
 */
import { z } from 'zod/mini';

// zod's JIT probe calls `Function('')`, which MV3's content security policy blocks.
z.config({ jitless: true });

/**
 * The schema's own messages, in English (the build prints them). The options page recognises an
 * issue carrying one of them by its rule name and says it in the reader's language instead.
 */
export const SCHEMA_MESSAGES = {
  articleId: 'article id: lower-case words joined by -',
  entityId: 'entity id: person:|org:|model: then lower-case words joined by -',
  claimId: 'claim id: claim: then lower-case words joined by -',
  oneLine: 'must be one line with no surrounding whitespace',
  dateFormat: 'date: YYYY, YYYY-MM or YYYY-MM-DD',
  dateExists: 'date: no such month or day',
  moveEnds: 'a move needs from, to or both',
  dataVersion: 'version: YYYY.MM.DD or YYYY.MM.DD.N',
} as const;
export type SchemaRule = keyof typeof SCHEMA_MESSAGES;

/** The rule whose message this is, if it is one of the schema's own. */
export function schemaRuleOf(message: string): SchemaRule | undefined {
  return (Object.keys(SCHEMA_MESSAGES) as SchemaRule[]).find((rule) => SCHEMA_MESSAGES[rule] === message);
}

/** Ids are stable, lower-case and prefixed by their kind: person:zhou-chang, org:alibaba. */
const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';
export const ArticleId = z.string().check(z.regex(new RegExp(`^${slug}$`), SCHEMA_MESSAGES.articleId));
export const EntityId = z.string().check(z.regex(new RegExp(`^(person|org|model):${slug}$`), SCHEMA_MESSAGES.entityId));
export const ClaimId = z.string().check(z.regex(new RegExp(`^claim:${slug}$`), SCHEMA_MESSAGES.claimId));

/** Only http(s) URLs: anything else (javascript:, data:, file:) is refused. */
export const HttpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));
