import type { RouteObject } from 'react-router';
import { DecisionRegisterPage } from './DecisionRegisterPage';
import { KindSettingsPage } from './KindSettingsPage';
import { MeetingListPage } from './MeetingListPage';
import { NewMeetingPage } from './MeetingForm';
import { MeetingPage } from './MeetingPage';
import { OpenActionsPage } from './OpenActionsPage';

/** The meetings section's routes, spread into the app's router. */
export const meetingRoutes: RouteObject[] = [
  { path: 'reunions', element: <MeetingListPage /> },
  { path: 'reunions/nouvelle', element: <NewMeetingPage /> },
  { path: 'reunions/decisions', element: <DecisionRegisterPage /> },
  { path: 'reunions/actions', element: <OpenActionsPage /> },
  { path: 'reunions/types', element: <KindSettingsPage /> },
  { path: 'reunions/:id', element: <MeetingPage /> },
];
