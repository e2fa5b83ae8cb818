import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext, Page } from '@playwright/test';
import { FIXED_NOW_ISO } from '../helpers/clock';
import { expect, PASSWORD, test } from './server-fixtures';
import { pick } from './picker';

test('login, cookie flags, reload, logout; a wrong password says the same as an unknown e-mail', async ({ page, server, request }) => {
  await server.account('secretaire@reseau.fr');
  await page.goto(`${server.base}/#/structures`);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();

  await page.getByLabel('Adresse e-mail').fill('secretaire@reseau.fr');
  await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await page.getByLabel('Adresse e-mail').fill('personne@reseau.fr');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');

  await page.getByLabel('Adresse e-mail').fill('secretaire@reseau.fr');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await expect(page.getByText('Connecté : secretaire@reseau.fr')).toBeVisible();

  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'maillage_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
  // Not readable by the page's scripts.
  expect(await page.evaluate(() => document.cookie)).not.toContain('maillage_session');

  // A reload keeps the session: auth.me gives the CSRF token back.
  await page.reload();
  await page.getByRole('link', { name: 'Comptes' }).click();
  await expect(page.getByRole('cell', { name: 'secretaire@reseau.fr' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  // The old cookie opens nothing any more.
  const replay = await request.post(`${server.base}/api/organisations.list`, {
    data: {},
    headers: { Origin: server.base, Cookie: `maillage_session=${session!.value}` },
  });
  expect(replay.status()).toBe(401);
});

test('a page of another origin cannot make a logged-in browser write (Origin and CSRF checks)', async ({ page, server }) => {
  await server.account('secretaire@reseau.fr');
  await page.goto(`${server.base}/`);
  await page.getByLabel('Adresse e-mail').fill('secretaire@reseau.fr');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText('Connecté : secretaire@reseau.fr')).toBeVisible();

  // Another origin on the same machine (same site: the SameSite cookie goes along, the Origin check must stop it).
  const evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>ailleurs</title><p>ailleurs</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  try {
    const other = await page.context().newPage();
    await other.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const outcome = await other.evaluate(async (target) => {
      const simple = await fetch(`${target}/api/organisations.create`, {
        method: 'POST',
        credentials: 'include',
        mode: 'no-cors',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ name: 'Intruse', kind: 'member' }),
      }).then(
        (r) => r.type,
        () => 'failed',
      );
      const json = await fetch(`${target}/api/organisations.create`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Intruse', kind: 'member' }),
      }).then(
        (r) => String(r.status),
        () => 'failed',
      );
      return { simple, json };
    }, server.base);
    // The simple request is answered opaquely (and refused by the server); the JSON one is blocked by CORS.
    expect(outcome.json).toBe('failed');
    expect(outcome.simple).toBe('opaque');
    await other.close();
  } finally {
    evil.close();
  }
  await page.goto(`${server.base}/#/structures`);
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await expect(page.getByText('Aucune structure pour l’instant.')).toBeVisible();
});

