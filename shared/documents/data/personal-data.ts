import type { Document, Paragraph, Table } from 'docx';
import { RETENTION, type PersonalData } from '../../features/data/schemas';
import { formatDuration } from '../../features/time/duration';
import { formatDate, formatDateLong, formatMoney } from '../../format/fr';
import { de } from '../../format/french';
import { isMessageKey, translate } from '../../i18n/index';
import { bullet, buildDocument, heading, paragraph, table, title, type Column, type Letterhead } from '../kit';

/**
 * The answer to a right-of-access request (art. 15 RGPD), written for the person who asked: what the
 * file holds about her under French headings, values as the application shows them (dates, amounts,
 * durations, « mise à disposition »), no internal numbers or search keys; then what the data is for,
 * how long it is kept and her rights, from the register. The raw copy, for a program, is the JSON
 * file sent beside it.
 */

const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);

const SECTION_TITLES: Record<string, string> = {
  people: 'Votre fiche',
  affiliations: 'Vos rattachements à des structures',
  offices: 'Vos mandats dans l’association',
  memberships: 'Adhésions pour lesquelles vous représentez votre structure',
  attendances: 'Vos présences aux réunions',
  meetings: 'Réunions que vous avez convoquées, présidées ou dont vous avez tenu le secrétariat',
  agenda_items: 'Points d’ordre du jour que vous avez présentés',
  action_items: 'Actions qui vous ont été confiées',
  decisions: 'Décisions',
  time_entries: 'Temps donné au réseau',
  time_rates: 'Taux horaires de valorisation',
  legal_names: 'Nom conservé dans les documents légaux',
  audit_log: 'Journal des modifications de votre fiche',
};

const LABELS: Record<string, string> = {
  first_name: 'Prénom',
  last_name: 'Nom',
  email: 'Courriel',
  phone: 'Téléphone',
  address: 'Adresse',
  postcode: 'Code postal',
  city: 'Commune',
  note: 'Note',
  consent_date: 'Consentement donné le',
  consent_note: 'Consentement',
  created_at: 'Créée le',
  updated_at: 'Modifiée le',
  archived_at: 'Archivée le',
  organisation: 'Structure',
  role: 'Rôle',
  start_date: 'Début',
  end_date: 'Fin',
  office: 'Fonction',
  year: 'Année',
  fee_due_cents: 'Cotisation due',
  amount_paid_cents: 'Montant payé',
  paid_on: 'Payée le',
  payment_method: 'Moyen de paiement',
  exit_date: 'Sortie le',
  exit_reason: 'Motif de sortie',
  meeting: 'Réunion',
  capacity: 'Qualité',
  invited: 'Invité·e',
  voting: 'Voix délibérative',
  status: 'Statut',
  title: 'Titre',
  kind: 'Type',
  date: 'Date',
  start_time: 'Début',
  end_time: 'Fin',
  text: 'Texte',
  due_date: 'Échéance',
  minutes: 'Durée',
  nature: 'Nature',
  category: 'Catégorie',
  hourly_rate_cents: 'Taux horaire',
  hourly_cents: 'Taux horaire',
  value_cents: 'Valorisation',
  valid_from: 'À partir du',
  at: 'Date',
  actor: 'Par',
  action: 'Opération',
  summary: 'Détail',
  discussion: 'Compte rendu',
};

/** Internal columns a person has no use for: numbers that link records, keys for searching and sorting. */
const HIDDEN = /^(id|.*_id|search_key|name_key|sort_key|position|rate_id)$/;

const YES_NO = new Set(['invited', 'voting']);

