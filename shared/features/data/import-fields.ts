import { normalizeKey } from '../../validation/text';

/** What a spreadsheet can bring in. `time`, `activities` and `indicators` depend on features that may not exist yet. */
export const IMPORT_TYPES = ['organisations', 'people', 'memberships', 'time', 'activities', 'indicators'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export type FieldKind = 'text' | 'date' | 'money' | 'integer' | 'decimal';

export interface ImportField {
  key: string;
  /** Catalogue key of the label shown in the mapping screen. */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Usual column titles in French and English spreadsheets, compared without accents, case or punctuation. */
  synonyms: readonly string[];
}

const f = (key: string, kind: FieldKind, synonyms: readonly string[], required = false): ImportField => ({
  key,
  label: `data.field.${key}`,
  kind,
  required,
  synonyms,
});

const ADDRESS = ['adresse', 'adresse postale', 'address', 'rue', 'street', 'adresse 1', 'adresse ligne 1', 'voie'];
const POSTCODE = ['code postal', 'cp', 'postcode', 'post code', 'zip', 'zip code', 'code post'];
const CITY = ['ville', 'commune', 'localite', 'city', 'town'];
const EMAIL = ['e mail', 'email', 'mail', 'courriel', 'adresse mail', 'adresse e mail', 'adresse electronique', 'mel'];
const PHONE = ['telephone', 'tel', 'phone', 'portable', 'mobile', 'numero de telephone', 'tel fixe'];
const NOTE = ['note', 'notes', 'remarque', 'remarques', 'commentaire', 'commentaires', 'observations', 'comment', 'comments'];
const ORGANISATION = ['structure', 'organisation', 'organization', 'nom de la structure', 'raison sociale', 'association', 'ressourcerie', 'adherent', 'employeur', 'structure employeuse'];

export const IMPORT_FIELDS: Record<ImportType, readonly ImportField[]> = {
  organisations: [
    f('name', 'text', ['raison sociale', 'nom de la structure', 'nom structure', 'structure', 'nom', 'denomination', 'organisation', 'organization', 'name', 'association', 'nom de l association'], true),
    f('shortName', 'text', ['sigle', 'nom court', 'acronyme', 'short name', 'abreviation']),
    f('kind', 'text', ['type', 'type de structure', 'categorie', 'nature', 'statut', 'kind']),
    f('siret', 'text', ['siret', 'n siret', 'numero siret', 'no siret', 'num siret', 'siret number']),
    f('address', 'text', ADDRESS),
    f('postcode', 'text', POSTCODE),
    f('city', 'text', CITY),
    f('email', 'text', EMAIL),
    f('phone', 'text', PHONE),
    f('website', 'text', ['site', 'site web', 'site internet', 'website', 'web', 'url']),
    f('note', 'text', NOTE),
  ],
  people: [
    f('lastName', 'text', ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name', 'nom usuel'], true),
    f('firstName', 'text', ['prenom', 'first name', 'firstname', 'given name', 'prenoms'], true),
    f('email', 'text', EMAIL),
    f('phone', 'text', PHONE),
    f('address', 'text', ADDRESS),
    f('postcode', 'text', POSTCODE),
    f('city', 'text', CITY),
    f('organisation', 'text', ORGANISATION),
    f('organisationSiret', 'text', ['siret', 'siret de la structure', 'n siret', 'numero siret']),
    f('role', 'text', ['role', 'fonction', 'poste', 'qualite', 'titre', 'job title', 'position']),
    f('startDate', 'date', ['depuis le', 'date d arrivee', 'date de debut', 'debut', 'date d entree', 'start date', 'since']),
    f('consentDate', 'date', ['date du consentement', 'consentement', 'consent', 'consent date', 'date consentement']),
    f('note', 'text', NOTE),
  ],
  memberships: [
    f('organisation', 'text', [...ORGANISATION, 'membre']),
    f('organisationSiret', 'text', ['siret', 'n siret', 'numero siret', 'no siret']),
    f('year', 'integer', ['annee', 'exercice', 'year', 'annee d adhesion', 'millesime'], true),
    f('feeDue', 'money', ['cotisation', 'montant de la cotisation', 'cotisation due', 'montant du', 'fee', 'fee due', 'montant appele']),
    f('amountPaid', 'money', ['montant paye', 'montant regle', 'paye', 'regle', 'amount paid', 'paid', 'encaisse', 'montant verse', 'verse']),
    f('paidOn', 'date', ['date de paiement', 'date du paiement', 'date de reglement', 'paye le', 'regle le', 'paid on', 'payment date', 'date d encaissement']),
    f('paymentMethod', 'text', ['moyen de paiement', 'mode de paiement', 'mode de reglement', 'reglement par', 'payment method']),
    f('startDate', 'date', ['date d adhesion', 'adhesion le', 'date d entree', 'start date', 'joined']),
    f('exitDate', 'date', ['date de sortie', 'sortie', 'exit date', 'date de depart']),
    f('exitReason', 'text', ['motif de sortie', 'motif', 'raison de la sortie', 'exit reason']),
    f('note', 'text', NOTE),
  ],
  time: [
    f('organisation', 'text', [...ORGANISATION, 'structure donatrice', 'donateur']),
    f('organisationSiret', 'text', ['siret', 'n siret', 'numero siret']),
    f('person', 'text', ['personne', 'salarie', 'salariee', 'benevole', 'intervenant', 'intervenante', 'nom prenom', 'prenom nom', 'person', 'employee', 'name']),
    f('date', 'date', ['date', 'jour', 'date de l intervention', 'day'], true),
    f('duration', 'text', ['duree', 'heures', 'nombre d heures', 'nb heures', 'nb d heures', 'temps', 'temps passe', 'hours', 'duration', 'time', 'minutes', 'nombre de minutes', 'nb minutes', 'duree en minutes', 'duree en heures'], true),
    f('category', 'text', ['categorie', 'type d activite', 'activite', 'nature de l activite', 'category', 'activity']),
    f('nature', 'text', ['nature', 'mise a disposition ou benevolat', 'type de temps', 'statut']),
    f('note', 'text', [...NOTE, 'objet', 'libelle', 'description']),
  ],
  activities: [
    f('date', 'date', ['date', 'jour', 'date de l action', 'date de l activite', 'day'], true),
    f('kind', 'text', ['type', 'type d action', 'type d activite', 'nature de l action', 'categorie', 'kind', 'activity type'], true),
    f('title', 'text', ['intitule', 'titre', 'libelle', 'objet', 'action', 'title', 'description courte'], true),
    f('place', 'text', ['lieu', 'commune', 'ville', 'place', 'location']),
    f('leadOrganisations', 'text', ['structures porteuses', 'structure porteuse', 'porteur', 'porteurs', 'menee par', 'structures', 'structure', 'organisation', 'organisations', 'lead', 'led by', 'lead organisations'], true),
    f('visitorKind', 'text', ['visiteur', 'type de visiteur', 'public', 'visitor', 'visitor kind']),
    f('peopleReached', 'integer', ['personnes touchees', 'personnes sensibilisees', 'nombre de personnes', 'participants', 'nb participants', 'public touche', 'people reached']),
    f('campaign', 'text', ['campagne', 'operation', 'campaign']),
    f('note', 'text', NOTE),
  ],
  /** One row per organisation and year; the indicator columns are the observatory's own list, added when the file is read. */
  indicators: [
    f('organisation', 'text', [...ORGANISATION, 'membre']),
    f('organisationSiret', 'text', ['siret', 'n siret', 'numero siret', 'no siret']),
    f('year', 'integer', ['annee', 'exercice', 'year', 'millesime'], true),
  ],
};

/** The field of an observatory indicator in an import ("indicator.tonnes_collected"). */
export const INDICATOR_FIELD_PREFIX = 'indicator.';

/** An indicator as an import field: matched by its label or its code; its label is shown as is. */
export function indicatorField(indicator: { code: string; label: string }): ImportField {
  const synonyms = [...new Set([headerKey(indicator.label), headerKey(indicator.code), headerKey(indicator.code.replace(/_/g, ' '))])].filter((s) => s !== '');
  return { key: `${INDICATOR_FIELD_PREFIX}${indicator.code}`, label: indicator.label, kind: 'decimal', required: false, synonyms };
}

/** A column title as compared: no accents, case, punctuation or numbering marks ("N° SIRET" → "n siret"). */
export function headerKey(header: string): string {
  return normalizeKey(header.replace(/[°º]/g, ' '))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Proposes a field for each column: an exact synonym wins, then a title that starts with one
 * ("Code postal du siège"). A field is given to one column only, the first that claims it.
 */
export function suggestMapping(type: ImportType, headers: readonly string[], fields: readonly ImportField[] = IMPORT_FIELDS[type]): (string | null)[] {
  const taken = new Set<string>();
  const keys = headers.map(headerKey);
  const result: (string | null)[] = headers.map(() => null);
  const passes: ((key: string, synonym: string) => boolean)[] = [
    (key, s) => key === s,
    (key, s) => s.length >= 3 && (key.startsWith(`${s} `) || key.endsWith(` ${s}`)),
  ];
  for (const pass of passes) {
    keys.forEach((key, column) => {
      if (result[column] !== null || key === '') return;
      const field = fields.find((fd) => !taken.has(fd.key) && fd.synonyms.some((s) => pass(key, s)));
      if (field) {
        result[column] = field.key;
        taken.add(field.key);
      }
    });
  }
  return result;
}
