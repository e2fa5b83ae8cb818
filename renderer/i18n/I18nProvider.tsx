import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, translate, type Language, type MessageKey } from '../../shared/i18n/index';
import { formatDate, formatMoney, formatNumber, LOCALES } from './format';
import { loadFullCatalogue, onCatalogueGrown } from './catalogue';

type Params = Record<string, string | number>;

export interface I18n {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
  /** A message of the catalogue. */
  t: (key: MessageKey, params?: Params) => string;
  /** A key that comes from data (server errors, schema messages): unknown keys come back as they are. */
  tKey: (key: string, params?: Params) => string;
  money: (cents: number) => string;
  date: (iso: string | null | undefined) => string;
  number: (value: number, fractionDigits?: number) => string;
}

const STORAGE_KEY = 'maillage.language';

export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  } catch {
    // Storage can be unavailable (privacy settings): French is the default anyway.
  }
  return 'fr';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  // Counts the catalogue's parts arrived since the first screen: every message is drawn again with them.
  const [parts, setParts] = useState(0);

  useEffect(() => {
    const grown = onCatalogueGrown(() => setParts((n) => n + 1));
    // The rest of the messages comes with the first other page (lazyPage waits for it) or with
    // the first click or key on this one, whichever is first: never in the first screen's way.
    const loadRest = () => {
      window.removeEventListener('pointerdown', loadRest, true);
      window.removeEventListener('keydown', loadRest, true);
      void loadFullCatalogue().catch(() => {});
    };
    window.addEventListener('pointerdown', loadRest, true);
    window.addEventListener('keydown', loadRest, true);
    return () => {
      grown();
      window.removeEventListener('pointerdown', loadRest, true);
      window.removeEventListener('keydown', loadRest, true);
    };
  }, []);

  const setLanguage = useCallback((next: Language) => {
    // English comes in its own chunks, fetched the first time it is chosen.
    void loadFullCatalogue(next).then(() => setLanguageState(next));
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this session.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(
    () => ({
      language,
      locale: LOCALES[language],
      setLanguage,
      t: (key, params) => translate(language, key, params),
      tKey: (key, params) => translate(language, key, params),
      money: (cents) => formatMoney(cents, language),
      date: (iso) => formatDate(iso, language),
      number: (v, digits) => formatNumber(v, language, digits),
    }),
    // `parts` changes what translate finds.
    [language, setLanguage, parts],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
