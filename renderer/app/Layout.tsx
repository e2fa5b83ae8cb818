import { Suspense, useEffect, useRef, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from './routing';
import { LANGUAGES, type Language } from '../../shared/i18n/index';
import { Loading } from '../components/Page';
import { SearchPalette } from '../features/search/SearchPalette';
import { isStructure, MEMBER_SECTIONS, useCaller } from '../features/member/caller';
import { useI18n } from '../i18n/I18nProvider';
import { useAssociation } from './AssociationProvider';
import { useSession } from '../features/accounts/SessionGate';
import { isHelpShortcut, isSearchShortcut } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };

/** Only the sections that exist are listed; each later feature adds its own. */
const SECTIONS = [
  { to: '/accueil', key: 'nav.home' },
  { to: '/structures', key: 'nav.organisations' },
  { to: '/personnes', key: 'nav.people' },
  { to: '/adhesions', key: 'nav.memberships' },
  { to: '/reunions', key: 'meetings.ui.navEntry' },
  { to: '/temps', key: 'nav.time' },
  { to: '/validation', key: 'member14.nav.validation' },
  { to: '/activites', key: 'nav.activities' },
  { to: '/porteurs', key: 'nav.founders' },
  { to: '/observatoire', key: 'nav.observatory' },
  { to: '/financements', key: 'nav.funding' },
  { to: '/rapports', key: 'nav.reports' },
  { to: '/donnees', key: 'data.ui.nav' },
  { to: '/reglages', key: 'nav.settings' },
] as const;

export function Layout() {
  const { t, language, setLanguage } = useI18n();
  const { settings } = useAssociation();
  const session = useSession();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const previousPath = useRef<string | null>(null);
  const [overlay, setOverlay] = useState<'search' | 'shortcuts' | null>(null);
  // A member organisation's account sees its own pages only (the server refuses the rest anyway).
  const member = isStructure(useCaller());
  const sections = member ? MEMBER_SECTIONS : SECTIONS;

  // The app's own shortcuts, listed in ./shortcuts.ts. Ctrl+K wins over the browser's address-bar search.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isSearchShortcut(e)) {
        e.preventDefault();
        setOverlay('search');
      } else if (isHelpShortcut(e) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        setOverlay('shortcuts');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // After a navigation, move focus to the new page's heading, so keyboard and screen-reader
  // users start on the new content. Not on load, nor after the redirect of "/" to a section.
  useEffect(() => {
    const previous = previousPath.current;
    previousPath.current = location.pathname;
    if (previous === null || previous === '/') return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#contenu" onClick={(e) => {
        e.preventDefault();
        mainRef.current?.focus();
      }}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          {settings?.logoDataUrl ? <img className="brand-logo" src={settings.logoDataUrl} alt="" /> : null}
          <div>
            <p className="brand-name">{settings?.associationName ?? 'Maillage'}</p>
            <p className="brand-app">{t('app.tagline')}</p>
          </div>
        </div>
        <div className="header-tools">
          <button type="button" className="search-button" onClick={() => setOverlay('search')} aria-keyshortcuts="Control+K Meta+K">
            <span aria-hidden="true">⌕</span> {t('search.open')} <kbd>Ctrl K</kbd>
          </button>
          <button type="button" className="btn-icon shortcuts-button" onClick={() => setOverlay('shortcuts')} aria-label={t('shortcuts.open')} title={t('shortcuts.open')} aria-keyshortcuts="?">
            ?
          </button>
          {session.user ? (
            <div className="session-tools">
              <NavLink to="/mon-compte" className="session-user">
                {t('accounts.ui.signedInAs', { name: session.user.displayName })}
              </NavLink>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void session.logout()}>
                {t('accounts.ui.logout')}
              </button>
            </div>
          ) : null}
          <div className="language-switch" role="group" aria-label={t('app.language')}>
            {LANGUAGES.map((lang) => (
              <button
                key={lang}
                type="button"
                lang={lang}
                aria-pressed={language === lang}
                aria-label={LANGUAGE_NAMES[lang]}
                title={LANGUAGE_NAMES[lang]}
                onClick={() => setLanguage(lang)}
              >
                {lang.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to}>{t(section.key)}</NavLink>
              </li>
            ))}
            {session.user?.role === 'secretariat' ? (
              <li>
                <NavLink to="/comptes">{t('accounts.ui.nav')}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <main id="contenu" className="app-main" ref={mainRef} tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            {member && !MEMBER_SECTIONS.some((m) => location.pathname.startsWith(m.to)) ? <Navigate to="/mon-temps" replace /> : <Outlet />}
          </Suspense>
        </main>
      </div>
      {overlay === 'search' ? <SearchPalette onClose={() => setOverlay(null)} /> : null}
      {overlay === 'shortcuts' ? <ShortcutsDialog onClose={() => setOverlay(null)} /> : null}
    </div>
  );
}
