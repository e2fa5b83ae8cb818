import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors';
import type { Category } from '../../../shared/features/time/schemas';
import { api, toApiError } from '../../api/client';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { Loading, PageHeader } from '../../components/Page';
import { decodeMessage } from '../../components/forms';
import { useI18n } from '../../i18n/I18nProvider';
import { useQuery } from '../../api/useQuery';

function fieldMessage(error: ApiError | null, tKey: (k: string, p?: Record<string, string | number>) => string): string | null {
  const issue = error?.issues?.find((i) => i.path === 'name');
  return issue ? tKey(decodeMessage(issue.key).key, issue.params) : null;
}

function CategoryRow({ category, onChanged }: { category: Category; onChanged: (message: string) => void }) {
  const { t, tKey } = useI18n();
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<ApiError | null>(null);
  const id = `category-${category.id}`;
  const save = async (active: boolean) => {
    setError(null);
    try {
      await api.call('time.categories.update', { id: category.id, version: category.version, name, active });
      onChanged(t('time.ui.categories.saved', { name }));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const remove = async () => {
    setError(null);
    try {
      await api.call('time.categories.delete', { id: category.id, version: category.version });
      onChanged(t('time.ui.categories.deleted', { name: category.name }));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const message = fieldMessage(error, tKey);
  return (
    <tr>
      <td className="field time-category-name">
        <label htmlFor={id} className="visually-hidden">
          {t('time.ui.categories.nameOf', { name: category.name })}
        </label>
        <input
          id={id}
          type="text"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void save(category.active)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-error` : undefined}
        />
        {message ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {message}
          </p>
        ) : error ? (
          <ErrorBanner error={error} showIssues={false} />
        ) : null}
      </td>
      <td>{category.active ? t('time.ui.categories.active') : t('time.ui.categories.inactive')}</td>
      <td className="time-num">{category.entryCount}</td>
      <td className="actions-cell nowrap">
        <button type="button" className="btn btn-secondary btn-small" disabled={name === category.name || !name.trim()} onClick={() => void save(category.active)}>
          {t('time.ui.categories.rename')}
        </button>{' '}
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void save(!category.active)}>
          {category.active ? t('time.ui.categories.deactivate') : t('time.ui.categories.activate')}
        </button>{' '}
        {category.entryCount === 0 && !category.code ? (
          <button type="button" className="btn btn-danger-quiet btn-small" onClick={() => void remove()} aria-label={t('time.ui.categories.deleteOf', { name: category.name })}>
            {t('time.ui.delete')}
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** The list of categories: renamed, deactivated, never deleted once used. */
export function CategoriesPage() {
  const { t, tKey } = useI18n();
  const query = useQuery('time.categories.list', { includeInactive: true, withCounts: true });
  const [notice, setNotice] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const add = async () => {
    setError(null);
    try {
      await api.call('time.categories.create', { name });
      setNotice(t('time.ui.categories.created', { name }));
      setName('');
      query.reload();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const message = fieldMessage(error, tKey);
  return (
    <>
      <PageHeader title={t('time.ui.categories.title')} subtitle={t('time.ui.categories.subtitle')} />
      <SuccessBanner message={notice} />
      <ErrorBanner error={query.error} />
      {query.loading && !query.data ? <Loading /> : null}
      {query.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('time.ui.categories.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('time.ui.categories.name')}</th>
                <th scope="col">{t('time.ui.categories.status')}</th>
                <th scope="col" className="time-num">
                  {t('time.ui.total.entries')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('time.ui.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((c) => (
                <CategoryRow
                  key={`${c.id}-${c.name}-${c.active}`}
                  category={c}
                  onChanged={(m) => {
                    setNotice(m);
                    query.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form
        className="section time-inline-form"
        aria-label={t('time.ui.categories.add')}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor="category-new">{t('time.ui.categories.newName')}</label>
          <input id="category-new" type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={message ? true : undefined} aria-describedby={message ? 'category-new-error' : undefined} />
          {message ? (
            <p className="field-error" id="category-new-error" role="alert">
              {message}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
          {t('time.ui.categories.add')}
        </button>
      </form>
    </>
  );
}