test('the secretariat creates a member organisation’s account; its contact accepts the invitation and is logged in', async ({ page, server, browser }) => {
  await server.account('secretaire@reseau.fr');
  await page.goto(`${server.base}/`);
  await page.getByLabel('Adresse e-mail').fill('secretaire@reseau.fr');
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.goto(`${server.base}/#/structures/nouvelle`);
  await page.getByLabel('Nom').first().fill('Ressourcerie du Val');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ressourcerie du Val' })).toBeVisible();

  await page.getByRole('link', { name: 'Comptes' }).click();
  await page.getByLabel('Adresse e-mail').fill('contact@val.fr');
  await page.getByRole('combobox', { name: 'Rôle' }).selectOption('structure');
  await pick(page.getByRole('combobox', { name: 'Structure', exact: true }), 'val', 'Ressourcerie du Val');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(page.getByRole('status')).toContainText('Lien d’invitation pour contact@val.fr');
  const link = await page.locator('input.invitation-link').inputValue();
  expect(link).toMatch(new RegExp(`^${server.base}/#/invitation/`));
  await expect(page.getByRole('row', { name: /contact@val\.fr/ })).toContainText('Invité');

  const contact = await browser.newContext();
  const contactPage = await contact.newPage();
  await contactPage.clock.setFixedTime(new Date('2026-03-12T10:00:00Z'));
  await contactPage.goto(link);
  await expect(contactPage.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' })).toBeVisible();
  await contactPage.getByLabel('Nouveau mot de passe').fill('trop court');
  await contactPage.getByLabel('Confirmer le mot de passe').fill('trop court');
  await contactPage.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(contactPage.getByText('Le mot de passe doit compter au moins 12 caractères.')).toBeVisible();
  await contactPage.getByLabel('Nouveau mot de passe').fill('la ressourcerie du val');
  await contactPage.getByLabel('Confirmer le mot de passe').fill('la ressourcerie du val');
  await contactPage.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(contactPage.getByText('Connecté : contact@val.fr')).toBeVisible();
  // Accounts are the secretariat's: no link for a member organisation.
  await expect(contactPage.getByRole('link', { name: 'Comptes' })).toHaveCount(0);
  await contact.close();
});

/** Logs in through the API as the browser would, and calls the contract with the session's CSRF token. */
async function apiSession(request: APIRequestContext, base: string, email?: string) {
  const headers: Record<string, string> = { Origin: base };
  if (email) {
    const login = await request.post(`${base}/api/auth.login`, { data: { email, password: PASSWORD }, headers });
    expect(((await login.json()) as { ok: boolean }).ok).toBe(true);
  }
  const me = (await (await request.post(`${base}/api/auth.me`, { data: {}, headers })).json()) as { value: { csrfToken: string } };
  const csrf = me.value.csrfToken;
  return async <T = { id: number }>(method: string, input: unknown) => {
    const response = await request.post(`${base}/api/${method}`, { data: input, headers: { ...headers, 'X-CSRF-Token': csrf } });
    return { status: response.status(), body: (await response.json()) as { ok: boolean; value: T; error?: { code: string; message: string } } };
  };
}

/** Submits the login form and waits for the server's answer (the same banner text may already be shown). */
async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth.login'));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await answered;
}

