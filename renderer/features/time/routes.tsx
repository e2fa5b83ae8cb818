import { Navigate, type RouteObject } from 'react-router';
import { CategoriesPage } from './CategoriesPage';
import { CertificatesPage } from './CertificatesPage';
import { TimeLayout } from './common';
import { EntriesPage } from './EntriesPage';
import { GridPage } from './GridPage';
import { PeriodsPage } from './PeriodsPage';
import { PledgesPage } from './PledgesPage';
import { RatesPage } from './RatesPage';
import { SummaryPage } from './SummaryPage';

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
