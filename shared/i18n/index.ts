import { IntlMessageFormat } from 'intl-messageformat';
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
import { mailEn, mailFr } from './messages-mail';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const fr = { ...coreFr, ...uiFr, ...cliFr, ...meetingsFr, ...timeFr, ...activityFr, ...dataFr, ...trustArchiveFr, ...trustStoreFr, ...trustInputFr, ...uiFrenchFr, ...searchFr, ...uiEditFr, ...docsFiguresFr, ...docsCerfaFr, ...pgFr, ...mailFr };
export type MessageKey = keyof typeof fr;
const en: Record<MessageKey, string> = { ...coreEn, ...uiEn, ...cliEn, ...meetingsEn, ...timeEn, ...activityEn, ...dataEn, ...trustArchiveEn, ...trustStoreEn, ...trustInputEn, ...uiFrenchEn, ...searchEn, ...uiEditEn, ...docsFiguresEn, ...docsCerfaEn, ...pgEn, ...mailEn };

export const catalogues: Record<Language, Record<MessageKey, string>> = { fr, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, key);
}

/** Locales of the message formats: plurals and the numbers of `#` follow French rules in French (0 and 1 are singular). */
const MESSAGE_LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

interface Compiled {
  format: IntlMessageFormat;
  /** Every argument the message names, and those that choose a plural (they need numbers). */
  args: Set<string>;
  plurals: Set<string>;
}

const compiledFormats = new Map<string, Compiled | null>();

type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number];
// The parser's element kinds (its TYPE enum), named here so as not to depend on the parser package itself.
const LITERAL = 0;
const POUND = 7;

function collectArguments(elements: MessageFormatElement[], args: Set<string>, plurals: Set<string>): void {
  for (const element of elements) {
    const kind = element.type as number;
    if (kind === LITERAL || kind === POUND) continue;
    if ('children' in element) {
      collectArguments(element.children, args, plurals);
      continue;
    }
    if (!('value' in element)) continue;
    args.add(element.value);
    if ('pluralType' in element) plurals.add(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) collectArguments(option.value, args, plurals);
    }
  }
}

/** Parsing an ICU message costs far more than formatting it: each (language, key) is compiled once. */
function compiledFormat(language: Language, key: MessageKey): Compiled | null {
  const cacheKey = `${language}\u0000${key}`;
  let compiled = compiledFormats.get(cacheKey);
  if (compiled === undefined) {
    try {
      // Tags are off: a `<` in a message is text, never markup.
      const format = new IntlMessageFormat(catalogues[language][key], MESSAGE_LOCALES[language], undefined, { ignoreTag: true });
      const args = new Set<string>();
      const plurals = new Set<string>();
      collectArguments(format.getAst(), args, plurals);
      compiled = { format, args, plurals };
    } catch {
      compiled = null;
    }
    compiledFormats.set(cacheKey, compiled);
  }
  return compiled;
}

/** Counts sometimes arrive already printed (`1 234`): a plural needs the number back. */
function asNumber(value: string | number): number {
  if (typeof value === 'number') return value;
  const n = Number(value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : 0;
}

function fillPlaceholders(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

/**
 * Looks a key up and formats it as an ICU message (`{count, plural, one {# structure} other {# structures}}`).
 * A missing parameter stays visible as `{name}`; an unknown key is returned as is, so nothing is blank.
 */
export function translate(language: Language, key: string, params?: Record<string, string | number>): string {
  if (!isMessageKey(key)) return params ? fillPlaceholders(key, params) : key;
  const template = catalogues[language][key];
  if (!template.includes('{') && !template.includes("'")) return template;
  const compiled = compiledFormat(language, key);
  if (!compiled) return fillPlaceholders(template, params ?? {});
  const values: Record<string, string | number> = {};
  for (const name of compiled.args) {
    const value = params?.[name];
    if (compiled.plurals.has(name)) values[name] = value === undefined ? 0 : asNumber(value);
    else values[name] = value === undefined ? `{${name}}` : value;
  }
  try {
    return String(compiled.format.format(values));
  } catch {
    return fillPlaceholders(template, params ?? {});
  }
}
