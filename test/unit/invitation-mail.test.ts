import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { rememberPublicUrl } from '../../electron/features/accounts/service';
import { environmentSecrets } from '../../electron/features/mail/secrets';
import type { MailEnvironment } from '../../electron/features/mail/service';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { closedPort, startSmtp, type TestSmtp } from '../helpers/smtp';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/** Account invitations sent by mail to a real SMTP server on loopback, read back with mailparser. */
let app: TestApp;
let smtp: TestSmtp;
let env: MailEnvironment;

function api() {
  const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'test', now: () => FIXED_NOW, mail: env }), { validateOutput: true });
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as MethodOutput<M>;
  };
}

async function mailTo(port: number) {
  await app.call('mail.settings.update', { host: '127.0.0.1', port, security: 'none', user: null, fromName: 'Réseau des ressourceries', fromAddress: 'secretariat@reseau.fr', replyTo: null });
}

beforeEach(async () => {
  app = await openTestApp();
  smtp = await startSmtp();
  env = { secrets: environmentSecrets({}), emlDir: path.join(tempDir('maillage-invite-'), 'courriels') };
  await app.call('settings.update', {
    associationName: 'Réseau des ressourceries du Limousin',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2000,
    financialYearStartMonth: 1,
    defaultFeeCents: 5000,
  });
  // As the server does when started with --public-url: the base of invitation links.
  await rememberPublicUrl({ db: app.store.db, now: () => FIXED_NOW, runtime: 'test' }, 'https://maillage.reseau.fr');
});
afterEach(async () => {
  await smtp.close();
  await app.close();
});

describe('an account invitation sent by mail', () => {
  it('reaches the member’s contact with the one-time link, in French, and is recorded once', async () => {
    await mailTo(smtp.port);
    const org = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie du Pont' });
    const call = api();
    const added = await call('users.add', { email: 'contact@ressourcerie-du-pont.fr', role: 'structure', organisationId: org.id, displayName: 'Élise Faure', sendInvitation: true });
    expect(added.mailed).toEqual({ status: 'sent', file: null, error: null });
    expect(smtp.recipients()).toEqual(['contact@ressourcerie-du-pont.fr']);
    const mail = smtp.messages[0]!.parsed;
    expect(mail.subject).toBe('Votre accès à Maillage — Réseau des ressourceries du Limousin');
    expect(mail.text).toContain('Bonjour Élise Faure,');
    expect(mail.text).toContain(added.invitation.url);
    expect(mail.text).toMatch(/jusqu’au \d+/);
    // Recorded like every message (kind « account »), with its status.
    expect(await app.count('mail_messages')).toBe(1);

    // A reset makes a new link, and sends it: the old one is not sent again.
    const reset = await call('users.reset', { id: added.user.id, sendInvitation: true });
    expect(reset.invitation.url).not.toBe(added.invitation.url);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.parsed.subject).toBe('Nouveau mot de passe Maillage — Réseau des ressourceries du Limousin');
    expect(smtp.messages[1]!.parsed.text).toContain(reset.invitation.url);
  });

  it('is not sent unless asked', async () => {
    await mailTo(smtp.port);
    const added = await api()('users.add', { email: 'lecture@reseau.fr', role: 'lecture' });
    expect(added.mailed).toBeNull();
    expect(smtp.messages).toHaveLength(0);
  });

  it('keeps the account and shows the link when the mail cannot leave, saying why in French', async () => {
    await mailTo(await closedPort());
    const added = await api()('users.add', { email: 'coordination@reseau.fr', role: 'coordination', sendInvitation: true });
    expect(added.mailed?.status).toBe('failed');
    expect(added.mailed?.error).toMatch(/[Ss]erveur|connexion|127\.0\.0\.1/);
    expect(added.invitation.url).toMatch(/#\/invitation\//);
    expect((await api()('users.list', {})).items.map((u) => u.email)).toContain('coordination@reseau.fr');
  });
});
