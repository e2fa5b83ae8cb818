// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { CIVILITIES, personInputSchema, type Person, type PersonInput } from '../../../shared/features/people/schemas';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError, blanks } from '../../components/forms';
import { Loading, PageHeader } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { DateInput } from '../../components/DateInput';

const FIELDS = ['civility', 'firstName', 'lastName', 'email', 'phone', 'address', 'postcode', 'city', 'note', 'consentDate', 'consentNote'] as const;

const EMPTY: PersonInput = {
  civility: null,
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  address: '',
  postcode: '',
  city: '',
  note: '',
  consentDate: '',
  consentNote: '',
};

function toInput(p: Person): PersonInput {
  const { civility, firstName, lastName, email, phone, address, postcode, city, note, consentDate, consentNote } = p;
  return { ...blanks({ firstName, lastName, email, phone, address, postcode, city, note, consentDate, consentNote }), civility };
}

export function PersonFormPage() {
  const { id } = useParams();
  const personId = id ? Number(id) : null;
  const { t } = useI18n();
  const detail = useQuery('people.get', personId ? { id: personId } : null);
  if (personId) {
    if (detail.error) {
      return (
        <>
          <PageHeader title={t('person.editTitle')} />
          <ErrorBanner error={detail.error} />
        </>
      );
    }
    if (!detail.data) return <Loading />;
    return <PersonForm key={personId} person={detail.data.person} />;
  }
  return <PersonForm key="new" person={null} />;
}

function PersonForm({ person }: { person: Person | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm({ resolver: zodResolver(personInputSchema), defaultValues: person ? toInput(person) : EMPTY });
  const { dialog, allowNavigation } = useUnsavedChanges(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      const saved = person ? await api.call('people.update', { ...values, id: person.id, version: person.version }) : await api.call('people.create', values);
      allowNavigation();
      navigate(`/personnes/${saved.id}`, { replace: !person });
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });

  const title = person ? t('person.editTitleOf', { name: `${person.firstName} ${person.lastName}` }) : t('person.newTitle');
  return (
    <>
      <PageHeader title={title} />
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="form-grid">
          <legend>{t('person.identity')}</legend>
          <Field label={t('civility.label')} error={errors.civility} hint={t('civility.hint')}>
            {(p) => (
              <select {...p} {...register('civility', { setValueAs: (v: string) => v || null })} className="input-short">
                <option value="">{t('civility.none')}</option>
                {CIVILITIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`civility.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('person.firstName')} error={errors.firstName} required>
            {(p) => <input {...p} {...register('firstName')} autoComplete="given-name" />}
          </Field>
          <Field label={t('person.lastName')} error={errors.lastName} required>
            {(p) => <input {...p} {...register('lastName')} autoComplete="family-name" />}
          </Field>
          <Field label={t('common.email')} error={errors.email}>
            {(p) => <input {...p} {...register('email')} type="email" autoComplete="email" />}
          </Field>
          <Field label={t('common.phone')} error={errors.phone}>
            {(p) => <input {...p} {...register('phone')} type="tel" autoComplete="tel" />}
          </Field>
          <Field label={t('common.address')} error={errors.address} wide>
            {(p) => <input {...p} {...register('address')} autoComplete="street-address" />}
          </Field>
          <Field label={t('common.postcode')} error={errors.postcode}>
            {(p) => <input {...p} {...register('postcode')} inputMode="numeric" autoComplete="postal-code" className="input-short" />}
          </Field>
          <Field label={t('common.city')} error={errors.city}>
            {(p) => <input {...p} {...register('city')} autoComplete="address-level2" />}
          </Field>
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('person.consent')}</legend>
          <p className="fieldset-intro field-wide">{t('person.consentIntro')}</p>
          <Field label={t('person.consentDate')} error={errors.consentDate}>
            {(p) => <DateInput {...p} {...register('consentDate')} />}
          </Field>
          <Field label={t('person.consentNote')} error={errors.consentNote} hint={t('person.consentNoteHint')}>
            {(p) => <input {...p} {...register('consentNote')} />}
          </Field>
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={3} />}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {person ? t('action.save') : t('person.create')}
          </button>
          <Link to={person ? `/personnes/${person.id}` : '/personnes'} className="btn btn-secondary">
            {t('action.cancel')}
          </Link>
        </div>
      </form>
      {dialog}
    </>
  );
}
