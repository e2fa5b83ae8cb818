import type { Handlers } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { ServiceContext } from '../../app/context';
import { defaultMailEnvironment, type MailEnvironment } from '../mail/service';
import { mailInvitation } from './invitation-mail';
import { addUser, disableUser, listUsers, resetUser } from './service';

type AccountHandlers = Pick<Handlers, (`auth.${string}` | `users.${string}`) & keyof Handlers>;

const serverOnly = async (): Promise<never> => {
  throw new AppError('FORBIDDEN', 'accounts.error.serverOnly');
};

/**
 * Accounts outside the server: no login (the desktop, web mode and the CLI act for the person at
 * the machine). The server replaces the `auth.*` handlers with ones bound to the request's cookie.
 */
export function accountHandlers(ctx: ServiceContext, mail?: MailEnvironment): AccountHandlers {
  const env = () => mail ?? defaultMailEnvironment();
  return {
    'auth.login': serverOnly,
    'auth.logout': serverOnly,
    'auth.me': async () => ({ mode: 'local' as const, user: null, csrfToken: null }),
    'auth.changePassword': serverOnly,
    'auth.acceptInvitation': serverOnly,
    'users.list': async () => ({ items: await listUsers(ctx) }),
    'users.add': async ({ sendInvitation, ...input }) => {
      const { user, invitation } = await addUser(ctx, input);
      // Without a password the service always makes an invitation. A mail that fails is said, the account stays.
      const mailed = sendInvitation ? await mailInvitation(ctx, env(), user, invitation!, 'new') : null;
      return { user, invitation: invitation!, mailed };
    },
    'users.disable': ({ id }) => disableUser(ctx, id),
    'users.reset': async ({ id, sendInvitation }) => {
      const { user, invitation } = await resetUser(ctx, id);
      const mailed = sendInvitation ? await mailInvitation(ctx, env(), user, invitation, 'reset') : null;
      return { user, invitation, mailed };
    },
  };
}
