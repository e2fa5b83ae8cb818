/**
 * The standard sentences of the documents that an association may word its own way (Réglages ›
 * Textes des documents): each with its named placeholders, filled when the document is written.
 * A saved text may only use the placeholders of its sentence, and must keep the required ones.
 */

export interface WordingSpec {
  /** The text the documents print until the association writes its own (French, as the catalogue). */
  defaultText: string;
  placeholders: readonly string[];
  /** Without these the sentence would lose what the document is for (who the certificate is about). */
  required: readonly string[];
}

export const WORDINGS = {
  'notice.invitation': {
    defaultText: 'Vous êtes convié·e à {instance} de « {structure} », selon les modalités suivantes.',
    placeholders: ['instance', 'structure', 'date', 'lieu'],
    required: [],
  },
  'notice.closing': {
    defaultText: 'Merci de confirmer votre présence ou de signaler votre absence. Nous comptons sur votre participation.',
    placeholders: ['instance', 'structure', 'date'],
    required: [],
  },
  'certificate.intro': {
    defaultText: 'Je soussigné·e, {signataire}, agissant au nom de l’association {structure}, atteste que {adhérente}{adresse} {apport}.',
    placeholders: ['signataire', 'structure', 'adhérente', 'adresse', 'apport', 'heures', 'période'],
    required: ['adhérente'],
  },
  'minutes.closing': {
    defaultText: 'L’ordre du jour étant épuisé, la séance est levée à {heure}.',
    placeholders: ['heure', 'instance', 'structure', 'date'],
    required: [],
  },
  'report.annualIntro': {
    defaultText: 'Ce rapport présente l’activité de {structure} en {année} : ses adhérents, ses réunions, ses actions, le temps mis à disposition par les structures et ses finances.',
    placeholders: ['structure', 'année'],
    required: [],
  },
  'report.partnerIntro': {
    defaultText: 'Sur la période ({période}), les enregistrements du réseau donnent :',
    placeholders: ['période', 'structure', 'financeur'],
    required: [],
  },
} as const satisfies Record<string, WordingSpec>;

export type WordingKey = keyof typeof WORDINGS;
export const WORDING_KEYS = Object.keys(WORDINGS) as WordingKey[];

/** The texts an association saved; a key absent prints the document's own sentence. */
export type Wording = Partial<Record<WordingKey, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/gu;

export type WordingProblem = { key: 'docs12.wording.unknownPlaceholder' | 'docs12.wording.missingPlaceholder'; placeholder: string } | { key: 'docs12.wording.unbalanced'; placeholder: '' };

/** What is wrong with a text for a sentence: the first unknown placeholder, else the first required one missing. */
export function checkWording(key: WordingKey, text: string): WordingProblem | null {
  const spec: WordingSpec = WORDINGS[key];
  const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  const unknown = used.find((p) => !spec.placeholders.includes(p));
  if (unknown !== undefined) return { key: 'docs12.wording.unknownPlaceholder', placeholder: unknown };
  // A brace left alone is a placeholder mistyped (« {période »): refused rather than printed as is.
  if (/[{}]/.test(text.replace(PLACEHOLDER, ''))) return { key: 'docs12.wording.unbalanced', placeholder: '' };
  const missing = spec.required.find((p) => !used.includes(p));
  return missing === undefined ? null : { key: 'docs12.wording.missingPlaceholder', placeholder: missing };
}

/** The sentence with its placeholders filled; a value not given leaves the placeholder's place empty. */
export function fillWording(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '').replace(/ {2,}/g, ' ');
}

/** The association's text for `key`, filled, or null to print the document's own sentence. */
export function customWording(wording: Wording | undefined, key: WordingKey, values: Partial<Record<string, string>>): string | null {
  const text = wording?.[key];
  return text ? fillWording(text, values) : null;
}

/** The saved texts out of `documents.wording.get`, as the builders take them. */
export function wordingFromItems(items: readonly { key: WordingKey; text: string; customised: boolean }[]): Wording {
  return Object.fromEntries(items.filter((i) => i.customised).map((i) => [i.key, i.text]));
}
