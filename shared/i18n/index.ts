import { createTranslate, type Language } from './translate';
import { coreEn, coreFr } from './messages-core';
import { uiEn, uiFr } from './messages-ui';
import { cliEn, cliFr } from './messages-cli';
import { meetingsEn, meetingsFr } from './messages-meetings';
import { timeEn, timeFr } from './messages-time';
import { activityEn, activityFr } from './messages-activity';
import { dataEn, dataFr } from './messages-data';
import { trustArchiveEn, trustArchiveFr } from './messages-trust-archive';
import { trustStoreEn, trustStoreFr } from './messages-trust-store';
import { trustInputEn, trustInputFr } from './messages-trust-input';
import { uiFrenchEn, uiFrenchFr } from './messages-ui-french';
import { searchEn, searchFr } from './messages-search';
import { uiEditEn, uiEditFr } from './messages-ui-edit';
import { docsFiguresEn, docsFiguresFr } from './messages-docs-figures';
import { docsCerfaEn, docsCerfaFr } from './messages-docs-cerfa';
import { pgEn, pgFr } from './messages-pg';
import { rolesEn, rolesFr } from './messages-roles';
import { signersEn, signersFr } from './messages-signers';
import { pg13aEn, pg13aFr } from './messages-pg13a';
import { docs12En, docs12Fr } from './messages-docs12';
import { serverEn, serverFr } from './messages-server';
import { member14En, member14Fr } from './messages-member14';
import { ui11En, ui11Fr } from './messages-ui11';
import { mailEn, mailFr } from './messages-mail';
import { inviteEn, inviteFr } from './messages-invite';
import { pick11En, pick11Fr } from './messages-pick11';
import { perf13En, perf13Fr } from './messages-perf13';

export { LANGUAGES, type Language } from './translate';

const fr = { ...coreFr, ...uiFr, ...cliFr, ...meetingsFr, ...timeFr, ...activityFr, ...dataFr, ...trustArchiveFr, ...trustStoreFr, ...trustInputFr, ...uiFrenchFr, ...searchFr, ...uiEditFr, ...docsFiguresFr, ...docsCerfaFr, ...pgFr, ...rolesFr, ...signersFr, ...pg13aFr, ...docs12Fr, ...serverFr, ...member14Fr, ...ui11Fr, ...mailFr, ...inviteFr, ...pick11Fr, ...perf13Fr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...coreEn, ...uiEn, ...cliEn, ...meetingsEn, ...timeEn, ...activityEn, ...dataEn, ...trustArchiveEn, ...trustStoreEn, ...trustInputEn, ...uiFrenchEn, ...searchEn, ...uiEditEn, ...docsFiguresEn, ...docsCerfaEn, ...pgEn, ...rolesEn, ...signersEn, ...pg13aEn, ...docs12En, ...serverEn, ...member14En, ...ui11En, ...mailEn, ...inviteEn, ...pick11En, ...perf13En };

export const catalogues: Record<Language, Record<MessageKey, string>> = { fr, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}

/** Looks a key up and formats it (see createTranslate). */
export const translate: (language: Language, key: string, params?: Record<string, string | number>) => string = createTranslate((language) => catalogues[language]);
