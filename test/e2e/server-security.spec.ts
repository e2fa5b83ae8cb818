import http from 'node:http';
import type { AddressInfo } from 'node:net';
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
