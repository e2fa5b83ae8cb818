import type { RouteObject } from '../../app/routing';
import { lazyPage } from '../../app/lazyPage';

const MyTimePage = lazyPage(() => import('./MyTimePage'), 'MyTimePage');
const MyFiguresPage = lazyPage(() => import('./MyFiguresPage'), 'MyFiguresPage');
const MyCertificatesPage = lazyPage(() => import('./MyCertificatesPage'), 'MyCertificatesPage');
const MyMeetingsPage = lazyPage(() => import('./MyMeetingsPage'), 'MyMeetingsPage');
const ValidationPage = lazyPage(() => import('./ValidationPage'), 'ValidationPage');

/** A member organisation's pages (issue 14), and the secretariat's validation of what they enter. */
export const memberRoutes: RouteObject[] = [
  { path: 'mon-temps', element: <MyTimePage /> },
  { path: 'mes-chiffres', element: <MyFiguresPage /> },
  { path: 'mes-attestations', element: <MyCertificatesPage /> },
  { path: 'mes-reunions', element: <MyMeetingsPage /> },
  { path: 'validation', element: <ValidationPage /> },
];
