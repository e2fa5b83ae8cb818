import { createContext, useContext, type ReactNode } from 'react';
import type { Actor } from '../../../shared/api/roles';
import { useQuery } from '../../api/useQuery';

interface CallerState {
  /** Undefined while loading; `{ kind: 'local' }` on the desktop and in web mode. */
  caller: Actor | undefined;
}

const CallerContext = createContext<CallerState>({ caller: undefined });

/**
 * Who the app speaks for, asked once (`app.caller`). The navigation shows a member organisation's
 * account its own screens only; hiding is a courtesy, the server's role rules are the protection.
 */
export function CallerProvider({ children }: { children: ReactNode }) {
  const { data } = useQuery('app.caller', {});
  return <CallerContext.Provider value={{ caller: data }}>{children}</CallerContext.Provider>;
}

export function useCaller(): Actor | undefined {
  return useContext(CallerContext).caller;
}

/** The organisation of a `structure` account, or null for every other caller. */
export function structureOrganisation(caller: Actor | undefined): number | null {
  return caller?.kind === 'user' && caller.role === 'structure' ? caller.organisationId : null;
}

export function isStructure(caller: Actor | undefined): boolean {
  return caller?.kind === 'user' && caller.role === 'structure';
}

/** The member pages a structure account lands on, in the navigation's order. */
export const MEMBER_SECTIONS = [
  { to: '/mon-temps', key: 'member14.nav.myTime' },
  { to: '/mes-chiffres', key: 'member14.nav.myFigures' },
  { to: '/mes-attestations', key: 'member14.nav.myCertificates' },
  { to: '/mes-reunions', key: 'member14.nav.meetings' },
] as const;
