import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** The window title follows the page, so history and task switchers say where one is. */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — Maillage` : 'Maillage';
  }, [title]);
}

export function PageHeader({ title, subtitle, actions, badges }: { title: string; subtitle?: ReactNode; actions?: ReactNode; badges?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-head">
      <div className="page-head-text">
        <h1 tabIndex={-1}>
          {title}
          {badges ? <span className="page-badges">{badges}</span> : null}
        </h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

export function Section({ title, actions, children, id }: { title: string; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="section" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {actions ? <div className="section-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'ok' | 'warn' | 'danger' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
