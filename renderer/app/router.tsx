import { createHashRouter, Navigate } from 'react-router';
import { OrganisationDetailPage } from '../features/organisations/OrganisationDetailPage';
import { OrganisationFormPage } from '../features/organisations/OrganisationFormPage';
import { OrganisationListPage } from '../features/organisations/OrganisationListPage';
import { MembershipYearPage } from '../features/memberships/MembershipYearPage';
import { PersonDetailPage } from '../features/people/PersonDetailPage';
import { PersonFormPage } from '../features/people/PersonFormPage';
import { PersonListPage } from '../features/people/PersonListPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { ActivitiesPage } from '../features/activities/ActivitiesPage';
import { DashboardPage } from '../features/activities/DashboardPage';
import { FoundersPage, FounderDetailPage } from '../features/activities/FoundersPage';
import { FundingPage } from '../features/activities/FundingPage';
import { ObservatoryPage } from '../features/activities/ObservatoryPage';
import { ReportsPage } from '../features/activities/ReportsPage';
import { DataPage } from '../features/data/DataPage';
import { ImportPage } from '../features/data/ImportPage';
import { meetingRoutes } from '../features/meetings/routes';
import { timeRoutes } from '../features/time/routes';
import { Layout } from './Layout';
import { NotFoundPage, RouteErrorPage } from './RouteError';

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
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
