import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  display_name: string;
  role: string;
  organisation_id: number | null;
  /** Argon2id (PHC string); null until the invitation is accepted, and after a reset. */
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: Generated<number>;
  /** SHA-256 of the cookie's random id: the base alone opens no session. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  last_failure_at: string;
}

export interface InvitationsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccountTables {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  invitations: InvitationsTable;
}

/** Tables of the server only, never archived nor copied into a file handed around. */
export const ACCOUNT_TABLES = ['users', 'sessions', 'login_attempts', 'invitations'] as const;
