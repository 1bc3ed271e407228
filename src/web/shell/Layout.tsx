import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api.js';
import { switchLanguage, type Lang } from '../i18n.js';
import { can } from '../permissions.js';
import { useSession } from '../session.js';
import { Button } from '../ui/nlds.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { Loading } from './Page.js';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user, refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const other: Lang = i18n.language === 'en' ? 'nl' : 'en';
  const change = async () => {
    setBusy(true);
    await switchLanguage(other);
    try {
      if (user?.mfaPassed) {
        await api('PATCH', '/me', { language: other });
        await refresh();
      }
    } catch {
      /* the choice still holds in this browser; the server copy is saved next time */
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button appearance="subtle-button" className="naast-header-button" busy={busy} onClick={() => void change()}>
      <span className="naast-visually-hidden">{t('header.language')}: </span>
      <span lang={other}>{t(`language.${other}`, { lng: other })}</span>
    </Button>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    try {
      await api('POST', '/auth/logout');
    } catch {
      /* already signed out on the server */
    }
    signedOut('signed_out');
    setBusy(false);
    await navigate('/sign-in', { replace: true });
  };
  return (
    <Button appearance="secondary-action-button" className="naast-header-button" busy={busy} onClick={() => void signOut()}>
      {t('header.signOut')}
    </Button>
  );
}

function Navigation() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user?.mfaPassed) return null;
  const items: Array<{ to: string; label: string }> = [{ to: '/', label: t('nav.home') }];
  if (can(user.role, 'trajectories.read') && !can(user.role, 'trajectories.close')) items.push({ to: '/mijn-gezinnen', label: t('nav.myFamilies') });
  if (can(user.role, 'trajectories.close')) items.push({ to: '/trajecten', label: t('nav.trajectories') });
  if (can(user.role, 'trajectories.close')) items.push({ to: '/resultaten', label: t('nav.results') });
  if (can(user.role, 'reports.review')) items.push({ to: '/mijn-verslagen', label: t('nav.myReports') });
  if (can(user.role, 'trajectories.read')) items.push({ to: '/agenda', label: t('nav.calendar') });
  if (can(user.role, 'applications.read')) items.push({ to: '/aanmeldingen', label: t('intake.nav') });
  if (can(user.role, 'applications.read')) items.push({ to: '/wachtlijst', label: t('waitingList.nav') });
  if (can(user.role, 'volunteers.read')) items.push({ to: '/vrijwilligers', label: t('volunteers.nav') });
  if (can(user.role, 'matches.respond')) items.push({ to: '/mijn-koppelingen', label: t('offers.nav') });
  if (can(user.role, 'volunteer_profile.self')) items.push({ to: '/mijn-beschikbaarheid', label: t('volunteers.own.nav') });
  if (can(user.role, 'portal.own')) items.push({ to: '/mijn-gezin', label: t('portal.nav') });
  if (can(user.role, 'applications.own')) items.push({ to: '/mijn-aanmelding', label: t('myApplication.nav') });
  if (can(user.role, 'consent.own')) items.push({ to: '/toestemmingen', label: t('consent.nav') });
  if (can(user.role, 'privacy.own')) items.push({ to: '/mijn-privacy', label: t('privacy.nav') });
  if (can(user.role, 'privacy.manage')) items.push({ to: '/privacyverzoeken', label: t('privacy.requests.nav') });
  if (can(user.role, 'retention.manage')) items.push({ to: '/bewaren', label: t('retention.nav') });
  if (can(user.role, 'users.read')) items.push({ to: '/users', label: t('nav.users') });
  if (can(user.role, 'org.settings.read')) items.push({ to: '/organisation', label: t('nav.organisation') });
  if (can(user.role, 'audit.read')) items.push({ to: '/audit-log', label: t('nav.auditLog') });
  items.push({ to: '/woordenlijst', label: t('nav.glossary') });
  items.push({ to: '/profile', label: t('nav.profile') });
  return (
    <nav className="naast-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.to === '/'}>
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The shell around every page: skip link, demo banner, header, role-based navigation, main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { user, demo } = useSession();
  const location = useLocation();
  const signedIn = !!user?.mfaPassed;
  return (
    <>
      {/* Utrecht's SkipLink wraps the link in a <p> that takes space; the same classes on a plain link do not. */}
      <a href="#main" className="utrecht-skip-link utrecht-skip-link--visible-on-focus">
        {t('shell.skipToContent')}
      </a>
      {demo ? (
        <div className="naast-demo-banner" role="note">
          {t('shell.demoBanner')}
        </div>
      ) : null}
      <header className="naast-header">
        <div className="naast-header__bar">
          <NavLink to={signedIn ? '/' : '/sign-in'} className="naast-brand">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <span>
              {t('app.name')}
              {user ? <span className="naast-brand__org">{user.orgName}</span> : null}
            </span>
          </NavLink>
          <div className="naast-header__tools">
            {user ? (
              <span className="naast-header__user">
                <span className="naast-visually-hidden">{t('header.signedInAs')} </span>
                {user.displayName}
              </span>
            ) : null}
            <LanguageSwitch />
            {user ? <SignOutButton /> : null}
          </div>
        </div>
      </header>
      <Navigation />
      <main id="main" className="naast-main" tabIndex={-1}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="naast-footer">{t('shell.footer')}</footer>
    </>
  );
}
