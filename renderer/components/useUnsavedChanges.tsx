import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useBlocker } from '../app/routing';
import { DiscardChangesDialog } from './Dialog';
import { isReloadingAfterConflict } from './ReloadOnConflict';

/**
 * Keeps a dirty form from being left silently: in-app navigation asks "Quitter sans
 * enregistrer ?", closing or reloading the window triggers the browser's own warning.
 * Call `allowNavigation()` right before navigating away after a successful save.
 */
export function useUnsavedChanges(dirty: boolean): { dialog: ReactNode; allowNavigation: () => void } {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const bypass = useRef(false);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current &&
      !bypass.current &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (bypass.current || isReloadingAfterConflict()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const allowNavigation = useCallback(() => {
    bypass.current = true;
  }, []);

  const dialog =
    blocker.state === 'blocked' ? (
      <DiscardChangesDialog onLeave={() => blocker.proceed()} onStay={() => blocker.reset()} />
    ) : null;

  return { dialog, allowNavigation };
}
