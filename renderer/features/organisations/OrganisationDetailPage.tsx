import { useState } from 'react';
import { DateInput } from '../../components/DateInput';
import { useForm } from 'react-hook-form';
import { Link, useParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import type { Membership } from '../../../shared/features/memberships/schemas';
import type { Affiliation } from '../../../shared/features/people/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormPicker } from '../../components/RecordPicker';
import { FormDialog } from '../../components/FormDialog';
import { todayIso } from '../../i18n/format';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { HistoryPanel } from '../data/HistoryPanel';
import { MailRecordPanel } from '../mail/MailRecordPanel';
import { useI18n } from '../../i18n/I18nProvider';
import { MembershipDialog } from '../memberships/MembershipDialog';
import { MembershipTable } from '../memberships/MembershipTable';
import { MembershipStatusBadge } from '../memberships/status';
import { currentYear as thisYear } from '../../i18n/format';

export function OrganisationDetailPage() {
  const { id } = useParams();
  const organisationId = Number(id);
  const { t, tKey } = useI18n();
  const detail = useQuery('organisations.get', { id: organisationId });
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [membershipDialog, setMembershipDialog] = useState<{ membership: Membership | null } | null>(null);
  const [addingPerson, setAddingPerson] = useState(false);

  if (detail.error && !detail.data) {
    return (
      <>
        <PageHeader title={t('org.detailTitle')} />
        <ErrorBanner error={detail.error} />
        <p>
          <Link to="/structures">{t('org.backToList')}</Link>
        </p>
      </>
    );
  }
  if (!detail.data) return <Loading />;
  const { organisation: o, affiliations, memberships } = detail.data;
  const current = affiliations.filter((a) => !a.endDate);
  const past = affiliations.filter((a) => a.endDate);
  const archived = Boolean(o.archivedAt);
  const currentYear = thisYear();

  const toggleArchive = async () => {
    setActionError(null);
    try {
      await api.call(archived ? 'organisations.restore' : 'organisations.archive', { id: o.id });
      setNotice(archived ? t('org.restored') : t('org.archived'));
      detail.reload();
    } catch (e) {
      setActionError(toApiError(e));
    } finally {
      setConfirmArchive(false);
    }
  };

  const address = [o.address, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const website = o.website ? (/^https?:\/\//i.test(o.website) ? o.website : `https://${o.website}`) : null;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/structures">{t('nav.organisations')}</Link>
      </p>
      <PageHeader
        title={o.name}
        badges={
          <>
            {/* A member structure shows where it stands this year, not a type that reads like a status. */}
            {o.kind === 'member' ? <MembershipStatusBadge membership={memberships.find((m) => m.year === currentYear) ?? null} /> : <Badge tone="info">{t(`kind.${o.kind}`)}</Badge>}
            {archived ? <Badge tone="warn">{t('common.archived')}</Badge> : null}
          </>
        }
        subtitle={o.shortName ?? undefined}
        actions={
          <>
            <Link className="btn btn-primary" to={`/structures/${o.id}/modifier`}>
              {t('action.edit')}
            </Link>
            {!archived ? (
              <button type="button" className="btn btn-secondary" onClick={() => setMembershipDialog({ membership: null })}>
                {t('membership.add')}
              </button>
            ) : null}
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmArchive(true)}>
              {archived ? t('action.restore') : t('action.archive')}
            </button>
          </>
        }
      />
      <ErrorBanner error={actionError} />
      <SuccessBanner message={notice} />

      <Section title={t('org.identity')} id="org-identity">
        <dl className="details">
          <div>
            <dt>{t('org.kind')}</dt>
            <dd>
              {t(`kindLong.${o.kind}`)}
              {o.partnerType ? ` — ${t(`partnerType.${o.partnerType}`)}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('org.siret')}</dt>
            <dd>{o.siret ? <span className="mono">{o.siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4')}</span> : <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.address')}</dt>
            <dd>{address || <Empty />}</dd>
          </div>
          <div>
            <dt>{t('org.department')}</dt>
            <dd>{o.department ?? <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.email')}</dt>
            <dd>{o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.phone')}</dt>
            <dd>{o.phone ?? <Empty />}</dd>
          </div>
          <div>
            <dt>{t('common.website')}</dt>
            <dd>
              {website ? (
                <a href={website} target="_blank" rel="noreferrer noopener">
                  {o.website}
                </a>
              ) : (
                <Empty />
              )}
            </dd>
          </div>
          <div>
            <dt>{t('org.membershipOf', { year: currentYear })}</dt>
            <dd>
              <MembershipStatusBadge membership={memberships.find((m) => m.year === currentYear) ?? null} />
            </dd>
          </div>
          {o.note ? (
            <div className="details-wide">
              <dt>{t('common.note')}</dt>
              <dd className="pre-line">{o.note}</dd>
            </div>
          ) : null}
        </dl>
      </Section>

      <Section
        title={t('org.people')}
        id="org-people"
        actions={
          !archived ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setAddingPerson(true)}>
              {t('edit.orgPerson.add')}
            </button>
          ) : undefined
        }
      >
        {affiliations.length === 0 ? (
          <EmptyState title={t('org.noPeople')}>
            <p>{t('edit.orgPerson.emptyHint')}</p>
          </EmptyState>
        ) : (
          <>
            {current.length ? (
              <AffiliationTable rows={current} caption={t('org.currentPeople')} showEnd={false} />
            ) : (
              <p className="muted">{t('org.noCurrentPeople')}</p>
            )}
            {past.length ? <AffiliationTable rows={past} caption={t('org.pastPeople')} showEnd /> : null}
          </>
        )}
      </Section>

      <Section title={t('org.membershipHistory')} id="org-memberships">
        {memberships.length === 0 ? (
          <EmptyState title={t('org.noMemberships')}>
            <p>{t('org.noMembershipsHint')}</p>
          </EmptyState>
        ) : (
          <MembershipTable
            memberships={[...memberships].sort((a, b) => b.year - a.year)}
            by="year"
            onEdit={(m) => setMembershipDialog({ membership: m })}
          />
        )}
      </Section>

      <MailRecordPanel query={{ organisationId: o.id }} />
      <HistoryPanel entity="organisation" entityId={o.id} />

      {confirmArchive ? (
        <ConfirmDialog
          title={archived ? t('org.restoreTitle') : t('org.archiveTitle')}
          message={<p>{tKey(archived ? 'org.restoreMessage' : 'org.archiveMessage', { name: o.name })}</p>}
          confirmLabel={archived ? t('action.restore') : t('action.archive')}
          danger={!archived}
          onConfirm={() => void toggleArchive()}
          onCancel={() => setConfirmArchive(false)}
        />
      ) : null}
      {addingPerson ? (
        <AddPersonDialog
          organisationId={o.id}
          organisationName={o.name}
          onClose={() => setAddingPerson(false)}
          onSaved={(name) => {
            setAddingPerson(false);
            setNotice(t('edit.orgPerson.added', { name, organisation: o.name }));
            detail.reload();
          }}
        />
      ) : null}
      {membershipDialog ? (
        <MembershipDialog
          membership={membershipDialog.membership}
          organisationId={o.id}
          organisationName={o.name}
          suggestedFeeCents={latestFee(memberships)}
          year={nextYearToRecord(memberships, currentYear)}
          onClose={() => setMembershipDialog(null)}
          onSaved={() => {
            setMembershipDialog(null);
            setNotice(t('membership.saved'));
            detail.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** The current year, or the next one when this year is already recorded. */
function nextYearToRecord(memberships: Membership[], currentYear: number): number {
  return memberships.some((m) => m.year === currentYear) ? currentYear + 1 : currentYear;
}

function latestFee(memberships: Membership[]): number | undefined {
  return [...memberships].sort((a, b) => b.year - a.year)[0]?.feeDueCents;
}

function Empty() {
  const { t } = useI18n();
  return <span className="muted">{t('common.notProvided')}</span>;
}

function AffiliationTable({ rows, caption, showEnd }: { rows: Affiliation[]; caption: string; showEnd: boolean }) {
  const { t, date } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('person.name')}</th>
            <th scope="col">{t('affiliation.role')}</th>
            <th scope="col">{t('affiliation.startDate')}</th>
            {showEnd ? <th scope="col">{t('affiliation.endDate')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/personnes/${a.personId}`}>{a.personName}</Link>
                </td>
                <td>{a.role}</td>
                <td className="nowrap">{date(a.startDate)}</td>
                {showEnd ? <td className="nowrap">{date(a.endDate)}</td> : null}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

interface AddPersonForm {
  existingPersonId: number | null;
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  startDate: string;
}
const ADD_PERSON_FIELDS = ['firstName', 'lastName', 'email', 'role', 'startDate'];
const PATH_OF: Record<string, string> = { 'person.firstName': 'firstName', 'person.lastName': 'lastName', 'person.email': 'email', 'affiliation.role': 'role', 'affiliation.startDate': 'startDate' };

/** Someone who works at the structure, new to the base or already in it, with their role here. */
function AddPersonDialog({ organisationId, organisationName, onClose, onSaved }: { organisationId: number; organisationName: string; onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useI18n();
  const [banner, setBanner] = useState<ApiError | null>(null);
  const form = useForm<AddPersonForm>({ defaultValues: { existingPersonId: null, firstName: '', lastName: '', email: '', role: '', startDate: todayIso() } });
  const {
    register,
    control,
    watch,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = form;
  const existing = watch('existingPersonId');
  const suggestions = t('affiliation.roleSuggestions').split('|');
  const onSubmit = form.handleSubmit(async (v) => {
    setBanner(null);
    const affiliation = { organisationId, role: v.role, startDate: v.startDate, endDate: null };
    try {
      if (v.existingPersonId !== null) {
        const saved = await api.call('people.addAffiliation', { personId: v.existingPersonId, ...affiliation });
        onSaved(saved.personName);
      } else {
        const saved = await api.call('people.createWithAffiliation', { person: { firstName: v.firstName, lastName: v.lastName, email: v.email.trim() || null }, affiliation });
        onSaved(saved.personName);
      }
    } catch (e) {
      // The contract names nested fields (`person.firstName`); the form has them flat.
      const error = toApiError(e);
      const unplaced = (error.issues ?? []).filter((issue) => {
        const field = PATH_OF[issue.path] ?? issue.path;
        if (!ADD_PERSON_FIELDS.includes(field)) return true;
        setError(field as keyof AddPersonForm, { type: 'server', message: issue.params ? JSON.stringify({ key: issue.key, params: issue.params }) : issue.key });
        return false;
      });
      setBanner(error.code === 'VALIDATION' && error.issues?.length && !unplaced.length ? null : error);
    }
  });
  return (
    <FormDialog
      title={t('edit.orgPerson.title', { organisation: organisationName })}
      dirty={isDirty}
      banner={banner}
      busy={isSubmitting}
      submitLabel={t('edit.orgPerson.save')}
      onSubmit={onSubmit}
      onClose={onClose}
      size="large"
    >
      <Field label={t('edit.orgPerson.existing')} hint={t('edit.orgPerson.existingHint')} wide>
        {(p) => <FormPicker {...p} control={control} name="existingPersonId" source="people" emptyLabel={t('edit.orgPerson.newPerson')} />}
      </Field>
      {existing === null ? (
        <>
          <Field label={t('person.firstName')} error={errors.firstName} required>
            {(p) => <input {...p} {...register('firstName')} />}
          </Field>
          <Field label={t('person.lastName')} error={errors.lastName} required>
            {(p) => <input {...p} {...register('lastName')} />}
          </Field>
          <Field label={t('common.email')} error={errors.email}>
            {(p) => <input {...p} {...register('email')} type="email" />}
          </Field>
        </>
      ) : null}
      <Field label={t('affiliation.role')} error={errors.role} required>
        {(p) => (
          <>
            <input {...p} {...register('role')} list="org-role-suggestions" />
            <datalist id="org-role-suggestions">
              {suggestions.map((x) => (
                <option key={x} value={x} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t('affiliation.startDate')} error={errors.startDate} required>
        {(p) => <DateInput {...p} {...register('startDate')} />}
      </Field>
    </FormDialog>
  );
}
