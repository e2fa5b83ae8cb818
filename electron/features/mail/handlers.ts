import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import {
  defaultMailEnvironment,
  getRefusal,
  listRecords,
  listWordings,
  mailSettingsView,
  previewMail,
  resetWording,
  sendMailBatch,
  sendTestMessage,
  setMailPassword,
  setRefusal,
  updateMailSettings,
  updateWording,
  type MailEnvironment,
} from './service';

type MailHandlers = Pick<Handlers, `mail.${string}` & keyof Handlers>;

export function mailHandlers(ctx: ServiceContext, env: MailEnvironment = defaultMailEnvironment()): MailHandlers {
  return {
    'mail.settings.get': () => mailSettingsView(ctx, env),
    'mail.settings.update': (values) => updateMailSettings(ctx, env, values),
    'mail.settings.setPassword': ({ password }) => setMailPassword(ctx, env, password),
    'mail.test': ({ to }) => sendTestMessage(ctx, env, to),
    'mail.wordings.list': async () => ({ items: await listWordings(ctx) }),
    'mail.wordings.update': (input) => updateWording(ctx, input),
    'mail.wordings.reset': ({ kind }) => resetWording(ctx, kind),
    'mail.preview': (request) => previewMail(ctx, env, request),
    'mail.send': ({ request, resend }) => sendMailBatch(ctx, env, request, resend),
    'mail.records': async (query) => ({ items: await listRecords(ctx, query) }),
    'mail.refusal.get': ({ personId }) => getRefusal(ctx, personId),
    'mail.refusal.set': ({ personId, refusesMail }) => setRefusal(ctx, personId, refusesMail),
  };
}
