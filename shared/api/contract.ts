import '../validation/zod-issues';
import { z } from 'zod';
import { method } from './method';
import { meetingsContract } from '../features/meetings/contract';
import { timeContract } from '../features/time/contract';
import { activitiesContract } from '../features/activities/contract';
import { dataContract } from '../features/data/contract';
import { filesContract } from './files';
import { membershipsContract } from '../features/memberships/contract';
import { organisationsContract } from '../features/organisations/contract';
import { peopleContract } from '../features/people/contract';
import { settingsContract } from '../features/settings/contract';
import { searchContract } from '../features/search/contract';
import { databaseContract } from '../features/database/contract';
import { documentsContract } from '../features/documents/contract';
import { accountsContract } from '../features/accounts/contract';
import { timeValidationContract } from '../features/time/validation';
import { memberContract } from '../features/member/contract';
import { mailContract } from '../features/mail/contract';

const appContract = {
  'app.info': method(
    z.object({}),
    z.object({ version: z.string(), schemaVersion: z.number().int(), runtime: z.enum(['electron', 'web', 'cli', 'test', 'server']) }),
  ),
};

/** Every method of the API, declared once. Electron IPC, web mode and the CLI all serve this. */
export const contract = {
  ...appContract,
  ...organisationsContract,
  ...peopleContract,
  ...membershipsContract,
  ...settingsContract,
  ...filesContract,
  ...meetingsContract,
  ...timeContract,
  ...activitiesContract,
  ...dataContract,
  ...searchContract,
  ...databaseContract,
  ...documentsContract,
  ...accountsContract,
  ...timeValidationContract,
  ...memberContract,
  ...mailContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the main side implements: one handler per method, fed the parsed input. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;
};
