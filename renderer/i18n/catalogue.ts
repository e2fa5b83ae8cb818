import type { MessageKey } from '../../shared/i18n/index';
import { createTranslate, LANGUAGES, type Language } from '../../shared/i18n/translate';

/**
 * The renderer's stand-in for `shared/i18n/index.ts` (vite.config.ts points every import of it
 * here): the same `translate`, but over the active language's catalogue alone, each language in
 * its own chunk, so the first screen loads only French and English comes when it is chosen.
 */
export { LANGUAGES, type Language, type MessageKey };

const loaded: Partial<Record<Language, Record<string, string>>> = {};

/** Loads a language's catalogue once; `translate` in that language works once it resolves. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (loaded[language]) return;
  const module = language === 'en' ? await import('virtual:maillage-catalogue/en') : await import('virtual:maillage-catalogue/fr');
  loaded[language] = module.default;
}

export function isCatalogueLoaded(language: Language): boolean {
  return loaded[language] !== undefined;
}

export const translate: (language: Language, key: string, params?: Record<string, string | number>) => string = createTranslate(
  (language) => loaded[language] ?? loaded.fr ?? loaded.en ?? {},
);

export function isMessageKey(key: string): key is MessageKey {
  const catalogue = loaded.fr ?? loaded.en ?? {};
  return Object.prototype.hasOwnProperty.call(catalogue, key);
}
