/** Lists that can be exported, and the columns the user may pick for each. */
export const EXPORT_LISTS = ['organisations', 'people', 'memberships', 'time'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

export type ExportColumnKind = 'text' | 'date' | 'money' | 'integer' | 'decimal';

export interface ExportColumn {
  key: string;
  /** Catalogue key of the column title. */
  label: string;
  kind: ExportColumnKind;
  /** Ticked when the dialog opens without a preset. */
  byDefault?: boolean;
}

const c = (key: string, kind: ExportColumnKind, byDefault = false): ExportColumn => ({ key, label: `data.field.${key}`, kind, byDefault });

export const EXPORT_COLUMNS: Record<ExportList, readonly ExportColumn[]> = {
  organisations: [
    c('name', 'text', true),
    c('shortName', 'text'),
    c('kind', 'text', true),
    c('siret', 'text', true),
    c('address', 'text', true),
    c('postcode', 'text', true),
    c('city', 'text', true),
    c('department', 'text'),
    c('email', 'text', true),
    c('phone', 'text', true),
    c('website', 'text'),
    c('membershipYear', 'integer'),
    c('feeDue', 'money'),
    c('amountPaid', 'money'),
    c('note', 'text'),
    c('createdAt', 'date'),
    c('archivedAt', 'date'),
  ],
  people: [
    c('lastName', 'text', true),
    c('firstName', 'text', true),
    c('email', 'text', true),
    c('phone', 'text', true),
    c('organisations', 'text', true),
    c('address', 'text'),
    c('postcode', 'text'),
    c('city', 'text'),
    c('consentDate', 'date'),
    c('note', 'text'),
    c('createdAt', 'date'),
    c('archivedAt', 'date'),
  ],
  memberships: [
    c('year', 'integer', true),
    c('organisation', 'text', true),
    c('organisationSiret', 'text'),
    c('feeDue', 'money', true),
    c('amountPaid', 'money', true),
    c('outstanding', 'money', true),
    c('paidOn', 'date', true),
    c('paymentMethod', 'text'),
    c('votingPerson', 'text'),
    c('startDate', 'date'),
    c('exitDate', 'date'),
    c('exitReason', 'text'),
    c('note', 'text'),
  ],
  time: [
    c('date', 'date', true),
    c('organisation', 'text', true),
    c('person', 'text', true),
    c('hours', 'decimal', true),
    c('category', 'text', true),
    c('nature', 'text', true),
    c('value', 'money', true),
    c('note', 'text'),
  ],
};

export function defaultExportColumns(list: ExportList): string[] {
  return EXPORT_COLUMNS[list].filter((col) => col.byDefault).map((col) => col.key);
}
