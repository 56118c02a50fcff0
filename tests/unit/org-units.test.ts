/**
 * An organisation's card speaks for its units: roles, arrivals and events of its labs and teams,
 * at any depth, each labelled with its unit; a person's card is unchanged.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim } from '@/data/format/schema';
import { installDataset } from '@/utils/dataset-store';
import { OverlayDatabase } from '@/utils/db';
import { getEntityDetails } from '@/utils/entity-details';
import { buildEntityView } from '@/utils/entity-view';
import { org, tinyDataset } from './fixtures';

const databases: OverlayDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.delete();
});

const evidence = [{ article: 'test-article', quote: '林俊旸' }];

async function installed() {
  const dataset = tinyDataset();
  dataset.entities.push(
    org('org:damo', '达摩院', { parent: 'org:alibaba' }),
    org('org:damo-lab', '达摩院智能计算实验室', { parent: 'org:damo' }),
  );
  dataset.claims.push(
    {
      id: 'claim:t-lin-lab-role',
      kind: 'role',
      subject: 'person:lin-junyang',
      org: 'org:damo-lab',
      title: '算法专家',
      status: 'former',
      certainty: 'stated',
      evidence,
    } as Claim,
    {
      id: 'claim:t-zhou-joined-lab',
      kind: 'move',
      subject: 'person:zhou-chang',
      to: 'org:damo-lab',
      certainty: 'stated',
      evidence,
    } as Claim,
  );
  const db = new OverlayDatabase(`units-${databases.length}-${Date.now()}`);
  databases.push(db);
  await installDataset(db, dataset, { kind: 'bundled' });
  return db;
}

describe('an organisation’s card', () => {
  it('includes its units’ people and arrivals, at any depth, with the unit named', async () => {
    const db = await installed();
    for (const id of ['org:damo', 'org:alibaba']) {
      const details = (await getEntityDetails(db, id))!;
      const view = buildEntityView(details);
      expect(view.people.map((line) => line.claim.id)).toContain('claim:t-lin-lab-role');
      expect(view.joined.map((line) => line.claim.id)).toContain('claim:t-zhou-joined-lab');
      // Labelled with the unit: the claim's own org, which the card shows.
      expect(details.entities['org:damo-lab']?.name).toBe('达摩院智能计算实验室');
    }
  });

  it('leaves a person’s card to the person’s own claims', async () => {
    const db = await installed();
    const details = (await getEntityDetails(db, 'person:zhou-chang'))!;
    expect(details.claims.map((claim) => claim.id).sort()).toEqual([
      'claim:t-zhou-chang-move',
      'claim:t-zhou-joined-lab',
    ]);
  });
});
