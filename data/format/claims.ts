/**
 * What a claim refers to: the fields of each kind that name an entity, with the kinds of entity each
 * may name, and the fields that hold a time. One list for every rule that needs it: the dataset
 * checks (a reference resolves, to the right kind) and the index of claims by entity (buckets.ts)
 * both derive from it. A unit test compares it with the schema, so a reference field added to a
 * claim kind there and forgotten here fails the tests.
 */
import type { Claim, ClaimKind, EntityKind, TimePoint } from './schema';

type Allowed = readonly EntityKind[];
const PERSON: Allowed = ['person'];
const ORG: Allowed = ['org'];
const AGENT: Allowed = ['person', 'org'];
const ANY: Allowed = ['person', 'org', 'model'];

type ClaimOfKind<K extends ClaimKind> = Extract<Claim, { kind: K }>;

/** Each claim kind's entity fields (its subject included) and the kinds of entity they may name. */
export const CLAIM_REFERENCES: { [K in ClaimKind]: Partial<Record<keyof ClaimOfKind<K>, Allowed>> } = {
  role: { subject: PERSON, org: ORG },
  move: { subject: PERSON, from: ORG, to: ORG },
  founding: { subject: AGENT, org: ORG },
  level: { subject: PERSON, org: ORG },
  legal: { subject: AGENT, against: AGENT },
  acquisition: { subject: AGENT, target: ['org', 'model'] },
  investment: { subject: AGENT, target: ORG },
  education: { subject: PERSON, org: ORG },
  development: { subject: ANY, model: ['model'] },
};

/** The entity fields a claim of this kind fills in, each with the id it names. */
export function claimReferences(claim: Claim): [field: string, id: string][] {
  const found: [string, string][] = [];
  for (const field of Object.keys(CLAIM_REFERENCES[claim.kind])) {
    const value = (claim as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string') found.push([field, value]);
  }
  return found;
}

/** Every entity id a claim refers to, its subject included, each once. */
export function claimRefs(claim: Claim): string[] {
  return [...new Set(claimReferences(claim).map(([, id]) => id))];
}

/** The fields that hold a time, in any kind of claim. */
export const TIME_FIELDS = ['date', 'start', 'end', 'asOf'] as const;

/** The time points a claim carries, with their field names. */
export function claimTimes(claim: Claim): [string, TimePoint][] {
  const times: [string, TimePoint][] = [];
  for (const field of TIME_FIELDS) {
    const value = (claim as Partial<Record<(typeof TIME_FIELDS)[number], TimePoint>>)[field];
    if (value !== undefined) times.push([field, value]);
  }
  return times;
}

/** The date a claim is about, for ordering and for telling versions of a fact apart. */
export function claimDate(claim: Claim): TimePoint | undefined {
  if ('date' in claim && claim.date) return claim.date;
  if (claim.kind === 'role') return claim.start ?? claim.asOf ?? claim.end;
  return undefined;
}
