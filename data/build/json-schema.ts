/** The dataset format as JSON Schema, for people and tools outside TypeScript. */
import { z } from 'zod';
import { DATASET_FORMAT, DATASET_FORMAT_VERSION, Dataset } from '../format/schema';

export function datasetJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Dataset, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    title: `Talent Overlay dataset (${DATASET_FORMAT} v${DATASET_FORMAT_VERSION})`,
    description:
      'Articles, entities (people, organisations, models) and claims about them, each claim with verbatim evidence. ' +
      'Generated from data/format/schema.ts; checks the schema cannot express (references, quotes) are in data/format/checks.ts.',
  };
}
