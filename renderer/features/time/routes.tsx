import { Navigate, type RouteObject } from '../../app/routing';
import { lazyPage } from '../../app/lazyPage';

const CategoriesPage = lazyPage(() => import('./CategoriesPage'), 'CategoriesPage');
const CertificatesPage = lazyPage(() => import('./CertificatesPage'), 'CertificatesPage');
const TimeLayout = lazyPage(() => import('./common'), 'TimeLayout');
const EntriesPage = lazyPage(() => import('./EntriesPage'), 'EntriesPage');
const GridPage = lazyPage(() => import('./GridPage'), 'GridPage');
const PeriodsPage = lazyPage(() => import('./PeriodsPage'), 'PeriodsPage');
const PledgesPage = lazyPage(() => import('./PledgesPage'), 'PledgesPage');
const RatesPage = lazyPage(() => import('./RatesPage'), 'RatesPage');
const SummaryPage = lazyPage(() => import('./SummaryPage'), 'SummaryPage');

/** The Temps section: one entry in the navigation, its pages under /temps. */
export const timeRoutes: RouteObject[] = [
  {
    path: 'temps',
    element: <TimeLayout />,
    children: [
      { index: true, element: <Navigate to="/temps/grille" replace /> },
      { path: 'grille', element: <GridPage /> },
      { path: 'saisies', element: <EntriesPage /> },
      { path: 'bilans', element: <SummaryPage /> },
      { path: 'engagements', element: <PledgesPage /> },
      { path: 'attestations', element: <CertificatesPage /> },
      { path: 'tarifs', element: <RatesPage /> },
      { path: 'categories', element: <CategoriesPage /> },
      { path: 'periodes', element: <PeriodsPage /> },
    ],
  },
];
