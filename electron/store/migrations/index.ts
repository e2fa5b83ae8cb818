import type { Kysely } from 'kysely';
import { migration0001 } from './0001_membership';
import { migration0002 } from './0002_meetings';
import { migration0003 } from './0003_time';
import { migration0004 } from './0004_data';
import { migration0005 } from './0005_activity';
import { migration0006 } from './0006_erasures';
import { migration0007 } from './0007_record_versions';
import { migration0008 } from './0008_search';
import { migration0009 } from './0009_cerfa';
import { migration0010 } from './0010_accounts';
import { migration0011 } from './0011_time_validation';
import { migration0012 } from './0012_versions_everywhere';
import { migration0013 } from './0013_mail';
import { migration0015 } from './0015_civility_approval_vote';
import { migration0017 } from './0017_search_postgres';

export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/** Imported statically: bundlers cannot list a folder at run time. Never edit one that has landed; add the next. */

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0015, migration0017];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
