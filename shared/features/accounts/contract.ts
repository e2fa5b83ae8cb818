import { z } from 'zod';
import { method } from '../../api/method';
import { ROLES } from '../../api/roles';
import { checkedText, formatText, id, keyText } from '../../validation/fields';

/** Passwords: at least 12 characters (the issue's rule); the upper bound keeps Argon2's input sane. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const emailInput = formatText(
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(254)
    .refine((v) => z.email().safeParse(v).success, 'error.email'),
);

/** Any character a person can type, but no control, bidi override or broken UTF-16 (as every text). */
const passwordText = () => checkedText('line', (s) => s.max(PASSWORD_MAX_LENGTH, 'error.tooLong'));

export const newPasswordSchema = checkedText('line', (s) => s.max(PASSWORD_MAX_LENGTH, 'error.tooLong').refine((v) => [...v].length >= PASSWORD_MIN_LENGTH, 'error.passwordTooShort'));

export const roleSchema = z.enum(ROLES);

/** The account a session speaks for, as the renderer sees it. */
export const sessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  organisationId: z.number().int().nullable(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;

export const userSchema = sessionUserSchema.extend({
  organisationName: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  createdAt: z.string(),
  /** Until when the pending invitation can be used; null when none is pending. */
  invitationExpiresAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const invitationSchema = z.object({
  /** The link to hand to the person (the mail issue sends it); shown once, only its hash is kept. */
  url: z.string(),
  expiresAt: z.string(),
});

export const userInputSchema = z.object({
  email: emailInput,
  role: roleSchema,
  organisationId: id.nullish(),
  displayName: checkedText('line', (s) => s.trim().max(200, 'error.tooLong')).nullish(),
  /** Send the invitation link by mail (the mail settings, or a .eml file without a server). */
  sendInvitation: z.boolean().default(false),
});
/** The invitation sent by mail when asked: through the server, or written as a .eml file. */
/** `failed`: the account is made and the link shown; `error` says why the mail did not leave. */
const invitationMailSchema = z.object({ status: z.enum(['sent', 'written', 'failed']), file: z.string().nullable(), error: z.string().nullable() }).nullable();

const loggedIn = z.object({ csrfToken: z.string(), user: sessionUserSchema });

export const accountsContract = {
  /** Opens a session: the server sets the cookie and answers the CSRF token to send back in X-CSRF-Token. */
  'auth.login': method(z.object({ email: checkedText('line', (s) => s.trim().toLowerCase().max(254, 'error.tooLong')), password: passwordText() }), loggedIn),
  'auth.logout': method(z.object({}), z.object({})),
  /** Who is calling: `local` on the desktop and in web mode (no login), `server` with the session's account or null. */
  'auth.me': method(z.object({}), z.object({ mode: z.enum(['local', 'server']), user: sessionUserSchema.nullable(), csrfToken: z.string().nullable() })),
  'auth.changePassword': method(z.object({ currentPassword: passwordText(), newPassword: newPasswordSchema }), z.object({})),
  'auth.acceptInvitation': method(z.object({ token: keyText(200, 1), password: newPasswordSchema }), loggedIn),
  'users.list': method(z.object({}), z.object({ items: z.array(userSchema) })),
  'users.add': method(userInputSchema, z.object({ user: userSchema, invitation: invitationSchema, mailed: invitationMailSchema.default(null) })),
  'users.disable': method(z.object({ id }), userSchema),
  'users.reset': method(z.object({ id, sendInvitation: z.boolean().default(false) }), z.object({ user: userSchema, invitation: invitationSchema, mailed: invitationMailSchema.default(null) })),
};
