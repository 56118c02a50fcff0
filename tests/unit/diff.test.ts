import { describe, expect, it } from 'vitest';
import { diffDatasets, sameRecord } from '@/utils/import/diff';
import { org, person, tinyDataset } from './fixtures';

describe('comparing records', () => {
  it.each([
    ['equal scalars', 1, 1, true],
    ['different scalars', 'a', 'b', false],
    ['objects whatever their key order', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    ['an undefined field as an absent one', { a: 1, b: undefined }, { a: 1 }, true],
    ['arrays in order only', [1, 2], [2, 1], false],
    ['an array and an object', [], {}, false],
    ['null and an object', null, {}, false],
    ['nested differences', { a: { b: [{ c: 1 }] } }, { a: { b: [{ c: 2 }] } }, false],
  ])('%s', (_, a, b, same) => {
    expect(sameRecord(a, b)).toBe(same);
  });
});

describe('what an import would change', () => {
  it('lists records added, removed and changed, by kind', () => {
    const before = tinyDataset();
    const after = tinyDataset({
      version: '2026.02.01',
      entities: [...before.entities.filter((entity) => entity.id !== 'org:alibaba'), org('org:meta', 'Meta')].map(
        (entity) => (entity.id === 'person:zhou-chang' ? { ...entity, description: '新的描述' } : entity),
      ),
    });
    expect(diffDatasets(before, after)).toEqual({
      fromVersion: '2026.01.01',
      toVersion: '2026.02.01',
      articles: { added: [], removed: [], changed: [] },
      entities: { added: ['org:meta'], removed: ['org:alibaba'], changed: ['person:zhou-chang'] },
      claims: { added: [], removed: [], changed: [] },
    });
  });

  it('counts everything as added when nothing is installed', () => {
    const diff = diffDatasets(undefined, tinyDataset({ entities: [person('person:a', '甲')] }));
    expect(diff.fromVersion).toBeNull();
    expect(diff.entities.added).toEqual(['person:a']);
    expect(diff.claims.added).toHaveLength(2);
  });
});
