// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ApiError } from '../../../shared/api/errors';
import {
  PAYMENT_METHODS,
  membershipInputSchema,
  type Membership,
  type PaymentMethod,
} from '../../../shared/features/memberships/schemas';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useAssociation } from '../../app/AssociationProvider';
import { ConfirmDialog, Modal, DiscardChangesDialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { FormPicker, RecordPicker } from '../../components/RecordPicker';
import { applyServerError, moneyFieldsResolver } from '../../components/forms';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { formatMoneyInput, todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { DateInput } from '../../components/DateInput';

/** The form holds amounts as typed text; the contract's schema gets cents. */
export interface MembershipFormValues {
  id?: number;
  organisationId: number | null;
  year: number;
  feeDue: string;
  amountPaid: string;
  paidOn: string;
  paymentMethod: PaymentMethod | null;
  votingPersonId: number | null;
  startDate: string;
  exitDate: string;
  exitReason: string;
  note: string;
}
type MembershipValues = z.output<typeof membershipInputSchema>;

const MONEY_FIELDS = { feeDue: 'feeDueCents', amountPaid: 'amountPaidCents' } as const;
const RENAME: Record<string, string> = { feeDueCents: 'feeDue', amountPaidCents: 'amountPaid' };
const FIELDS = ['organisationId', 'year', 'feeDue', 'amountPaid', 'paidOn', 'paymentMethod', 'votingPersonId', 'startDate', 'exitDate', 'exitReason', 'note'];


interface MembershipDialogProps {
  /** The membership to edit; null to record a new one. */
  membership: Membership | null;
  /** For a new membership: the structure, when it is already known (detail page). */
  organisationId?: number;
  organisationName?: string;
  /** For a new membership: the fee to propose (the structure's latest), else the default of the settings. */
  suggestedFeeCents?: number;
  year: number;
  onClose: () => void;
  onSaved: () => void;
}

export function MembershipDialog({ membership, organisationId, organisationName: knownName, suggestedFeeCents, year, onClose, onSaved }: MembershipDialogProps) {
  const { t, language } = useI18n();
  const { settings } = useAssociation();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const resolver = useMemo(
    () => moneyFieldsResolver<MembershipFormValues, MembershipValues>(membershipInputSchema, MONEY_FIELDS, language),
    [language],
  );
  const defaults: MembershipFormValues = membership
    ? {
        id: membership.id,
        organisationId: membership.organisationId,
        year: membership.year,
        feeDue: formatMoneyInput(membership.feeDueCents, language),
        amountPaid: formatMoneyInput(membership.amountPaidCents, language),
        paidOn: membership.paidOn ?? '',
        paymentMethod: membership.paymentMethod,
        votingPersonId: membership.votingPersonId,
        startDate: membership.startDate ?? '',
        exitDate: membership.exitDate ?? '',
        exitReason: membership.exitReason ?? '',
        note: membership.note ?? '',
      }
    : {
        organisationId: organisationId ?? null,
        year,
        feeDue: formatMoneyInput(suggestedFeeCents ?? settings?.defaultFeeCents ?? 0, language),
        amountPaid: '',
        paidOn: '',
        paymentMethod: null,
        votingPersonId: null,
        startDate: '',
        exitDate: '',
        exitReason: '',
        note: '',
      };

  const {
    register,
    control,
    handleSubmit,
    watch,
    setValue,
    getValues,
    setError,
    getFieldState,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<MembershipFormValues, unknown, MembershipValues>({ resolver, defaultValues: defaults });
  const { dialog: leaveDialog, allowNavigation } = useUnsavedChanges(isDirty);

  const selectedOrganisation = watch('organisationId');
  const organisationFixed = Boolean(membership || organisationId);
  // Last year's membership of each structure gives the fee to propose when one is picked.
  const organisations = useQuery('organisations.list', organisationFixed ? null : { year: year - 1 });
  const people = useQuery('people.list', selectedOrganisation ? { organisationId: selectedOrganisation } : null);
  const organisationName =
    membership?.organisationName ?? knownName ?? organisations.data?.items.find((o) => o.id === selectedOrganisation)?.name ?? '';

  const onOrganisationPicked = (id: number | null) => {
    setValue('votingPersonId', null);
    const previousFee = organisations.data?.items.find((o) => o.id === id)?.membership?.feeDueCents;
    if (previousFee !== undefined && !getFieldState('feeDue').isDirty) setValue('feeDue', formatMoneyInput(previousFee, language));
  };

  const votingOptions = useMemo(() => {
    const options = (people.data?.items ?? []).map((p) => ({
      id: p.id,
      label: `${p.firstName} ${p.lastName}`,
      role: p.organisations.find((o) => o.id === selectedOrganisation)?.role,
    }));
    // A representative who has since left the structure stays visible on an old membership.
    if (membership?.votingPersonId && !options.some((o) => o.id === membership.votingPersonId)) {
      options.push({ id: membership.votingPersonId, label: membership.votingPersonName ?? `#${membership.votingPersonId}`, role: undefined });
    }
    return options;
  }, [people.data, membership, selectedOrganisation]);

  const requestClose = () => (isDirty ? setConfirmClose(true) : onClose());

  const markPaid = () => {
    setValue('amountPaid', getValues('feeDue'), { shouldDirty: true, shouldValidate: true });
    if (!getValues('paidOn')) setValue('paidOn', todayIso(), { shouldDirty: true, shouldValidate: true });
  };

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('memberships.save', membership ? { ...values, id: membership.id, version: membership.version } : values);
      allowNavigation();
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS, RENAME));
    }
  });

  const remove = async () => {
    if (!membership) return;
    try {
      await api.call('memberships.delete', { id: membership.id, version: membership.version });
      allowNavigation();
      onSaved();
    } catch (e) {
      setConfirmDelete(false);
      setBanner(applyServerError(e, setError, []));
    }
  };

  const title = membership
    ? t('membership.editTitle', { name: membership.organisationName, year: membership.year })
    : t('membership.newTitle');

  return (
    <Modal title={title} onClose={requestClose} size="large">
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          {organisationFixed ? (
            <div className="field">
              <span className="field-label">{t('membership.organisation')}</span>
              <p className="field-static">{organisationName || t('common.loading')}</p>
            </div>
          ) : (
            <Field label={t('membership.organisation')} error={errors.organisationId} required>
              {(p) => (
                <RecordPicker
                  {...p}
                  source="organisations"
                  value={selectedOrganisation ?? null}
                  placeholder={t('common.choose')}
                  onChange={(id) => {
                    setValue('organisationId', id as number, { shouldDirty: true, shouldValidate: true });
                    onOrganisationPicked(id);
                  }}
                />
              )}
            </Field>
          )}
          <Field label={t('membership.year')} error={errors.year} required>
            {(p) => <input {...p} {...register('year', { valueAsNumber: true })} type="number" min={1901} max={2200} className="input-short" />}
          </Field>
          <Field label={t('membership.feeDue')} error={errors.feeDue} hint={t('form.moneyHint')} required>
            {(p) => <input {...p} {...register('feeDue')} inputMode="decimal" className="input-money" />}
          </Field>
          <Field label={t('membership.amountPaid')} error={errors.amountPaid} hint={t('form.moneyHint')}>
            {(p) => (
              <div className="input-with-action">
                <input {...p} {...register('amountPaid')} inputMode="decimal" className="input-money" />
                <button type="button" className="btn btn-secondary btn-small" onClick={markPaid}>
                  {t('membership.markPaid')}
                </button>
              </div>
            )}
          </Field>
          <Field label={t('membership.paidOn')} error={errors.paidOn}>
            {(p) => <DateInput {...p} {...register('paidOn')} />}
          </Field>
          <Field label={t('membership.paymentMethod')} error={errors.paymentMethod}>
            {(p) => (
              <select {...p} {...register('paymentMethod', { setValueAs: (v: string | null) => v || null })}>
                <option value="">{t('common.unspecified')}</option>
                {PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`payment.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('membership.votingPerson')}
            error={errors.votingPersonId}
            hint={selectedOrganisation && people.data && votingOptions.length === 0 ? t('membership.votingNobody') : t('membership.votingHint')}
          >
            {(p) => (
              <FormPicker
                {...p}
                control={control}
                name="votingPersonId"
                source={votingOptions.map((o) => ({ id: o.id, label: o.label, detail: o.role ?? null }))}
                emptyLabel={t('common.none')}
                disabled={!selectedOrganisation}
              />
            )}
          </Field>
          <Field label={t('membership.startDate')} error={errors.startDate}>
            {(p) => <DateInput {...p} {...register('startDate')} />}
          </Field>
          <Field label={t('membership.exitDate')} error={errors.exitDate}>
            {(p) => <DateInput {...p} {...register('exitDate')} />}
          </Field>
          <Field label={t('membership.exitReason')} error={errors.exitReason}>
            {(p) => <input {...p} {...register('exitReason')} />}
          </Field>
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={2} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('action.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={requestClose}>
            {t('action.cancel')}
          </button>
          {membership ? (
            <button type="button" className="btn btn-danger-quiet push-right" onClick={() => setConfirmDelete(true)}>
              {t('membership.delete')}
            </button>
          ) : null}
        </div>
      </form>
      {confirmClose ? (
        <DiscardChangesDialog
          onLeave={() => {
            allowNavigation();
            onClose();
          }}
          onStay={() => setConfirmClose(false)}
        />
      ) : null}
      {confirmDelete && membership ? (
        <ConfirmDialog
          title={t('membership.deleteTitle')}
          message={<p>{t('membership.deleteMessage', { name: membership.organisationName, year: membership.year })}</p>}
          confirmLabel={t('membership.delete')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirmDelete(false)}
        />
      ) : null}
      {leaveDialog}
    </Modal>
  );
}
