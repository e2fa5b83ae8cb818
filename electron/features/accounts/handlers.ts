import type { Handlers } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { ServiceContext } from '../../app/context';
import { addUser, disableUser, listUsers, resetUser } from './service';

type AccountHandlers = Pick<Handlers, (`auth.${string}` | `users.${string}`) & keyof Handlers>;

const serverOnly = async (): Promise<never> => {
  throw new AppError('FORBIDDEN', 'accounts.error.serverOnly');
};

/**
 * Accounts outside the server: no login (the desktop, web mode and the CLI act for the person at
 * the machine). The server replaces the `auth.*` handlers with ones bound to the request's cookie.
 */
export function accountHandlers(ctx: ServiceContext): AccountHandlers {
  return {
    'auth.login': serverOnly,
    'auth.logout': serverOnly,
    'auth.me': async () => ({ mode: 'local' as const, user: null, csrfToken: null }),
    'auth.changePassword': serverOnly,
    'auth.acceptInvitation': serverOnly,
    'users.list': async () => ({ items: await listUsers(ctx) }),
    'users.add': async (input) => {
      const { user, invitation } = await addUser(ctx, input);
      // Without a password the service always makes an invitation.
      return { user, invitation: invitation! };
    },
    'users.disable': ({ id }) => disableUser(ctx, id),
    'users.reset': ({ id }) => resetUser(ctx, id),
  };
}
