import { createContext, useContext, type ReactNode } from 'react';
import type { Settings } from '../../shared/features/settings/schemas';
import { useQuery } from '../api/useQuery';

interface AssociationState {
  settings: Settings | undefined;
  reload: () => void;
}

const AssociationContext = createContext<AssociationState>({ settings: undefined, reload: () => {} });

/** The association's settings, loaded once for the header and the forms' defaults; Réglages reloads them. */
export function AssociationProvider({ children }: { children: ReactNode }) {
  const { data, reload } = useQuery('settings.get', {});
  return <AssociationContext.Provider value={{ settings: data, reload }}>{children}</AssociationContext.Provider>;
}

export function useAssociation(): AssociationState {
  return useContext(AssociationContext);
}
