import { useState } from 'react';
import { RouterProvider } from './routing';
import { I18nProvider } from '../i18n/I18nProvider';
import { AssociationProvider } from './AssociationProvider';
import { SessionGate } from '../features/accounts/SessionGate';
import { CallerProvider } from '../features/member/caller';
import { createAppRouter } from './router';

export function App() {
  const [router] = useState(createAppRouter);
  return (
    <I18nProvider>
      <SessionGate>
        <AssociationProvider>
          <CallerProvider>
            <RouterProvider router={router} />
          </CallerProvider>
        </AssociationProvider>
      </SessionGate>
    </I18nProvider>
  );
}
