import type { Civility, Office } from '../features/people/schemas';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * Titles under a signature and in « sont élus », agreed with the person's civility: « La
 * présidente », « Le trésorier »; the epicene form when the civility is not said.
 */
export function officeTitle(office: Office, civility: Civility | null | undefined, t: Translate): string {
  return t(`signer.title.${office}.${civility ?? 'none'}`);
}

/** « présidente », « trésorier » — the office as a noun inside a sentence. */
export function officeNoun(office: Office, civility: Civility | null | undefined, t: Translate): string {
  return t(`signer.noun.${office}.${civility ?? 'none'}`);
}

/** « La présidente de séance » / « Le secrétaire de séance ». */
export function sessionTitle(role: 'chair' | 'secretary', civility: Civility | null | undefined, t: Translate): string {
  return t(`signer.${role}.${civility ?? 'none'}`);
}
