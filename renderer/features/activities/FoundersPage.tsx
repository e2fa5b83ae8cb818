import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from '../../app/routing';
import type { FounderStage } from '../../../shared/features/activities/schemas';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { FounderDialog } from './FounderDialog';
import './activities.css';

const STAGE_TONE: Record<FounderStage, 'neutral' | 'info' | 'warn' | 'ok'> = { idea: 'neutral', study: 'info', creation: 'warn', open: 'ok' };

function StageBadge({ stage }: { stage: FounderStage }) {
  const { tKey } = useI18n();
  return <Badge tone={STAGE_TONE[stage]}>{tKey(`activity.stage.${stage}`)}</Badge>;
}

/** The project founders the network supports, with how many sessions and visits each had. */
export function FoundersPage() {
  const { t, number } = useI18n();
  const list = useQuery('activities.founders.list', {});
  const [creating, setCreating] = useState(false);
  // A founder deleted from its page comes back here with the notice.
  const arrived = (useLocation().state as { notice?: string } | null)?.notice ?? null;
  const [message, setMessage] = useState<string | null>(arrived);
  return (
    <>
      <PageHeader
        title={t('activity.ui.founders')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('activity.ui.newFounder')}
          </button>
        }
      />
      <SuccessBanner message={message} />
      <ErrorBanner error={list.error} />
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('activity.ui.noFounder')} />
      ) : (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="visually-hidden">{t('activity.ui.founders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('activity.ui.name')}</th>
                <th scope="col">{t('activity.ui.territory')}</th>
                <th scope="col">{t('activity.ui.stage')}</th>
                <th scope="col" className="num">
                  {t('activity.ui.sessions')}
                </th>
                <th scope="col" className="num">
                  {t('activity.ui.visits')}
                </th>
                <th scope="col">{t('activity.ui.becameMember')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/porteurs/${f.id}`}>{f.name}</Link>
                  </th>
                  <td>{f.territory ?? '—'}</td>
                  <td>
                    <StageBadge stage={f.stage} />
                  </td>
                  <td className="num">{number(f.sessions)}</td>
                  <td className="num">{number(f.visits)}</td>
                  <td>{f.organisationId ? <Link to={`/structures/${f.organisationId}`}>{f.organisationName}</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating ? (
        <FounderDialog
          founder={null}
          onClose={() => setCreating(false)}
          onSaved={(f) => {
            setCreating(false);
            setMessage(t('activity.ui.founderSaved', { name: f.name }));
            list.reload();
          }}
        />
      ) : null}
    </>
  );
}

/** One project founder: their details and the support sessions and visits linked to them. */
export function FounderDetailPage() {
  const { id } = useParams();
  const { t, tKey, date } = useI18n();
  const detail = useQuery('activities.founders.get', { id: Number(id) });
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const founder = detail.data?.founder;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/porteurs">{t('activity.ui.founders')}</Link>
      </p>
      <PageHeader
        title={founder?.name ?? t('activity.ui.founder')}
        badges={founder ? <StageBadge stage={founder.stage} /> : undefined}
        actions={
          founder ? (
            <button type="button" className="btn btn-secondary" onClick={() => setEditing(true)}>
              {t('action.edit')}
            </button>
          ) : undefined
        }
      />
      <SuccessBanner message={message} />
      <ErrorBanner error={detail.error} />
      {!detail.data || !founder ? (
        detail.error ? null : <Loading />
      ) : (
        <>
          <Section title={t('activity.ui.founderDetails')} id="founder-details">
            <dl className="founder-facts">
              <dt>{t('activity.ui.territory')}</dt>
              <dd>{founder.territory ?? '—'}</dd>
              <dt>{t('activity.ui.contact')}</dt>
              <dd>{founder.contact ?? '—'}</dd>
              <dt>{t('activity.ui.stage')}</dt>
              <dd>{tKey(`activity.stage.${founder.stage}`)}</dd>
              <dt>{t('activity.ui.becameMember')}</dt>
              <dd>{founder.organisationId ? <Link to={`/structures/${founder.organisationId}`}>{founder.organisationName}</Link> : '—'}</dd>
              {founder.note ? (
                <>
                  <dt>{t('common.note')}</dt>
                  <dd className="pre-line">{founder.note}</dd>
                </>
              ) : null}
            </dl>
          </Section>
          <Section title={t('activity.ui.founderActivities', { sessions: founder.sessions, visits: founder.visits })} id="founder-activities">
            {detail.data.activities.length === 0 ? (
              <EmptyState title={t('activity.ui.noFounderActivity')}>
                <Link to="/activites">{t('activity.ui.logActivity')}</Link>
              </EmptyState>
            ) : (
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('activity.ui.date')}</th>
                    <th scope="col">{t('activity.ui.kind')}</th>
                    <th scope="col">{t('activity.ui.title')}</th>
                    <th scope="col">{t('activity.ui.leads')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data.activities.map((a) => (
                    <tr key={a.id}>
                      <td className="nowrap">{date(a.date)}</td>
                      <td>{tKey(`activity.kind.${a.kind}`)}</td>
                      <th scope="row">
                        {a.title}
                        {a.place ? <span className="muted"> — {a.place}</span> : null}
                      </th>
                      <td>{a.leads.map((l) => l.name).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        </>
      )}
      {editing && founder ? (
        <FounderDialog
          founder={founder}
          onClose={() => setEditing(false)}
          onDeleted={(name) => navigate('/porteurs', { state: { notice: t('edit.founder.deleted', { name }) } })}
          onSaved={(f) => {
            setEditing(false);
            setMessage(t('activity.ui.founderSaved', { name: f.name }));
            detail.reload();
          }}
        />
      ) : null}
    </>
  );
}
