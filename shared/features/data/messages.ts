import { translate, type Language } from '../../i18n/index';
import type { ImportIssue } from './schemas';

/** Parameters that are themselves catalogue keys (a field's label) are translated too. */
export function translateParams(language: Language, params?: Record<string, string | number>): Record<string, string | number> | undefined {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('data.field.') ? translate(language, v) : v]));
}

/** "Ligne 7, colonne « SIRET » : SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle." */
export function formatImportIssue(language: Language, issue: ImportIssue): string {
  const message = translate(language, issue.key, translateParams(language, issue.params));
  return issue.column
    ? translate(language, 'data.import.issueAtColumn', { line: issue.line, column: issue.column, message })
    : translate(language, 'data.import.issueAtLine', { line: issue.line, message });
}
