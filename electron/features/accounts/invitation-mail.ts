import { toApiError } from '../../api/dispatch';
import { DEFAULT_TIME_ZONE } from '../../../shared/format/day';
import { formatInstant } from '../../../shared/format/date-input';
import { translate } from '../../../shared/i18n/index';
import type { ServiceContext } from '../../app/context';
import { sendMail, type MailEnvironment } from '../mail/service';
import { getSettings } from '../settings/service';

/**
 * Sends an account's invitation link (a new account, or a reset) to its address, through the
 * mail settings (or written as .eml when no server is set). Recorded like every message; the same
 * link is never sent twice, a new one (after a reset) is.
 */
export async function mailInvitation(
  ctx: ServiceContext,
  env: MailEnvironment,
  user: { id: number; email: string; displayName: string },
  invitation: { url: string; expiresAt: string },
  reason: 'new' | 'reset',
): Promise<{ status: 'sent' | 'written' | 'failed'; file: string | null; error: string | null }> {
  const association = (await getSettings(ctx)).associationName || 'Maillage';
  const until = formatInstant(invitation.expiresAt, 'fr', ctx.timeZone ?? DEFAULT_TIME_ZONE);
  const t = (key: string, params: Record<string, string>) => translate('fr', key, params);
  try {
    const result = await sendMail(ctx, env, {
      to: { name: user.displayName || user.email, email: user.email },
      subject: t(`accounts.mail.subject.${reason}`, { association }),
      text: t(`accounts.mail.body.${reason}`, { name: user.displayName || user.email, association, url: invitation.url, until }),
      kind: 'account',
      documentKey: `invitation:${user.id}:${invitation.expiresAt}`,
    });
    return { ...result, error: null };
  } catch (error) {
    // The account is made either way: the link is shown to hand over by other means.
    return { status: 'failed', file: null, error: toApiError(error).message };
  }
}
