// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { useMemo, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ApiError } from '../../../shared/api/errors';
import { REPORT_METRICS, grantInputSchema, type Grant, type ReportMetric } from '../../../shared/features/activities/schemas';
import type { Language } from '../../../shared/i18n/index';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Page';
import { moneyFieldsResolver } from '../../components/forms';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { formatMoneyInput } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { applyServerIssues, formatDecimalInput, parseDecimal } from './common';
import { FormPicker } from '../../components/RecordPicker';
import { FormActions } from '../../components/FormActions';
import { DateInput } from '../../components/DateInput';

/** The form holds the amount and the target values as typed text; the contract gets cents and numbers. */
export interface GrantFormValues {
  funderOrganisationId: number | null;
  programme: string;
  reference: string;
  startDate: string;
  endDate: string;
  amount: string;
  note: string;
  reports: { dueDate: string; label: string; submittedOn: string }[];
  targets: { metric: ReportMetric | ''; value: string }[];
}
type GrantValues = z.output<typeof grantInputSchema>;

const TOP_FIELDS = ['funderOrganisationId', 'programme', 'reference', 'startDate', 'endDate', 'amount', 'note'];
const ROW_FIELD = /^(reports\.\d+\.(dueDate|label|submittedOn)|targets\.\d+\.(metric|value))$/;

/** Target values are read the French way ("1,5"); an unreadable one goes on as text for the schema to name. */
function grantSchemaFromForm(language: Language) {
  return z.preprocess((raw) => {
    if (!raw || typeof raw !== 'object') return raw;
    const values = raw as Record<string, unknown>;
    const targets = Array.isArray(values.targets) ? (values.targets as { metric: string; value: string }[]) : [];
    return {
      ...values,
      targets: targets.map((t) => {
        const n = parseDecimal(t.value ?? '', language);
        return { metric: t.metric, value: n === null || Number.isNaN(n) ? t.value : n };
      }),
    };
  }, grantInputSchema);
}

function toFormValues(grant: Grant | null, language: Language): GrantFormValues {
  if (!grant) return { funderOrganisationId: null, programme: '', reference: '', startDate: '', endDate: '', amount: '', note: '', reports: [], targets: [] };
  return {
    funderOrganisationId: grant.funderOrganisationId,
    programme: grant.programme,
    reference: grant.reference ?? '',
    startDate: grant.startDate,
    endDate: grant.endDate,
    amount: formatMoneyInput(grant.amountCents, language),
    note: grant.note ?? '',
    reports: grant.reports.map((r) => ({ dueDate: r.dueDate, label: r.label, submittedOn: r.submittedOn ?? '' })),
    targets: grant.targets.map((t) => ({ metric: t.metric, value: formatDecimalInput(t.value, language) })),
  };
}

interface GrantDialogProps {
  /** The grant to edit; null for a new one. */
  grant: Grant | null;
  onClose: () => void;
  onSaved: (grant: Grant) => void;
  onDeleted?: (name: string) => void;
}

