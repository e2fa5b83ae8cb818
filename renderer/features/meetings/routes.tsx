import type { RouteObject } from '../../app/routing';
import { lazyPage } from '../../app/lazyPage';

const DecisionRegisterPage = lazyPage(() => import('./DecisionRegisterPage'), 'DecisionRegisterPage');
const KindSettingsPage = lazyPage(() => import('./KindSettingsPage'), 'KindSettingsPage');
const MeetingListPage = lazyPage(() => import('./MeetingListPage'), 'MeetingListPage');
const NewMeetingPage = lazyPage(() => import('./MeetingForm'), 'NewMeetingPage');
const MeetingPage = lazyPage(() => import('./MeetingPage'), 'MeetingPage');
const OpenActionsPage = lazyPage(() => import('./OpenActionsPage'), 'OpenActionsPage');

/** The meetings section's routes, spread into the app's router. */
export const meetingRoutes: RouteObject[] = [
  { path: 'reunions', element: <MeetingListPage /> },
  { path: 'reunions/nouvelle', element: <NewMeetingPage /> },
  { path: 'reunions/decisions', element: <DecisionRegisterPage /> },
  { path: 'reunions/actions', element: <OpenActionsPage /> },
  { path: 'reunions/types', element: <KindSettingsPage /> },
  { path: 'reunions/:id', element: <MeetingPage /> },
];
