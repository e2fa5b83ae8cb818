// Before any schema is used here: zod's issues as catalogue keys, no eval probe (CSP).
import '../../zod-setup';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import {
  OFFICES,
  affiliationInputSchema,
  affiliationUpdateSchema,
  officeInputSchema,
  type Affiliation,
  type OfficeHolding,
  type PersonDetail,
} from '../../../shared/features/people/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { FormPicker } from '../../components/RecordPicker';
import { applyServerError } from '../../components/forms';
import { Badge, Loading, PageHeader, Section } from '../../components/Page';
import { HistoryPanel } from '../data/HistoryPanel';
import { PersonPrivacyPanel } from '../data/PersonPrivacyPanel';
import { MailRecordPanel } from '../mail/MailRecordPanel';
import { RefusalToggle } from '../mail/RefusalToggle';
import { FormDialog } from '../../components/FormDialog';
import { todayIso } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { EndDateDialog } from './EndDateDialog';
import { FormActions } from '../../components/FormActions';
import { DateInput } from '../../components/DateInput';

type Pending =
  | { kind: 'endAffiliation'; affiliation: Affiliation }
  | { kind: 'editAffiliation'; affiliation: Affiliation }
  | { kind: 'endOffice'; office: OfficeHolding }
  | { kind: 'removeOffice'; office: OfficeHolding }
  | { kind: 'archive' };