/** Records read as lists, one line each, in this order (a note column is added when some line has one). */
const LIST_COLUMNS: Record<string, string[]> = {
  time_entries: ['date', 'minutes', 'nature', 'category', 'organisation', 'value_cents'],
  attendances: ['meeting', 'status', 'organisation', 'capacity'],
  memberships: ['year', 'organisation', 'fee_due_cents', 'amount_paid_cents', 'paid_on'],
  affiliations: ['organisation', 'role', 'start_date', 'end_date'],
  offices: ['office', 'start_date', 'end_date'],
  action_items: ['meeting', 'text', 'due_date', 'status'],
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const CELL_LIMIT = 500;

function labelOf(column: string): string {
  return LABELS[column] ?? column.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A value as the application shows it. */
export function readableValue(column: string, value: string | number | boolean | null): string {
  if (value === null || value === '') return '—';
  if (YES_NO.has(column)) return value ? 'oui' : 'non';
  if (column.endsWith('_cents') && typeof value === 'number') return formatMoney(value, 'fr', { decimals: value % 100 !== 0 });
  if (column === 'minutes' && typeof value === 'number') return formatDuration(value);
  const keyed = (key: string) => (isMessageKey(key) ? t(key) : String(value));
  if (column === 'nature') return keyed(`time.nature.${value}`).toLowerCase();
  if (column === 'office') return keyed(`office.${value}`);
  if (column === 'payment_method') return keyed(`payment.${value}`);
  if (column === 'status') return isMessageKey(`meetings.attendanceStatus.${value}`) ? t(`meetings.attendanceStatus.${value}`) : keyed(`meetings.status.${value}`);
  if (column === 'kind') return keyed(`meetings.kind.${value}`);
  const text = String(value);
  if (ISO_DATE.test(text)) return formatDateLong(text);
  if (ISO_INSTANT.test(text)) return formatDate(text.slice(0, 10));
  // "Assemblée générale (2026-03-14)", as the service names a meeting.
  const named = /^(.*) \((\d{4}-\d{2}-\d{2})\)$/.exec(text);
  if (named) return `${named[1]} du ${formatDateLong(named[2]!)}`;
  return text.length > CELL_LIMIT ? `${text.slice(0, CELL_LIMIT)}…` : text;
}

function sectionBlocks(section: PersonalData['sections'][number]): (Paragraph | Table)[] {
  const titleText = SECTION_TITLES[section.table] ?? section.title;
  const columns = [...new Set(section.rows.flatMap((r) => Object.keys(r)))].filter((c) => !HIDDEN.test(c));
  const out: (Paragraph | Table)[] = [heading(`${titleText} (${section.rows.length})`, 2)];
  const list = LIST_COLUMNS[section.table];
  if (list && section.rows.length > 1) {
    const shown = [...list.filter((c) => columns.includes(c)), ...(section.rows.some((r) => r.note) ? ['note'] : [])];
    const width = 100 / shown.length;
    const cols: Column[] = shown.map((c) => ({ header: labelOf(c), width, align: c.endsWith('_cents') || c === 'minutes' ? 'right' : 'left' }));
    out.push(table(cols, section.rows.map((row) => shown.map((c) => readableValue(c, row[c] ?? null)))));
    return out;
  }
  // A single record, or records of another kind: a label/value table each, empty fields left out.
  for (const row of section.rows) {
    const rows = columns.filter((c) => row[c] !== null && row[c] !== undefined && row[c] !== '').map((c) => [labelOf(c), readableValue(c, row[c] ?? null)]);
    out.push(
      table(
        [
          { header: 'Information', width: 35 },
          { header: 'Valeur enregistrée', width: 65 },
        ],
        rows,
      ),
      paragraph(''),
    );
  }
  return out;
}

export function personalDataTitle(name: string): string {
  return `Données personnelles ${de(name)}`;
}

/** The letter's file name, and the JSON's beside it: "donnees-personnelles-12-2026-03-12". */
export function personalDataBaseName(data: Pick<PersonalData, 'personId' | 'generatedAt'>): string {
  return `donnees-personnelles-${data.personId}-${data.generatedAt.slice(0, 10)}`;
}

export function buildPersonalDataLetter(data: PersonalData, letterhead: Letterhead): Document {
  const date = formatDateLong(data.generatedAt.slice(0, 10));
  const heading1 = personalDataTitle(data.name);
  const years = data.reviewAfterYears ?? 3;
  const types = new Set(data.sections.map((s) => s.table));
  return buildDocument({
    title: heading1,
    description: `Droit d’accès (art. 15 RGPD) – ${date}`,
    letterhead,
    footerText: `Droit d’accès (art. 15 RGPD) – ${date}`,
    children: [
      ...title(heading1, `Ce que le fichier de l’association contient à votre sujet au ${date}`),
      paragraph(
        `Vous avez demandé à connaître les données que ${letterhead.name} détient à votre sujet (article 15 du règlement général sur la protection des données). ` +
          'Les voici, telles qu’elles figurent dans notre fichier. Une copie complète dans un format lisible par un programme (fichier JSON) accompagne ce document.',
      ),
      heading('Les données que nous détenons'),
      ...data.sections.flatMap(sectionBlocks),
      heading('À quoi elles servent'),
      ...[
        'data.register.purpose.memberships',
        'data.register.purpose.directory',
        ...(types.has('attendances') || types.has('meetings') ? ['data.register.purpose.meetings'] : []),
        ...(types.has('time_entries') ? ['data.register.purpose.time'] : []),
        'data.register.purpose.reports',
      ].map((k) => bullet(t(k))),
      heading('Combien de temps nous les gardons'),
      table(
        [
          { header: t('data.register.retentionWhat'), width: 40 },
          { header: t('data.register.retentionHow'), width: 60 },
        ],
        [
          [t('data.register.retention.people'), t('data.register.retention.peopleRule', { years })],
          [t('data.register.retention.memberships'), t('data.register.retention.membershipsRule')],
          [t('data.register.retention.minutes'), t('data.register.retention.minutesRule')],
          [t('data.register.retention.backups'), t('data.register.retention.backupsRule', { ...RETENTION })],
        ],
      ),
      heading('Vos droits'),
      paragraph(
        'Vous pouvez nous demander de corriger une information inexacte, de la compléter, ou d’effacer vos données : elles sont alors anonymisées partout, sauf dans les comptes rendus approuvés et les feuilles d’émargement, qui sont des documents légaux. ' +
          `Il suffit d’écrire à ${letterhead.name}${letterhead.email ? ` (${letterhead.email})` : ''}. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).`,
      ),
    ],
  });
}
