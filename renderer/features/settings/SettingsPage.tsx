import { useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { MAX_LOGO_BYTES, settingsSchema, type Settings } from '../../../shared/features/settings/schemas';
import { api } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { useAssociation } from '../../app/AssociationProvider';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { applyServerError, moneyFieldsResolver } from '../../components/forms';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { formatMoneyInput, monthNames } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { DatabaseLocationSection } from './DatabaseLocationSection';
import { DocumentTemplateSection } from './DocumentTemplateSection';
import { DocumentWordingSection } from './DocumentWordingSection';
import { MailSettingsSection } from '../mail/MailSettingsSection';

/** The form holds amounts as typed euros; the contract stores cents. */
interface SettingsFormValues {
  associationName: string;
  address: string;
  postcode: string;
  city: string;
  siret: string;
  rna: string;
  email: string;
  phone: string;
  website: string;
  logoDataUrl: string | null;
  etpHours: number;
  defaultHourlyValue: string;
  financialYearStartMonth: number;
  defaultFee: string;
}

const MONEY_FIELDS = { defaultHourlyValue: 'defaultHourlyValueCents', defaultFee: 'defaultFeeCents' } as const;
const RENAME: Record<string, string> = { defaultHourlyValueCents: 'defaultHourlyValue', defaultFeeCents: 'defaultFee' };
const FIELDS = [
  'associationName',
  'address',
  'postcode',
  'city',
  'siret',
  'rna',
  'email',
  'phone',
  'website',
  'logoDataUrl',
  'etpHours',
  'defaultHourlyValue',
  'financialYearStartMonth',
  'defaultFee',
];

export function SettingsPage() {
  const { t } = useI18n();
  const settings = useQuery('settings.get', {});
  return (
    <div className="page-narrow">
      <PageHeader title={t('settings.title')} />
      <ErrorBanner error={settings.error} />
      {settings.data ? <SettingsForm settings={settings.data} onSaved={settings.reload} /> : settings.error ? null : <Loading />}
      <DocumentTemplateSection />
      <DocumentWordingSection />
      <Officers />
      <DatabaseLocationSection />
      <MailSettingsSection />
    </div>
  );
}

function toForm(s: Settings, language: 'fr' | 'en'): SettingsFormValues {
  return {
    associationName: s.associationName,
    address: s.address ?? '',
    postcode: s.postcode ?? '',
    city: s.city ?? '',
    siret: s.siret ?? '',
    rna: s.rna ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    website: s.website ?? '',
    logoDataUrl: s.logoDataUrl,
    etpHours: s.etpHours,
    defaultHourlyValue: formatMoneyInput(s.defaultHourlyValueCents, language),
    financialYearStartMonth: s.financialYearStartMonth,
    defaultFee: formatMoneyInput(s.defaultFeeCents, language),
  };
}

function SettingsForm({ settings, onSaved }: { settings: Settings & { version: number }; onSaved: () => void }) {
  // The version this form last saw: a second save before the page reloads names the one the first produced.
  const version = useRef(settings.version);
  const { t, language } = useI18n();
  const association = useAssociation();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const resolver = useMemo(() => moneyFieldsResolver<SettingsFormValues, Settings>(settingsSchema, MONEY_FIELDS, language), [language]);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    watch,
    reset,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<SettingsFormValues, unknown, Settings>({ resolver, defaultValues: toForm(settings, language) });
  const { dialog } = useUnsavedChanges(isDirty);
  const logo = watch('logoDataUrl');
  const months = monthNames(language);

  const onLogo = (file: File | undefined) => {
    setLogoError(null);
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      setLogoError('error.logoFormat');
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoError('error.logoSize');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => setValue('logoDataUrl', String(reader.result), { shouldDirty: true });
    reader.onerror = () => setLogoError('error.logoFormat');
    reader.readAsDataURL(file);
  };

  const onSubmit = handleSubmit(async (values) => {
    setBanner(null);
    setNotice(null);
    try {
      const saved = await api.call('settings.update', { ...values, version: version.current });
      version.current = saved.version;
      reset(toForm(saved, language));
      setNotice(t('settings.saved'));
      onSaved();
      association.reload();
    } catch (e) {
      setBanner(applyServerError(e, setError, FIELDS, RENAME));
    }
  });

  return (
    <>
      <ErrorBanner error={banner} />
      <SuccessBanner message={notice} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="form-grid">
          <legend>{t('settings.identity')}</legend>
          <Field label={t('settings.associationName')} error={errors.associationName} required wide>
            {(p) => <input {...p} {...register('associationName')} autoComplete="organization" />}
          </Field>
          <Field label={t('common.address')} error={errors.address} wide>
            {(p) => <input {...p} {...register('address')} autoComplete="street-address" />}
          </Field>
          <Field label={t('common.postcode')} error={errors.postcode}>
            {(p) => <input {...p} {...register('postcode')} inputMode="numeric" className="input-short" />}
          </Field>
          <Field label={t('common.city')} error={errors.city}>
            {(p) => <input {...p} {...register('city')} />}
          </Field>
          <Field label={t('org.siret')} error={errors.siret} hint={t('org.siretHint')}>
            {(p) => <input {...p} {...register('siret')} inputMode="numeric" />}
          </Field>
          <Field label={t('settings.rna')} error={errors.rna} hint={t('settings.rnaHint')}>
            {(p) => <input {...p} {...register('rna')} />}
          </Field>
          <Field label={t('common.email')} error={errors.email}>
            {(p) => <input {...p} {...register('email')} type="email" />}
          </Field>
          <Field label={t('common.phone')} error={errors.phone}>
            {(p) => <input {...p} {...register('phone')} type="tel" />}
          </Field>
          <Field label={t('common.website')} error={errors.website} wide>
            {(p) => <input {...p} {...register('website')} type="url" placeholder="https://" />}
          </Field>
          <Field
            label={t('settings.logo')}
            error={logoError ? { message: logoError } : errors.logoDataUrl}
            hint={t('settings.logoHint')}
            wide
          >
            {(p) => (
              <div className="logo-field">
                <div className="logo-preview">
                  {logo ? <img src={logo} alt={t('settings.logoPreview')} /> : <span className="muted">{t('settings.noLogo')}</span>}
                </div>
                <div className="logo-actions">
                  {/* The native control speaks the browser's language; a labelled button speaks ours. */}
                  <input
                    {...p}
                    ref={fileInput}
                    type="file"
                    className="file-input"
                    accept="image/png,image/jpeg"
                    onChange={(e) => onLogo(e.target.files?.[0])}
                  />
                  <label htmlFor={p.id} className="btn btn-secondary btn-small file-button">
                    {logo ? t('settings.changeLogo') : t('settings.chooseLogo')}
                  </label>
                  {logo ? (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => {
                        setValue('logoDataUrl', null, { shouldDirty: true });
                        if (fileInput.current) fileInput.current.value = '';
                      }}
                    >
                      {t('settings.removeLogo')}
                    </button>
                  ) : null}
                </div>
              </div>
            )}
          </Field>
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('settings.computations')}</legend>
          <Field label={t('settings.etpHours')} error={errors.etpHours} hint={t('settings.etpHoursHint')} required>
            {(p) => <input {...p} {...register('etpHours', { valueAsNumber: true })} type="number" min={1000} max={2500} step={1} className="input-short" />}
          </Field>
          <Field label={t('settings.hourlyValue')} error={errors.defaultHourlyValue} hint={t('settings.hourlyValueHint')} required>
            {(p) => <input {...p} {...register('defaultHourlyValue')} inputMode="decimal" className="input-money" />}
          </Field>
          <Field label={t('settings.financialYearStart')} error={errors.financialYearStartMonth} required>
            {(p) => (
              <select {...p} {...register('financialYearStartMonth', { valueAsNumber: true })}>
                {months.map((name, i) => (
                  <option key={i} value={i + 1}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('settings.defaultFee')} error={errors.defaultFee} hint={t('settings.defaultFeeHint')} required>
            {(p) => <input {...p} {...register('defaultFee')} inputMode="decimal" className="input-money" />}
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {t('settings.save')}
          </button>
          {isDirty ? (
            <button type="button" className="btn btn-secondary" onClick={() => reset()}>
              {t('settings.discard')}
            </button>
          ) : null}
        </div>
      </form>
      {dialog}
    </>
  );
}

function Officers() {
  const { t, date } = useI18n();
  const officers = useQuery('people.officers', {});
  return (
    <Section title={t('settings.officers')} id="settings-officers">
      <ErrorBanner error={officers.error} />
      {officers.data && officers.data.items.length === 0 ? (
        <EmptyState title={t('settings.noOfficers')}>
          <p>{t('settings.noOfficersHint')}</p>
        </EmptyState>
      ) : null}
      {officers.data && officers.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('office.office')}</th>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('affiliation.startDate')}</th>
              </tr>
            </thead>
            <tbody>
              {officers.data.items.map((o) => (
                <tr key={o.id}>
                  <td>{t(`office.${o.office}`)}</td>
                  <td>
                    <Link to={`/personnes/${o.personId}`}>{o.personName}</Link>
                  </td>
                  <td>{date(o.startDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="section-intro">{t('settings.officersHint')}</p>
    </Section>
  );
}
