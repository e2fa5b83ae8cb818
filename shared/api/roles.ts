/**
 * Who is calling. The desktop, the loopback web mode and the CLI act for the one person at the
 * machine (`local`: every right); the network's server acts for an account with one role.
 * The rules of each role live beside the contract (see the server issue); this file only names them.
 */
export const ROLES = ['secretariat', 'coordination', 'structure', 'lecture'] as const;
export type Role = (typeof ROLES)[number];

export type Actor =
  | { kind: 'local' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      /** Shown in the change log and in « modifié entre-temps par … ». */
      displayName: string;
      role: Role;
      /** The member organisation a `structure` account speaks for; null for the other roles. */
      organisationId: number | null;
    };

export const LOCAL_ACTOR: Actor = { kind: 'local' };
