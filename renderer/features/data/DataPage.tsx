import { useEffect, useId, useState } from 'react';
import { Link } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import { buildProcessingRegister, registerFileName } from '../../../shared/documents/data/processing-register';
import type { Backup, CheckReport } from '../../../shared/features/data/schemas';
import { api, toApiError } from '../../api/client';
import { saveDocument, saveFile } from '../../api/save';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { PdfButton } from '../../components/PdfButton';
import { base64ToBytes } from '../../../shared/api/files';
import { useQuery } from '../../api/useQuery';
import { useAssociation } from '../../app/AssociationProvider';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader, Section } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { backupInstant } from '../../../shared/format/date-input';
import { dayOfInstant, formatMoment } from '../../i18n/format';
import { BackupFolder } from './BackupFolder';

function size(bytes: number, number: (v: number, d?: number) => string): string {
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.round(bytes / 1024)))} Ko`;
  return `${number(bytes / 1024 / 1024, 1)} Mo`;
}

/** Données: backups and restore, the integrity check, imports, and the duties of a personal-data file. */
export function DataPage() {
  const i18n = useI18n();
  const { t, number } = i18n;
  const id = useId();
  const association = useAssociation();
  const backups = useQuery('data.backups.list', {});
  const privacy = useQuery('privacy.settings.get', {});
  const [years, setYears] = useState<number | null>(null);
  const review = useQuery('privacy.review', years === null ? {} : { years });
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [report, setReport] = useState<CheckReport | null>(null);

  useEffect(() => {
    if (privacy.data && years === null) setYears(privacy.data.reviewAfterYears);
  }, [privacy.data, years]);

  // « 2 décembre 2026 à 14 h 37 »: a backup is named by its moment, never by its file name.
  const when = (b: Pick<Backup, 'at'>) => formatMoment(b.at, i18n.language);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const backupNow = () =>
    act(async () => {
      const b = await api.call('data.backups.create', {});
      backups.reload();
      const done = t('data.ui.backupDone', { name: when(b) });
      return b.copiedTo ? `${done} ${t('backupFolder.copied', { file: b.copiedTo })}` : done;
    });

  const exportArchive = () =>
    act(async () => {
      const archive = await api.call('data.archive.export', {});
      const saved = await saveFile(archive.fileName, new Blob([base64ToBytes(archive.base64) as BlobPart], { type: 'application/json' }));
      return saved ? t('backups.archiveSaved', { file: archive.fileName, count: archive.rows }) : '';
    });

  const restore = (b: Backup) =>
    act(async () => {
      setRestoring(null);
      const r = await api.call('data.backups.restore', { name: b.name });
      backups.reload();
      review.reload();
      association.reload();
      const safetyAt = backupInstant(r.safetyBackup);
      const restored = t('backups.restored', { date: when(b), safety: safetyAt ? when({ at: safetyAt }) : r.safetyBackup });
      return r.erasuresReapplied > 0 ? `${restored} ${t('data.erase.reapplied', { count: r.erasuresReapplied })}` : restored;
    });

  const check = () =>
    act(async () => {
      const r = await api.call('data.check', {});
      setReport(r);
      return '';
    });

  const saveYears = () =>
    act(async () => {
      const saved = await api.call('privacy.settings.save', { reviewAfterYears: years ?? 3 });
      privacy.reload();
      return t('data.ui.reviewSaved', { years: saved.reviewAfterYears });
    });

  const register = (format: DocumentFormat = 'docx') =>
    act(async () => {
      const data = await api.call('privacy.register', {});
      await saveDocument(registerFileName(data), buildProcessingRegister(data), format);
      return '';
    });

  return (
    <>
      <PageHeader title={t('data.ui.title')} subtitle={t('data.ui.subtitle')} />
      <ErrorBanner error={error} />
      <SuccessBanner message={notice || null} />

      <Section
        title={t('data.ui.backups')}
        id="data-backups"
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => void exportArchive()} disabled={busy} title={t('backups.exportArchiveHint')}>
              {t('backups.exportArchive')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void backupNow()} disabled={busy}>
              {t('data.ui.backupNow')}
            </button>
          </>
        }
      >
        <p className="section-intro">
          {t('data.ui.backupsIntro', {
            daily: backups.data?.retention.daily ?? 7,
            weekly: backups.data?.retention.weekly ?? 4,
            monthly: backups.data?.retention.monthly ?? 12,
          })}
        </p>
        {backups.data ? (
          <p className="muted">
            {t('data.ui.backupsFolder')} <span className="mono">{backups.data.folder}</span>
          </p>
        ) : null}
        {backups.data ? (
          <BackupFolder
            current={backups.data.copyFolder ?? null}
            onSaved={(message) => {
              setError(null);
              setNotice(message);
              backups.reload();
            }}
          />
        ) : null}
        <ErrorBanner error={backups.error} />
        {backups.loading && !backups.data ? <Loading /> : null}
        {backups.data && backups.data.items.length === 0 ? <EmptyState title={t('data.ui.noBackups')} /> : null}
        {backups.data && backups.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-compact">
              <caption className="visually-hidden">{t('data.ui.backups')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('data.ui.backupDate')}</th>
                  <th scope="col">{t('data.ui.backupKind')}</th>
                  <th scope="col" className="num">
                    {t('data.ui.backupSize')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {backups.data.items.map((b) => (
                  <tr key={b.name}>
                    <th scope="row" title={b.name}>
                      {when(b)}
                    </th>
                    <td>{t(`data.ui.kind.${b.kind}`)}</td>
                    <td className="num">{size(b.bytes, number)}</td>
                    <td className="actions-cell">
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        disabled={busy}
                        onClick={() => setRestoring(b)}
                        aria-label={t('data.ui.restoreOf', { date: when(b) })}
                      >
                        {t('data.ui.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Section>

      <Section
        title={t('data.ui.checkTitle')}
        id="data-check"
        actions={
          <button type="button" className="btn btn-secondary" onClick={() => void check()} disabled={busy}>
            {t('data.ui.checkRun')}
          </button>
        }
      >
        <p className="section-intro">{t('data.ui.checkIntro')}</p>
        {report ? (
          report.ok ? (
            <p className="text-ok" role="status">
              {t('data.ui.checkOk', { count: report.checks.length })}
            </p>
          ) : (
            <div className="banner banner-error" role="alert">
              <p>{t('data.ui.checkProblems', { count: report.problems.length + report.moreProblems })}</p>
              <ul>
                {report.problems.map((p, i) => (
                  <li key={i}>{i18n.tKey(p.key, p.params)}</li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </Section>

      <Section
        title={t('data.ui.import')}
        id="data-import"
        actions={
          <Link className="btn btn-primary" to="/donnees/import">
            {t('data.ui.importOpen')}
          </Link>
        }
      >
        <p className="section-intro">{t('data.ui.importSummary')}</p>
      </Section>

      <Section
        title={t('data.ui.privacy')}
        id="data-privacy"
        actions={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => void register()} disabled={busy}>
              {t('data.ui.register')}
            </button>
            <PdfButton document={t('data.ui.register')} onClick={() => void register('pdf')} disabled={busy} />
          </>
        }
      >
        <p className="section-intro">{t('data.ui.privacyIntro')}</p>
        <div className="input-with-action">
          <div className="field">
            <label htmlFor={`${id}-years`}>{t('data.ui.reviewYears')}</label>
            <input
              id={`${id}-years`}
              type="number"
              min={1}
              max={30}
              value={years ?? ''}
              onChange={(e) => setYears(e.target.value === '' ? null : Math.max(1, Math.min(30, Number(e.target.value))))}
            />
          </div>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => void saveYears()} disabled={busy || years === null}>
            {t('action.save')}
          </button>
        </div>
        {review.data ? (
          review.data.items.length === 0 ? (
            <EmptyState title={t('data.ui.reviewEmpty', { years: review.data.years })} />
          ) : (
            <div className="table-wrap">
              <table className="table table-compact">
                <caption>{t('data.ui.reviewCaption', { count: review.data.items.length, years: review.data.years })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('data.field.person')}</th>
                    <th scope="col">{t('data.ui.lastOrganisation')}</th>
                    <th scope="col">{t('data.ui.lastEnd')}</th>
                  </tr>
                </thead>
                <tbody>
                  {review.data.items.map((p) => (
                    <tr key={p.personId}>
                      <th scope="row">
                        <Link to={`/personnes/${p.personId}`}>{p.name}</Link>
                      </th>
                      <td>{p.lastOrganisation ?? '—'}</td>
                      <td>{p.lastEnd ? i18n.date(p.lastEnd) : t('data.ui.neverAffiliated', { date: i18n.date(dayOfInstant(p.createdAt)) })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </Section>

      {restoring ? (
        <ConfirmDialog
          title={t('data.ui.restoreTitle')}
          message={<p>{t('data.ui.restoreMessage', { date: when(restoring) })}</p>}
          confirmLabel={t('data.ui.restoreConfirm')}
          danger
          busy={busy}
          onConfirm={() => void restore(restoring)}
          onCancel={() => setRestoring(null)}
        />
      ) : null}
    </>
  );
}
