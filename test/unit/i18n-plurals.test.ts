import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogues, LANGUAGES, translate, type MessageKey } from '../../shared/i18n/index';

const keys = Object.keys(catalogues.fr) as MessageKey[];

/** The arguments a message names, from the parsed message (plural branches included). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>) => {
    for (const element of elements) {
      if ((element.type as number) === 0 || (element.type as number) === 7) continue;
      if ('value' in element && typeof element.value === 'string') names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'fr-FR', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

describe('message catalogue as ICU MessageFormat', () => {
  it('parses every message in both languages, with the same arguments in French and English', () => {
    const mismatched: string[] = [];
    for (const key of keys) {
      const fr = argumentsOf(catalogues.fr[key]);
      const en = argumentsOf(catalogues.en[key]);
      if (fr.join() !== en.join()) mismatched.push(`${key}: fr ${fr.join()} / en ${en.join()}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('has no « (s) », « (e) », « (x) » or « ·e(s) » hack: counted words go through plural', () => {
    const hacks = /\((s|e|es|x|en|ies)\)|·e\(s\)|·e·s|·es\b/;
    const found = LANGUAGES.flatMap((language) =>
      keys.filter((key) => hacks.test(catalogues[language][key])).map((key) => `${language} ${key}: ${catalogues[language][key]}`),
    );
    expect(found).toEqual([]);
  });

  it('applies the French rule: 0 and 1 are singular, and counts print as in French', () => {
    expect(translate('fr', 'org.count', { count: 0 })).toBe('0 structure');
    expect(translate('fr', 'org.count', { count: 1 })).toBe('1 structure');
    expect(translate('fr', 'org.count', { count: 2 })).toBe('2 structures');
    expect(translate('fr', 'org.count', { count: 1234 })).toBe('1\u202f234 structures');
    expect(translate('en', 'org.count', { count: 0 })).toBe('0 organisations');
    expect(translate('en', 'org.count', { count: 1 })).toBe('1 organisation');
    expect(translate('fr', 'time.ui.grid.saved', { created: 5, updated: 1, deleted: 0 })).toBe(
      'Grille enregistrée : 5 saisies créées, 1 modifiée, 0 supprimée.',
    );
    expect(translate('fr', 'meetings.ui.attendance.invited', { added: 1, skipped: 2 })).toBe(
      '1 représentant ajouté ; 2 figuraient déjà dans la liste.',
    );
    expect(translate('fr', 'data.ui.allValid', { count: 1 })).toBe('La ligne est valide.');
    expect(translate('fr', 'data.ui.allValid', { count: 3 })).toBe('Les 3 lignes sont valides.');
  });

  it('chooses the plural of a count that arrives already printed', () => {
    expect(translate('fr', 'person.count', { count: '1 200' })).toBe('1\u202f200 personnes');
  });

  it('keeps its old contract: placeholders filled, a missing one left visible, an unknown key returned as is', () => {
    expect(translate('fr', 'cli.export.done', { file: 'a.json', rows: 1, size: '2 Ko' })).toBe('Archive écrite : a.json (1 enregistrement, 2 Ko).');
    expect(translate('fr', 'error.fieldAt', { path: 'Nom' })).toBe('Nom : {message}');
    expect(translate('fr', 'pas.une.clé', { x: 1 })).toBe('pas.une.clé');
    expect(translate('fr', 'org.count')).toBe('0 structure');
  });
});

describe('things named in words, never by their table', () => {
  it('has a French and an English name for every table an archive holds', async () => {
    const { ARCHIVED_TABLES } = await import('../../electron/features/archive/tables');
    const { tableLabel } = await import('../../electron/cli/format');
    for (const table of ARCHIVED_TABLES) {
      expect(tableLabel('fr', table.name), table.name).not.toContain('_');
      // « budgets » is the one table whose French name is its own.
      if (table.name !== 'budgets') expect(tableLabel('fr', table.name), table.name).not.toBe(table.name);
      expect(tableLabel('en', table.name), table.name).not.toContain('_');
    }
    expect(tableLabel('fr', 'time_entries')).toBe('saisies de temps');
  });

  it('names tables in words in the checks and archive errors', () => {
    expect(translate('fr', 'data.check.foreignKey', { id: 3, table: 'time_entries', parent: 'people' })).toBe(
      'Référence cassée : la ligne 3 de « saisies de temps » renvoie à un enregistrement absent de « personnes ».',
    );
    expect(translate('fr', 'error.archive.missingReference', { value: 7, table: 'meetings' })).toBe('Renvoie à l’enregistrement 7 de « réunions », absent de l’archive.');
    expect(translate('fr', 'data.check.badDate', { id: 4, table: 'people', column: 'consent_date', value: '31/02' })).toBe(
      'Date invalide dans « personnes » (ligne 4, date du consentement) : « 31/02 ».',
    );
    expect(translate('en', 'data.check.badJson', { id: 2, table: 'data_presets' })).toBe('“import and export presets”, row 2: unreadable JSON content.');
  });

  it('agrees the quorum sentence with the count', () => {
    expect(translate('fr', 'meetings.quorum.member_organisations.notReached', { counted: 1, total: 3, needed: 2, percent: 50 })).toBe(
      'Le quorum n’est pas atteint : 1 structure adhérente sur 3 est présente ou représentée ; il en faut au moins 2 (50 %).',
    );
  });
});
