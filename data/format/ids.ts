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
  urlUserInfo: 'a URL may not carry a user name or password (user@host)',
  urlPrivateHost: 'a URL may not point to this computer or a private network (localhost, 10.x, 192.168.x, *.local…)',
} as const;
export type SchemaRule = keyof typeof SCHEMA_MESSAGES;

/** The rule whose message this is, if it is one of the schema's own. */
export function schemaRuleOf(message: string): SchemaRule | undefined {
  return (Object.keys(SCHEMA_MESSAGES) as SchemaRule[]).find((rule) => SCHEMA_MESSAGES[rule] === message);
}

/** Ids are stable, lower-case and prefixed by their kind: person:zhou-chang, org:alibaba. */
const slug = '[a-z0-9]+(?:-[a-z0-9]+)*';

/** The longest id any record may have. */
export const MAX_ID_LENGTH = 200;

const slugId = (pattern: RegExp, message: string) =>
  z.string().check(z.maxLength(MAX_ID_LENGTH), z.regex(pattern, message));
export const ArticleId = slugId(new RegExp(`^${slug}$`), SCHEMA_MESSAGES.articleId);
export const EntityId = slugId(new RegExp(`^(person|org|model):${slug}$`), SCHEMA_MESSAGES.entityId);
export const ClaimId = slugId(new RegExp(`^claim:${slug}$`), SCHEMA_MESSAGES.claimId);

/**
 * Hosts a URL from a dataset or typed for an import may not name: this computer, private networks
 * and link-local addresses, by name or by address (the URL parser has already turned 0x7f.1 and
 * 2130706433 into 127.0.0.1). A public name that resolves to a private address cannot be seen from
 * here; the browser's own protections are what remains for that.
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  if (host.startsWith('[')) return isPrivateIpv6(host.slice(1, -1));
  const ipv4 = parseIpv4(host);
  return ipv4 !== undefined && isPrivateIpv4(ipv4);
}

function parseIpv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function isPrivateIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network": 0.0.0.0 reaches this computer
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // shared address space (carrier NAT)
    (a === 169 && b === 254) || // link-local
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168)
  );
}

/** An IPv6 address as the URL parser writes it (compressed, lower case, no brackets). */
function isPrivateIpv6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  // IPv4-mapped and -compatible addresses name an IPv4 host: ::ffff:7f00:1 is 127.0.0.1.
  const mapped = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) {
    const high = Number.parseInt(mapped[1]!, 16);
    const low = Number.parseInt(mapped[2]!, 16);
    return isPrivateIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  const first = Number.parseInt(address.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7, unique local
    (first & 0xffc0) === 0xfe80 // fe80::/10, link-local
  );
}

/** Why a URL's address is refused, if it is: a user name or password in it, or a private host. */
export function urlAddressRule(url: URL): 'urlUserInfo' | 'urlPrivateHost' | undefined {
  if (url.username !== '' || url.password !== '') return 'urlUserInfo';
  if (isPrivateHost(url.hostname)) return 'urlPrivateHost';
  return undefined;
}

/** A check that the URL does not break `rule` (a value that is no http(s) URL is the format check's to refuse). */
const addressRule = (rule: 'urlUserInfo' | 'urlPrivateHost') =>
  z.refine((value: unknown) => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      return true;
    }
    return !/^https?:$/.test(url.protocol) || urlAddressRule(url) !== rule;
  }, SCHEMA_MESSAGES[rule]);

/**
 * Only http(s) URLs (anything else, javascript:, data:, file:, is refused), to a public host and
 * without a user name or password: a dataset's source URLs are opened when a reader clicks a citation.
 */
export const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .check(z.maxLength(2048), addressRule('urlUserInfo'), addressRule('urlPrivateHost'));
