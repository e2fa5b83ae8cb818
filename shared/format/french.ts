import { formatNumber } from './fr';

/**
 * Small French grammar helpers for sentences built from counts and names, so that documents read
 * right for 0, 1 and many (« aucune ressourcerie n’a rejoint », « 1 colloque », « 3 colloques »)
 * and elide before a vowel (« d’Élodie », « de Marc »).
 */

/** French takes the singular for 0 and 1. */
export const plural = (count: number, one: string, many: string): string => (Math.abs(count) < 2 ? one : many);

/**
 * "3 colloques", "1 colloque"; with `zero`, 0 reads as that phrase ("aucun colloque") instead of
 * "0 colloque".
 */
export function counted(count: number, one: string, many: string, zero?: string): string {
  if (count === 0 && zero !== undefined) return zero;
  return `${formatNumber(count, 'fr')} ${plural(count, one, many)}`;
}

// Words starting with a vowel or a mute h take the elided article; an aspirated h (le héros) does not,
// but names are what this is for and most French names with h are mute or foreign.
const VOWEL = /^[aeiouyhâàäéèêëîïôöûüùœæAEIOUYHÂÀÄÉÈÊËÎÏÔÖÛÜÙŒÆ]/u;

/** « d’Élodie Magnaud », « de Marc Petit », « du Monde Allant Vers », « des Ateliers du Bocage ». */
export function de(name: string): string {
  const trimmed = name.trim();
  if (/^(le|les)\s/iu.test(trimmed)) return `${/^les\s/iu.test(trimmed) ? 'des' : 'du'} ${trimmed.replace(/^(le|les)\s+/iu, '')}`;
  return VOWEL.test(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

/** Joins "a", "a et b", "a, b et c". */
export function joinFr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** A whole number as a percentage with its non-breaking space: "93 %". */
export function percent(part: number, whole: number): string {
  return `${formatNumber(whole > 0 ? Math.round((part / whole) * 100) : 0, 'fr')}\u00A0%`;
}
