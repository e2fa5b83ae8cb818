import type { MessageKey } from '../../shared/i18n/index';
import { createTranslate, LANGUAGES, type Language } from '../../shared/i18n/translate';

/**
 * The renderer's stand-in for `shared/i18n/index.ts` (vite.config.ts points every import of it
 * here): the same `translate`, but over the active language's catalogue alone, each language in
 * chunks of its own. The first screen's messages (`first-screen.ts`) come before the first render;
 * the rest with the first other page (`lazyPage`) or the first click or key (I18nProvider).
 */
export { LANGUAGES, type Language, type MessageKey };

const loaded: Partial<Record<Language, Record<string, string>>> = {};
const complete = new Map<Language, Promise<void>>();
const growthListeners = new Set<() => void>();

/** Called each time a part of a catalogue arrives (what was shown as a key can now be drawn again). */
export function onCatalogueGrown(listener: () => void): () => void {
  growthListeners.add(listener);
  return () => growthListeners.delete(listener);
}

async function importPart(language: Language, part: 'first' | 'rest'): Promise<Record<string, string>> {
  // Each import names its chunk literally, so that the bundler splits them.
  if (language === 'en') return (part === 'first' ? await import('virtual:maillage-catalogue/en-first') : await import('virtual:maillage-catalogue/en-rest')).default;
  return (part === 'first' ? await import('virtual:maillage-catalogue/fr-first') : await import('virtual:maillage-catalogue/fr-rest')).default;
}

/** Loads the first screen's messages of a language once; `translate` in that language works for them once it resolves. */
export async function loadCatalogue(language: Language): Promise<void> {
  if (loaded[language]) return;
  const first = await importPart(language, 'first');
  loaded[language] ??= first;
}

/** Loads the rest of the messages of every language begun (and of `language`); resolves when all are there. */
export function loadFullCatalogue(language?: Language): Promise<void> {
  const languages = new Set<Language>(LANGUAGES.filter((l) => loaded[l]));
  if (language) languages.add(language);
  return Promise.all(
    [...languages].map((l) => {
      let done = complete.get(l);
      if (!done) {
        done = Promise.all([loadCatalogue(l), importPart(l, 'rest')]).then(([, rest]) => {
          loaded[l] = { ...loaded[l], ...rest };
          for (const listener of growthListeners) listener();
        });
        // A failed fetch (the network went away) may be tried again by the next page.
        done.catch(() => complete.delete(l));
        complete.set(l, done);
      }
      return done;
    }),
  ).then(() => undefined);
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