export function GrantDialog({ grant, onClose, onSaved, onDeleted }: GrantDialogProps) {
  const { t, tKey, language, money } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const partners = useQuery('organisations.list', { kind: 'partner' });
  const resolver = useMemo(() => moneyFieldsResolver<GrantFormValues, GrantValues>(grantSchemaFromForm(language), { amount: 'amountCents' }, language), [language]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<GrantFormValues, unknown, GrantValues>({ resolver, defaultValues: toFormValues(grant, language) });
  const reports = useFieldArray({ control, name: 'reports' });
  const targets = useFieldArray({ control, name: 'targets' });
  const { dialog: leaveDialog, allowNavigation } = useUnsavedChanges(isDirty);

  // A funder that is no longer a partner (archived, kind changed) stays selectable on its grant.
  const funders = partners.data?.items.map((o) => ({ id: o.id, name: o.name })) ?? [];
  if (grant && !funders.some((f) => f.id === grant.funderOrganisationId)) funders.unshift({ id: grant.funderOrganisationId, name: grant.funderName });

  const requestClose = () => (isDirty ? setConfirmClose(true) : onClose());

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      const saved = grant ? await api.call('funding.grants.update', { ...values, id: grant.id, version: grant.version }) : await api.call('funding.grants.create', values);
      allowNavigation();
      onSaved(saved);
    } catch (e) {
      setBanner(applyServerIssues(e, setError, (f) => TOP_FIELDS.includes(f) || ROW_FIELD.test(f), (f) => (f === 'amountCents' ? 'amount' : f)));
    }
  });

  return (
    <Modal title={grant ? t('activity.ui.editGrantOf', { name: `${grant.funderName} — ${grant.programme}` }) : t('activity.ui.newGrant')} onClose={requestClose} size="large">
      <ErrorBanner error={banner ?? partners.error} />
      {/* The pickers are filled before the form shows, so a select never mounts without its chosen option. */}
      {!partners.data ? <Loading /> : (
      <form className="form" aria-label={grant ? t('activity.ui.editGrant') : t('activity.ui.newGrant')} onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <Field label={t('activity.ui.funder')} error={errors.funderOrganisationId} hint={partners.data && funders.length === 0 ? t('activity.ui.noPartners') : undefined} required>
            {(p) => <FormPicker {...p} control={control} name="funderOrganisationId" source="organisations" kind="partner" placeholder={t('common.choose')} />}
          </Field>
          <Field label={t('activity.ui.programme')} error={errors.programme} required>
            {(p) => <input {...p} {...register('programme')} />}
          </Field>
          <Field label={t('activity.ui.reference')} error={errors.reference}>
            {(p) => <input {...p} {...register('reference')} />}
          </Field>
          <Field label={t('activity.ui.amount')} error={errors.amount} hint={t('form.moneyHint')} required>
            {(p) => <input {...p} {...register('amount')} inputMode="decimal" className="input-money" />}
          </Field>
          <Field label={t('activity.ui.periodFrom')} error={errors.startDate} required>
            {(p) => <DateInput {...p} {...register('startDate')} />}
          </Field>
          <Field label={t('activity.ui.periodTo')} error={errors.endDate} required>
            {(p) => <DateInput {...p} {...register('endDate')} />}
          </Field>
          {grant && grant.paidCents > 0 ? (
            <div className="field">
              <span className="field-label">{t('activity.ui.paid')}</span>
              <p className="field-static">{money(grant.paidCents)}</p>
            </div>
          ) : null}
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={2} />}
          </Field>
        </div>

        <fieldset className="list-fieldset">
          <legend>{t('activity.ui.reportsDue')}</legend>
          {reports.fields.length === 0 ? <p className="muted">{t('activity.ui.noReportDue')}</p> : null}
          <div className="list-rows">
            {reports.fields.map((row, i) => (
              <div className="list-row" key={row.id} role="group" aria-label={t('activity.ui.reportRow', { n: i + 1 })}>
                <Field label={t('activity.ui.dueDate')} error={errors.reports?.[i]?.dueDate} required>
                  {(p) => <DateInput {...p} {...register(`reports.${i}.dueDate`)} />}
                </Field>
                <Field label={t('activity.ui.reportLabel')} error={errors.reports?.[i]?.label} required>
                  {(p) => <input {...p} {...register(`reports.${i}.label`)} />}
                </Field>
                <Field label={t('activity.ui.submittedOn')} error={errors.reports?.[i]?.submittedOn}>
                  {(p) => <DateInput {...p} {...register(`reports.${i}.submittedOn`)} />}
                </Field>
                <button type="button" className="btn btn-danger-quiet btn-small" aria-label={t('activity.ui.removeReport', { n: i + 1 })} onClick={() => reports.remove(i)}>
                  {t('activity.ui.remove')}
                </button>
              </div>
            ))}
          </div>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => reports.append({ dueDate: '', label: '', submittedOn: '' }, { shouldFocus: true })}>
            {t('activity.ui.addReport')}
          </button>
        </fieldset>

        <fieldset className="list-fieldset">
          <legend>{t('activity.ui.targets')}</legend>
          {targets.fields.length === 0 ? <p className="muted">{t('activity.ui.noTarget')}</p> : null}
          <div className="list-rows">
            {targets.fields.map((row, i) => (
              <div className="list-row" key={row.id} role="group" aria-label={t('activity.ui.targetRow', { n: i + 1 })}>
                <Field label={t('activity.ui.indicator')} error={errors.targets?.[i]?.metric} required>
                  {(p) => (
                    <select {...p} {...register(`targets.${i}.metric`)}>
                      <option value="">{t('common.choose')}</option>
                      {REPORT_METRICS.map((m) => (
                        <option key={m} value={m}>
                          {tKey(`activity.metric.${m}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('activity.ui.targetValue')} error={errors.targets?.[i]?.value} required>
                  {(p) => <input {...p} {...register(`targets.${i}.value`)} inputMode="decimal" className="input-short" />}
                </Field>
                <button type="button" className="btn btn-danger-quiet btn-small" aria-label={t('activity.ui.removeTarget', { n: i + 1 })} onClick={() => targets.remove(i)}>
                  {t('activity.ui.remove')}
                </button>
              </div>
            ))}
          </div>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => targets.append({ metric: '', value: '' }, { shouldFocus: true })}>
            {t('activity.ui.addTarget')}
          </button>
        </fieldset>

        <FormActions
          submitLabel={t('activity.ui.saveGrant')}
          busy={isSubmitting}
          onCancel={requestClose}
          deletion={
            grant && onDeleted
              ? {
                  question: t('edit.grant.deleteQuestion', { name: `${grant.funderName} — ${grant.programme}` }),
                  message: <p>{t('edit.grant.deleteMessage')}</p>,
                  run: async () => {
                    try {
                      await api.call('funding.grants.delete', { id: grant.id, version: grant.version });
                      allowNavigation();
                      onDeleted(`${grant.funderName} — ${grant.programme}`);
                    } catch (e) {
                      setBanner(toApiError(e));
                    }
                  },
                }
              : undefined
          }
        />
      </form>
      )}
      {confirmClose ? (
        <DiscardChangesDialog
          onLeave={() => {
            allowNavigation();
            onClose();
          }}
          onStay={() => setConfirmClose(false)}
        />
      ) : null}
      {leaveDialog}
    </Modal>
  );
}
