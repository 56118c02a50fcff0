/**
 * The extension's IndexedDB, owned by the background. Content scripts run in the page's origin and
 * cannot open it: they ask the background through messages (utils/messaging.ts).
 */
import Dexie, { type Table } from 'dexie';
import type { Article, Claim, Entity } from '@/data/schema';

/** A claim as stored: with every entity it refers to, for "who joined this organisation" lookups. */
export type StoredClaim = Claim & { refs: string[] };

export type DatasetSource = { kind: 'bundled' } | { kind: 'file'; name: string } | { kind: 'url'; url: string };

/** What is installed, kept in the `meta` table under the key 'installed'. */
export interface InstalledDataset {
  version: string;
  formatVersion: number;
  description?: string;
  source: DatasetSource;
  /** Milliseconds since the epoch. */
  installedAt: number;
  counts: { articles: number; people: number; orgs: number; models: number; claims: number };
}

export interface MetaRow {
  key: 'installed';
  value: InstalledDataset;
}

/** The installed dataset ('current') and the one before it ('previous'), as JSON text, for rollback. */
export interface Snapshot {
  key: 'current' | 'previous';
  info: InstalledDataset;
  json: string;
}

export const DATABASE_NAME = 'talent-overlay';

export class OverlayDatabase extends Dexie {
  entities!: Table<Entity, string>;
  claims!: Table<StoredClaim, string>;
  articles!: Table<Article, string>;
  meta!: Table<MetaRow, string>;
  snapshots!: Table<Snapshot, string>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Each schema change is a new version() with an upgrade; never edit a released version.
    this.version(1).stores({
      entities: 'id, kind, parent',
      claims: 'id, kind, subject, *refs',
      articles: 'id',
      meta: 'key',
    });
    // Version 2 keeps the previous dataset for rollback.
    this.version(2).stores({ snapshots: 'key' });
  }

  /** The tables an install replaces, in one transaction. */
  get datasetTables() {
    return [this.entities, this.claims, this.articles, this.meta];
  }
}
