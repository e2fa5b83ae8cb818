import type { Kysely } from 'kysely';
import { migration0001 } from './0001_membership';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** Imported statically: bundlers cannot list a folder at run time. Never edit one that has landed; add the next. */
export const MIGRATIONS: readonly Migration[] = [migration0001];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
