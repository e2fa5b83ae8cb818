import { createHashRouter, Navigate } from './routing';
import { meetingRoutes } from '../features/meetings/routes';
import { timeRoutes } from '../features/time/routes';
import { memberRoutes } from '../features/member/routes';
import { Layout } from './Layout';
import { lazyPage } from './lazyPage';
import { NotFoundPage, RouteErrorPage } from './RouteError';

const OrganisationDetailPage = lazyPage(() => import('../features/organisations/OrganisationDetailPage'), 'OrganisationDetailPage');
const OrganisationFormPage = lazyPage(() => import('../features/organisations/OrganisationFormPage'), 'OrganisationFormPage');
const OrganisationListPage = lazyPage(() => import('../features/organisations/OrganisationListPage'), 'OrganisationListPage');
const MembershipYearPage = lazyPage(() => import('../features/memberships/MembershipYearPage'), 'MembershipYearPage');
const PersonDetailPage = lazyPage(() => import('../features/people/PersonDetailPage'), 'PersonDetailPage');
const PersonFormPage = lazyPage(() => import('../features/people/PersonFormPage'), 'PersonFormPage');
const PersonListPage = lazyPage(() => import('../features/people/PersonListPage'), 'PersonListPage');
const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const ActivitiesPage = lazyPage(() => import('../features/activities/ActivitiesPage'), 'ActivitiesPage');
// The home screen comes with the first screen's messages only (renderer/i18n/first-screen.ts).
const DashboardPage = lazyPage(() => import('../features/activities/DashboardPage'), 'DashboardPage', { firstScreen: true });
const FoundersPage = lazyPage(() => import('../features/activities/FoundersPage'), 'FoundersPage');
const FounderDetailPage = lazyPage(() => import('../features/activities/FoundersPage'), 'FounderDetailPage');
const FundingPage = lazyPage(() => import('../features/activities/FundingPage'), 'FundingPage');
const ObservatoryPage = lazyPage(() => import('../features/activities/ObservatoryPage'), 'ObservatoryPage');
const ReportsPage = lazyPage(() => import('../features/activities/ReportsPage'), 'ReportsPage');
const DataPage = lazyPage(() => import('../features/data/DataPage'), 'DataPage');
const ImportPage = lazyPage(() => import('../features/data/ImportPage'), 'ImportPage');
const AccountsPage = lazyPage(() => import('../features/accounts/AccountsPage'), 'AccountsPage');
const MyAccountPage = lazyPage(() => import('../features/accounts/AccountsPage'), 'MyAccountPage');

/** Hash routes work the same from file:// (Electron) and http:// (web mode); a data router enables useBlocker. */
export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <Layout />,
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <Navigate to="/accueil" replace /> },
        { path: 'accueil', element: <DashboardPage /> },
        { path: 'activites', element: <ActivitiesPage /> },
        { path: 'porteurs', element: <FoundersPage /> },
        { path: 'porteurs/:id', element: <FounderDetailPage /> },
        { path: 'observatoire', element: <ObservatoryPage /> },
        { path: 'financements', element: <FundingPage /> },
        { path: 'rapports', element: <ReportsPage /> },
        { path: 'structures', element: <OrganisationListPage /> },
        { path: 'structures/nouvelle', element: <OrganisationFormPage /> },
        { path: 'structures/:id', element: <OrganisationDetailPage /> },
        { path: 'structures/:id/modifier', element: <OrganisationFormPage /> },
        { path: 'personnes', element: <PersonListPage /> },
        { path: 'personnes/nouvelle', element: <PersonFormPage /> },
        { path: 'personnes/:id', element: <PersonDetailPage /> },
        { path: 'personnes/:id/modifier', element: <PersonFormPage /> },
        { path: 'adhesions', element: <MembershipYearPage /> },
        ...meetingRoutes,
        { path: 'reglages', element: <SettingsPage /> },
        { path: 'donnees', element: <DataPage /> },
        { path: 'donnees/import', element: <ImportPage /> },
        ...timeRoutes,
        { path: 'comptes', element: <AccountsPage /> },
        { path: 'mon-compte', element: <MyAccountPage /> },
        ...memberRoutes,
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