test('a session idle for 30 minutes ends: the next action brings the login page back with a French message', async ({ page, server }) => {
  await server.account('secretaire@reseau.fr');
  await page.goto(`${server.base}/#/structures`);
  await logIn(page, 'secretaire@reseau.fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();

  // 29 minutes without a request: still open, and this request counts as activity.
  await server.elapse(29 * 60 * 1000);
  await page.getByRole('link', { name: 'Comptes' }).click();
  await expect(page.getByRole('cell', { name: 'secretaire@reseau.fr' }).first()).toBeVisible();

  // 30 more minutes idle (59 since the login, far from the 12 h cap): the next action finds the session gone.
  await server.elapse(30 * 60 * 1000);
  await page.getByRole('link', { name: 'Structures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Vous n’êtes pas connecté, ou votre session a expiré : reconnectez-vous.');
  // The server removed it; logging in again opens a new one.
  expect(await server.count('sessions')).toBe(0);
  await logIn(page, 'secretaire@reseau.fr');
  await expect(page.getByText('Connecté : secretaire@reseau.fr')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('brute force slowed: the 6th wrong password is told to wait, and so is the right one until the delay has passed', async ({ page, server }) => {
  await server.account('secretaire@reseau.fr');
  await page.goto(`${server.base}/`);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await logIn(page, 'secretaire@reseau.fr', `mauvais mot de passe ${attempt}`);
    await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  }
  await logIn(page, 'secretaire@reseau.fr', 'mauvais mot de passe 6');
  await expect(page.getByRole('alert')).toHaveText('Trop de tentatives de connexion : réessayez dans 1 seconde.');
  await logIn(page, 'secretaire@reseau.fr');
  await expect(page.getByRole('alert')).toHaveText('Trop de tentatives de connexion : réessayez dans 1 seconde.');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  expect(await server.count('sessions')).toBe(0);

  // Once the delay has passed, the right password opens the session.
  await server.elapse(1_000);
  await logIn(page, 'secretaire@reseau.fr');
  await expect(page.getByText('Connecté : secretaire@reseau.fr')).toBeVisible();
});

test('a member organisation’s account cannot reach another organisation’s month grid, by URL or by the API', async ({ page, server, request }) => {
  await server.account('secretaire@reseau.fr');
  const secretary = await apiSession(request, server.base, 'secretaire@reseau.fr');
  const val = (await secretary('organisations.create', { kind: 'member', name: 'Ressourcerie du Val' })).body.value;
  const mont = (await secretary('organisations.create', { kind: 'member', name: 'Recyclerie du Mont' })).body.value;
  const anne = (await secretary('people.create', { firstName: 'Anne', lastName: 'Bernard' })).body.value;
  expect((await secretary('people.addAffiliation', { personId: anne.id, organisationId: mont.id, role: 'Valoriste', startDate: '2020-01-01' })).body.ok).toBe(true);
  const categories = (await secretary<{ items: { id: number; code: string | null }[] }>('time.categories.list', {})).body.value;
  const categoryId = categories.items.find((c) => c.code === 'observatory')!.id;
  const month = FIXED_NOW_ISO.slice(0, 7);
  const monts = { organisationId: mont.id, month, nature: 'secondment' };
  const saved = await secretary('time.grid.save', { ...monts, rows: [{ personId: anne.id, categoryId, cells: [{ from: `${month}-03`, to: `${month}-03`, minutes: 90 }] }] });
  expect(saved.body.ok).toBe(true);
  await server.account('contact@val.fr', 'structure', val.id);

  await page.goto(`${server.base}/#/mon-temps?structure=${mont.id}`);
  await logIn(page, 'contact@val.fr');
  await expect(page.getByText('Connecté : contact@val.fr')).toBeVisible();
  await page.goto(`${server.base}/#/mon-temps?structure=${mont.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon temps' })).toBeVisible();
  await expect(page.locator('#grid-heading')).toContainText('Ressourcerie du Val');
  await expect(page.getByText('Recyclerie du Mont')).toHaveCount(0);
  await expect(page.getByText('Anne Bernard')).toHaveCount(0);
  // The secretariat's grid route is not a member's: it leads back to « Mon temps », for its own organisation.
  await page.goto(`${server.base}/#/temps/grille?structure=${mont.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon temps' })).toBeVisible();
  await expect(page.locator('#grid-heading')).toContainText('Ressourcerie du Val');
  await expect(page.getByText('Recyclerie du Mont')).toHaveCount(0);

  // The same account's cookie and CSRF token, straight at the API.
  const member = await apiSession(page.request, server.base);
  const before = await server.count('time_entries');
  const refused = /^Votre rôle \(.+\) ne permet pas d’accéder aux données d’une autre structure/;
  const read = await member('time.grid.get', monts);
  expect(read.body.ok).toBe(false);
  expect(read.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(refused) });
  for (const rows of [
    [{ personId: anne.id, categoryId, cells: [{ from: `${month}-04`, to: `${month}-04`, minutes: 600 }] }],
    [{ personId: null, categoryId, cells: [{ from: `${month}-05`, to: `${month}-05`, minutes: 60 }] }],
  ]) {
    const write = await member('time.grid.save', { ...monts, rows });
    expect(write.body.ok).toBe(false);
    expect(write.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(refused) });
  }
  expect(await server.count('time_entries')).toBe(before);
  const grid = await secretary<{ entries: { minutes: number }[] }>('time.grid.get', monts);
  expect(grid.body.value.entries.map((e) => e.minutes)).toEqual([90]);
});
