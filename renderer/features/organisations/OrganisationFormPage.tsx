// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import {
  ORGANISATION_KINDS,
  PARTNER_TYPES,
  organisationInputSchema,
  type Organisation,
  type OrganisationInput,
} from '../../../shared/features/organisations/schemas';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError, blanks } from '../../components/forms';
import { Loading, PageHeader } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useI18n } from '../../i18n/I18nProvider';

const FIELDS = ['name', 'shortName', 'kind', 'partnerType', 'siret', 'address', 'postcode', 'city', 'email', 'phone', 'website', 'note'] as const;

const EMPTY: OrganisationInput = {
  name: '',
  shortName: '',
  kind: 'member',
  partnerType: null,
  siret: '',
  address: '',
  postcode: '',
  city: '',
  email: '',
  phone: '',
  website: '',
  note: '',
};

function toInput(o: Organisation): OrganisationInput {
  const { name, shortName, kind, partnerType, siret, address, postcode, city, email, phone, website, note } = o;
  return { ...blanks({ name, shortName, siret, address, postcode, city, email, phone, website, note }), kind, partnerType };
}

export function OrganisationFormPage() {
  const { id } = useParams();
  const organisationId = id ? Number(id) : null;
  const { t } = useI18n();
  const detail = useQuery('organisations.get', organisationId ? { id: organisationId } : null);

  if (organisationId) {
    if (detail.error) {
      return (
        <>
          <PageHeader title={t('org.editTitle')} />
          <ErrorBanner error={detail.error} />
        </>
      );
    }
    if (!detail.data) return <Loading />;
    return <OrganisationForm key={organisationId} organisation={detail.data.organisation} />;
  }
  return <OrganisationForm key="new" organisation={null} />;
}

function OrganisationForm({ organisation }: { organisation: Organisation | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm({
    resolver: zodResolver(organisationInputSchema),
    defaultValues: organisation ? toInput(organisation) : EMPTY,
  });
  const { dialog, allowNavigation } = useUnsavedChanges(isDirty);
  const kind = watch('kind');

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      const saved = organisation
        ? await api.call('organisations.update', { ...values, id: organisation.id, version: organisation.version })
        : await api.call('organisations.create', values);
      allowNavigation();
      navigate(`/structures/${saved.id}`, { replace: !organisation });
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS));
    }
  });

  const cancelTo = organisation ? `/structures/${organisation.id}` : '/structures';
  const title = organisation ? t('org.editTitleOf', { name: organisation.name }) : t('org.newTitle');

  return (
    <>
      <PageHeader title={title} />
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="form-grid">
          <legend>{t('org.identity')}</legend>
          <Field label={t('org.name')} error={errors.name} required wide>
            {(p) => <input {...p} {...register('name')} autoComplete="organization" />}
          </Field>
          <Field label={t('org.shortName')} error={errors.shortName} hint={t('org.shortNameHint')}>
            {(p) => <input {...p} {...register('shortName')} />}
          </Field>
          <Field label={t('org.siret')} error={errors.siret} hint={t('org.siretHint')}>
            {(p) => <input {...p} {...register('siret')} inputMode="numeric" />}
          </Field>
          <Field label={t('org.kind')} error={errors.kind} required>
            {(p) => (
              <select {...p} {...register('kind')}>
                {ORGANISATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kindLong.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind !== 'member' ? (
            <Field label={t('org.partnerType')} error={errors.partnerType}>
              {(p) => (
                <select {...p} {...register('partnerType', { setValueAs: (v: string | null) => v || null })}>
                  <option value="">{t('common.unspecified')}</option>
                  {PARTNER_TYPES.map((k) => (
                    <option key={k} value={k}>
                      {t(`partnerType.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('org.contact')}</legend>
          <Field label={t('common.address')} error={errors.address} wide>
            {(p) => <input {...p} {...register('address')} autoComplete="street-address" />}
          </Field>
          <Field label={t('common.postcode')} error={errors.postcode}>
            {(p) => <input {...p} {...register('postcode')} inputMode="numeric" autoComplete="postal-code" className="input-short" />}
          </Field>
          <Field label={t('common.city')} error={errors.city}>
            {(p) => <input {...p} {...register('city')} autoComplete="address-level2" />}
          </Field>
          <Field label={t('common.email')} error={errors.email}>
            {(p) => <input {...p} {...register('email')} type="email" autoComplete="email" />}
          </Field>
          <Field label={t('common.phone')} error={errors.phone}>
            {(p) => <input {...p} {...register('phone')} type="tel" autoComplete="tel" />}
          </Field>
          <Field label={t('common.website')} error={errors.website} wide>
            {(p) => <input {...p} {...register('website')} type="url" placeholder="https://" />}
          </Field>
          <Field label={t('common.note')} error={errors.note} wide>
            {(p) => <textarea {...p} {...register('note')} rows={4} />}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {organisation ? t('action.save') : t('org.create')}
          </button>
          <Link to={cancelTo} className="btn btn-secondary">
            {t('action.cancel')}
          </Link>
        </div>
      </form>
      {dialog}
    </>
  );
}
