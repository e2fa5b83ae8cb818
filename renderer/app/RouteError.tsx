import { Link } from './routing';
import { useI18n } from '../i18n/I18nProvider';
import { PageHeader } from '../components/Page';

/** A rendering failure: a sentence and a way back, never a stack. */
export function RouteErrorPage() {
  const { t } = useI18n();
  return (
    <main className="app-main standalone" id="contenu">
      <PageHeader title={t('page.errorTitle')} />
      <p>{t('page.internalError')}</p>
      <p>
        <a href="#/structures" onClick={() => window.location.reload()}>
          {t('page.backHome')}
        </a>
      </p>
    </main>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('page.notFound')} />
      <p>
        <Link to="/structures">{t('page.backHome')}</Link>
      </p>
    </>
  );
}
