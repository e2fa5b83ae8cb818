import { IntlMessageFormat } from 'intl-messageformat';

/** The message engine, apart from the catalogues: Node loads every language, the renderer only the active one. */

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

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
function compiledFormat(catalogue: Record<string, string>, language: Language, key: string): Compiled | null {
  const cacheKey = `${language}\u0000${key}`;
  let compiled = compiledFormats.get(cacheKey);
  if (compiled === undefined) {
    try {
      // Tags are off: a `<` in a message is text, never markup.
      const format = new IntlMessageFormat(catalogue[key]!, MESSAGE_LOCALES[language], undefined, { ignoreTag: true });
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
 * The translate function over a set of catalogues (the whole of them in Node, the active
 * language's only in the renderer): looks a key up and formats it as an ICU message
 * (`{count, plural, one {# structure} other {# structures}}`). A missing parameter stays visible
 * as `{name}`; an unknown key is returned as is, so nothing is blank.
 */
export function createTranslate(catalogueOf: (language: Language) => Record<string, string>) {
  return function translate(language: Language, key: string, params?: Record<string, string | number>): string {
    const catalogue = catalogueOf(language);
    if (!Object.prototype.hasOwnProperty.call(catalogue, key)) return params ? fillPlaceholders(key, params) : key;
    const template = catalogue[key]!;
    if (!template.includes('{') && !template.includes("'")) return template;
    const compiled = compiledFormat(catalogue, language, key);
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
  };
}
