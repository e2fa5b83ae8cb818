import { coreEn, coreFr } from './messages-core';
import { uiEn, uiFr } from './messages-ui';
import { cliEn, cliFr } from './messages-cli';
import { meetingsEn, meetingsFr } from './messages-meetings';
import { timeEn, timeFr } from './messages-time';
import { activityEn, activityFr } from './messages-activity';
import { dataEn, dataFr } from './messages-data';
import { pgEn, pgFr } from './messages-pg';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const fr = { ...coreFr, ...uiFr, ...cliFr, ...meetingsFr, ...timeFr, ...activityFr, ...dataFr, ...pgFr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...coreEn, ...uiEn, ...cliEn, ...meetingsEn, ...timeEn, ...activityEn, ...dataEn, ...pgEn };

export const catalogues: Record<Language, Record<MessageKey, string>> = { fr, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}

/** Looks a key up and fills `{name}` placeholders. An unknown key is returned as is, so nothing is blank. */
export function translate(language: Language, key: string, params?: Record<string, string | number>): string {
  const template = isMessageKey(key) ? catalogues[language][key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}
