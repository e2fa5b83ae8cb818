import { useId, useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import { QUORUM_BASES, type QuorumBase } from '../../../shared/features/meetings/kinds';
import type { KindSettingsRecord } from '../../../shared/features/meetings/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Badge, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { MeetingsSubnav } from './common';

/** Per kind of meeting: what the quorum counts, the share needed, and how many proxies one person may hold. */
export function KindSettingsPage() {
  const { t } = useI18n();
  const query = useQuery('meetings.kinds', {});
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader title={t('meetings.ui.kinds.title')} />
      <MeetingsSubnav current="kinds" />
      <p className="section-intro">{t('meetings.ui.kinds.intro')}</p>
      <SuccessBanner message={notice} />
      <ErrorBanner error={query.error} />
      {!query.data ? <Loading /> : null}
      <div className="kind-grid">
        {(query.data?.items ?? []).map((k) => (
          <KindCard
            key={`${k.kind}-${k.quorumBase}-${k.quorumPercent}-${k.proxiesPerHolder}`}
            settings={k}
            onSaved={() => {
              setNotice(t('meetings.ui.kinds.saved', { kind: t(`meetings.kind.${k.kind}`) }));
              query.reload();
            }}
          />
        ))}
      </div>
    </>
  );
}

function KindCard({ settings, onSaved }: { settings: KindSettingsRecord; onSaved: () => void }) {
  const { t, tKey } = useI18n();
  const id = useId();
  const [base, setBase] = useState<QuorumBase>(settings.quorumBase);
  const [percent, setPercent] = useState(String(settings.quorumPercent));
  const [proxies, setProxies] = useState(String(settings.proxiesPerHolder));
  const [error, setError] = useState<ApiError | null>(null);
  const fieldError = (path: string) => {
    const issue = error?.issues?.find((i) => i.path === path);
    return issue ? (
      <p className="field-error" id={`${id}-${path}-error`} role="alert">
        {tKey(issue.key, issue.params)}
      </p>
    ) : null;
  };
  const save = async () => {
    setError(null);
    try {
      await api.call('meetings.saveKindSettings', { kind: settings.kind, quorumBase: base, quorumPercent: Number(percent), proxiesPerHolder: Number(proxies) });
      onSaved();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const invalid = (path: string) => Boolean(error?.issues?.some((i) => i.path === path));
  return (
    <form
      className="form subform kind-card"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${id}-title`}>
        {t(`meetings.kind.${settings.kind}`)} {settings.isDefault ? <Badge>{t('meetings.ui.kinds.default')}</Badge> : null}
      </h2>
      {error && !error.issues?.length ? <ErrorBanner error={error} /> : null}
      <div className="field">
        <label htmlFor={`${id}-base`}>{t('meetings.ui.kinds.base')}</label>
        <select id={`${id}-base`} value={base} onChange={(e) => setBase(e.target.value as QuorumBase)}>
          {QUORUM_BASES.map((b) => (
            <option key={b} value={b}>
              {t(`meetings.quorumBase.${b}`)}
            </option>
          ))}
        </select>
      </div>
      {base !== 'none' ? (
        <div className="field">
          <label htmlFor={`${id}-percent`}>{t('meetings.ui.kinds.percent')}</label>
          <input
            id={`${id}-percent`}
            type="number"
            min={1}
            max={100}
            className="input-short"
            value={percent}
            aria-invalid={invalid('quorumPercent')}
            aria-describedby={invalid('quorumPercent') ? `${id}-quorumPercent-error` : undefined}
            onChange={(e) => setPercent(e.target.value)}
          />
          {fieldError('quorumPercent')}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-proxies`}>{t('meetings.ui.kinds.proxies')}</label>
        <input
          id={`${id}-proxies`}
          type="number"
          min={0}
          max={20}
          className="input-short"
          value={proxies}
          aria-invalid={invalid('proxiesPerHolder')}
          aria-describedby={invalid('proxiesPerHolder') ? `${id}-proxiesPerHolder-error` : undefined}
          onChange={(e) => setProxies(e.target.value)}
        />
        {fieldError('proxiesPerHolder')}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small">
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}