export function PersonDetailPage() {
  const { id } = useParams();
  const personId = Number(id);
  const { t, date } = useI18n();
  const detail = useQuery('people.get', { id: personId });
  const [pending, setPending] = useState<Pending | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (detail.error && !detail.data) {
    return (
      <>
        <PageHeader title={t('person.detailTitle')} />
        <ErrorBanner error={detail.error} />
        <p>
          <Link to="/personnes">{t('person.backToList')}</Link>
        </p>
      </>
    );
  }
  if (!detail.data) return <Loading />;
  const { person: p, affiliations, offices } = detail.data;
  const archived = Boolean(p.archivedAt);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setActionError(null);
    try {
      await action();
      setNotice(message);
      detail.reload();
    } catch (e) {
      setActionError(toApiError(e));
    } finally {
      setPending(null);
    }
  };

  const address = [p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const currentAffiliations = affiliations.filter((a) => !a.endDate);
  const pastAffiliations = affiliations.filter((a) => a.endDate);
  const currentOffices = offices.filter((o) => !o.endDate);
  const pastOffices = offices.filter((o) => o.endDate);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/personnes">{t('nav.people')}</Link>
      </p>
      <PageHeader
        title={`${p.firstName} ${p.lastName}`}
        badges={archived ? <Badge tone="warn">{t('common.archived')}</Badge> : null}
        actions={
          <>
            <Link className="btn btn-primary" to={`/personnes/${p.id}/modifier`}>
              {t('action.edit')}
            </Link>
            <button type="button" className="btn btn-secondary" onClick={() => setPending({ kind: 'archive' })}>
              {archived ? t('action.restore') : t('action.archive')}
            </button>
          </>
        }
      />
      <ErrorBanner error={actionError} />
      <SuccessBanner message={notice} />

      <Section title={t('person.contact')} id="person-contact">
        <dl className="details">
          <div>
            <dt>{t('civility.label')}</dt>
            <dd>{p.civility ? t(`civility.${p.civility}`) : <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.email')}</dt>
            <dd>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.phone')}</dt>
            <dd>{p.phone ?? <Empty />}</dd>
          </div>
          <div className="details-wide">
            <dt>{t('common.address')}</dt>
            <dd>{address || <Empty />}</dd>
          </div>
          <div>
            <dt>{t('person.consentDate')}</dt>
            <dd>{p.consentDate ? date(p.consentDate) : <span className="muted">{t('person.noConsent')}</span>}</dd>
          </div>
          <div>
            <dt>{t('person.consentNote')}</dt>
            <dd>{p.consentNote ?? <Empty />}</dd>
          </div>
          {p.note ? (
            <div className="details-wide">
              <dt>{t('common.note')}</dt>
              <dd className="pre-line">{p.note}</dd>
            </div>
          ) : null}
        </dl>
              <RefusalToggle personId={p.id} />
      </Section>

      <Section title={t('person.affiliations')} id="person-affiliations">
        {affiliations.length === 0 ? <p className="muted">{t('person.noAffiliations')}</p> : null}
        {currentAffiliations.length || pastAffiliations.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('affiliation.organisation')}</th>
                  <th scope="col">{t('affiliation.role')}</th>
                  <th scope="col">{t('affiliation.startDate')}</th>
                  <th scope="col">{t('affiliation.endDate')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...currentAffiliations, ...pastAffiliations].map((a) => (
                  <tr key={a.id} className={a.endDate ? 'row-past' : undefined}>
                    <td>
                      <Link to={`/structures/${a.organisationId}`}>{a.organisationName}</Link>
                    </td>
                    <td>{a.role}</td>
                    <td className="nowrap">{date(a.startDate)}</td>
                    <td className="nowrap">{a.endDate ? date(a.endDate) : <Badge tone="ok">{t('common.current')}</Badge>}</td>
                    <td className="actions-cell">
                      {!a.endDate ? (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setPending({ kind: 'endAffiliation', affiliation: a })}
                          aria-label={t('affiliation.endOf', { organisation: a.organisationName })}
                        >
                          {t('affiliation.end')}
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() => setPending({ kind: 'editAffiliation', affiliation: a })}
                        aria-label={t('edit.affiliation.editOf', { organisation: a.organisationName })}
                      >
                        {t('action.edit')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <AddAffiliationForm
          detail={detail.data}
          onSaved={() => {
            setNotice(t('affiliation.added'));
            detail.reload();
          }}
        />
      </Section>

      <Section title={t('person.offices')} id="person-offices">
        <p className="section-intro">{t('person.officesIntro')}</p>
        {offices.length === 0 ? <p className="muted">{t('person.noOffices')}</p> : null}
        {offices.length ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('office.office')}</th>
                  <th scope="col">{t('affiliation.startDate')}</th>
                  <th scope="col">{t('affiliation.endDate')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...currentOffices, ...pastOffices].map((o) => (
                  <tr key={o.id} className={o.endDate ? 'row-past' : undefined}>
                    <td>{t(`office.${o.office}`)}</td>
                    <td className="nowrap">{date(o.startDate)}</td>
                    <td className="nowrap">{o.endDate ? date(o.endDate) : <Badge tone="ok">{t('common.current')}</Badge>}</td>
                    <td className="actions-cell">
                      {!o.endDate ? (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setPending({ kind: 'endOffice', office: o })}
                          aria-label={t('office.endOf', { office: t(`office.${o.office}`) })}
                        >
                          {t('affiliation.end')}
                        </button>
                      ) : null}
                      <button
                        type="button"
                        className="btn btn-danger-quiet btn-small"
                        onClick={() => setPending({ kind: 'removeOffice', office: o })}
                        aria-label={t('office.removeOf', { office: t(`office.${o.office}`) })}
                      >
                        {t('action.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <AddOfficeForm
          personId={p.id}
          onSaved={() => {
            setNotice(t('office.added'));
            detail.reload();
          }}
        />
      </Section>

      <MailRecordPanel query={{ personId: p.id }} />
      <PersonPrivacyPanel personId={p.id} name={`${p.firstName} ${p.lastName}`} onErased={detail.reload} />
      <HistoryPanel key={`${p.updatedAt}-${affiliations.length}-${notice ?? ''}`} entity="person" entityId={p.id} />

      {pending?.kind === 'endAffiliation' ? (
        <EndDateDialog
          title={t('affiliation.endTitle')}
          intro={t('affiliation.endIntro', { role: pending.affiliation.role, organisation: pending.affiliation.organisationName })}
          onClose={() => setPending(null)}
          onSubmit={async (endDate) => {
            await api.call('people.endAffiliation', { id: pending.affiliation.id, version: pending.affiliation.version, endDate });
            setPending(null);
            setNotice(t('affiliation.ended'));
            detail.reload();
          }}
        />
      ) : null}
      {pending?.kind === 'endOffice' ? (
        <EndDateDialog
          title={t('office.endTitle')}
          intro={t('office.endIntro', { office: t(`office.${pending.office.office}`) })}
          onClose={() => setPending(null)}
          onSubmit={async (endDate) => {
            await api.call('people.endOffice', { id: pending.office.id, version: pending.office.version, endDate });
            setPending(null);
            setNotice(t('office.ended'));
            detail.reload();
          }}
        />
      ) : null}
      {pending?.kind === 'editAffiliation' ? (
        <AffiliationDialog
          affiliation={pending.affiliation}
          onClose={() => setPending(null)}
          onDone={(message) => {
            setPending(null);
            setActionError(null);
            setNotice(message);
            detail.reload();
          }}
        />
      ) : null}
      {pending?.kind === 'removeOffice' ? (
        <ConfirmDialog
          title={t('office.removeTitle')}
          message={<p>{t('office.removeMessage', { office: t(`office.${pending.office.office}`) })}</p>}
          confirmLabel={t('action.remove')}
          danger
          onConfirm={() => void run(() => api.call('people.removeOffice', { id: pending.office.id, version: pending.office.version }), t('office.removed'))}
          onCancel={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'archive' ? (
        <ConfirmDialog
          title={archived ? t('person.restoreTitle') : t('person.archiveTitle')}
          message={<p>{t(archived ? 'person.restoreMessage' : 'person.archiveMessage', { name: `${p.firstName} ${p.lastName}` })}</p>}
          confirmLabel={archived ? t('action.restore') : t('action.archive')}
          danger={!archived}
          onConfirm={() =>
            void run(
              () => api.call(archived ? 'people.restore' : 'people.archive', { id: p.id }),
              archived ? t('person.restored') : t('person.archived'),
            )
          }
          onCancel={() => setPending(null)}
        />
      ) : null}
    </>
  );
}

function Empty() {
  const { t } = useI18n();
  return <span className="muted">{t('common.notProvided')}</span>;
}

function AddAffiliationForm({ detail, onSaved }: { detail: PersonDetail; onSaved: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(affiliationInputSchema),
    defaultValues: { personId: detail.person.id, organisationId: undefined as unknown as number, role: '', startDate: todayIso(), endDate: '' },
  });
  const suggestions = t('affiliation.roleSuggestions').split('|');

  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('people.addAffiliation', values);
      reset();
      setOpen(false);
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, ['organisationId', 'role', 'startDate', 'endDate']));
    }
  });

  if (!open) {
    return (
      <p className="section-footer">
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {t('affiliation.add')}
        </button>
      </p>
    );
  }
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-label={t('affiliation.add')}>
      <h3>{t('affiliation.add')}</h3>
      <ErrorBanner error={banner} />
      <div className="form-grid form-grid-4">
        <Field label={t('affiliation.organisation')} error={errors.organisationId} required>
          {(p) => <FormPicker {...p} control={control} name="organisationId" source="organisations" placeholder={t('common.choose')} autoFocus />}
        </Field>
        <Field label={t('affiliation.role')} error={errors.role} required>
          {(p) => (
            <>
              <input {...p} {...register('role')} list="role-suggestions" />
              <datalist id="role-suggestions">
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('affiliation.startDate')} error={errors.startDate} required>
          {(p) => <DateInput {...p} {...register('startDate')} />}
        </Field>
        <Field label={t('affiliation.endDateOptional')} error={errors.endDate}>
          {(p) => <DateInput {...p} {...register('endDate')} />}
        </Field>
      </div>
      <FormActions
        submitLabel={t('affiliation.save')}
        busy={isSubmitting}
        onCancel={() => {
          reset();
          setOpen(false);
        }}
      />
    </form>
  );
}

function AddOfficeForm({ personId, onSaved }: { personId: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({
    resolver: zodResolver(officeInputSchema),
    defaultValues: { personId, office: 'board_member' as const, startDate: todayIso(), endDate: '' },
  });

  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('people.addOffice', values);
      reset();
      setOpen(false);
      onSaved();
    } catch (e) {
      setBanner(applyServerError(e, setError, ['office', 'startDate', 'endDate']));
    }
  });

  if (!open) {
    return (
      <p className="section-footer">
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {t('office.add')}
        </button>
      </p>
    );
  }
  return (
    <form className="form subform" onSubmit={submit} noValidate aria-label={t('office.add')}>
      <h3>{t('office.add')}</h3>
      <ErrorBanner error={banner} />
      <div className="form-grid form-grid-4">
        <Field label={t('office.office')} error={errors.office} required className="field-span-2">
          {(p) => (
            <select {...p} {...register('office')} autoFocus>
              {OFFICES.map((o) => (
                <option key={o} value={o}>
                  {t(`office.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('affiliation.startDate')} error={errors.startDate} required>
          {(p) => <DateInput {...p} {...register('startDate')} />}
        </Field>
        <Field label={t('affiliation.endDateOptional')} error={errors.endDate}>
          {(p) => <DateInput {...p} {...register('endDate')} />}
        </Field>
      </div>
      <FormActions
        submitLabel={t('office.save')}
        busy={isSubmitting}
        onCancel={() => {
          reset();
          setOpen(false);
        }}
      />
    </form>
  );
}

/** Corrects a line entered wrongly (structure, role, dates) or deletes it. Ending a role is « Mettre fin ». */
function AffiliationDialog({ affiliation: a, onClose, onDone }: { affiliation: Affiliation; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm({
    resolver: zodResolver(affiliationUpdateSchema),
    defaultValues: { id: a.id, organisationId: a.organisationId, role: a.role, startDate: a.startDate, endDate: a.endDate ?? '' },
  });
  const suggestions = t('affiliation.roleSuggestions').split('|');
  const submit = handleSubmit(async (values) => {
    setBanner(null);
    try {
      await api.call('people.updateAffiliation', { ...values, version: a.version });
      onDone(t('edit.affiliation.saved'));
    } catch (e) {
      setBanner(applyServerError(e, setError, ['organisationId', 'role', 'startDate', 'endDate']));
    }
  });
  return (
    <FormDialog
      title={t('edit.affiliation.title', { organisation: a.organisationName })}
      dirty={isDirty}
      banner={banner}
      busy={isSubmitting}
      submitLabel={t('action.save')}
      onSubmit={submit}
      onClose={onClose}
      size="large"
      deletion={{
        question: t('edit.affiliation.deleteQuestion', { role: a.role, organisation: a.organisationName }),
        message: <p>{t('affiliation.removeMessage', { organisation: a.organisationName })}</p>,
        run: async () => {
          try {
            await api.call('people.removeAffiliation', { id: a.id, version: a.version });
            onDone(t('affiliation.removed'));
          } catch (e) {
            setBanner(toApiError(e));
          }
        },
      }}
    >
      <Field label={t('affiliation.organisation')} error={errors.organisationId} required>
        {(p) => <FormPicker {...p} control={control} name="organisationId" source="organisations" />}
      </Field>
      <Field label={t('affiliation.role')} error={errors.role} required>
        {(p) => (
          <>
            <input {...p} {...register('role')} list="role-suggestions-edit" />
            <datalist id="role-suggestions-edit">
              {suggestions.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('affiliation.startDate')} error={errors.startDate} required>
        {(p) => <DateInput {...p} {...register('startDate')} />}
      </Field>
      <Field label={t('affiliation.endDateOptional')} error={errors.endDate}>
        {(p) => <DateInput {...p} {...register('endDate')} />}
      </Field>
    </FormDialog>
  );
}
