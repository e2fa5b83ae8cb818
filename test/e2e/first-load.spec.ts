import { catalogues } from '../../shared/i18n/index';
import { isFirstScreenKey } from '../../renderer/i18n/first-screen';
import { callApi, expect, FIXED_NOW, test } from './fixtures';

/** Issue 11: the first screen loads under 400 kB of script; the rest of the messages come with the next page. */

const day = (offset: number) => new Date(FIXED_NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const REST_CHUNK = /\/assets\/(fr|en)-rest-[^/]+\.js$/;

test('the first screen loads under 400 kB of script, French only; the other messages come with the next page', async ({ browser, app }) => {
  // A new browser context: nothing cached, as on the first start.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(request.url());
  });
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(page.locator('main .loading')).toHaveCount(0);
  const bytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.endsWith('.js'))
      .reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).decodedBodySize, 0),
  );
  expect(bytes).toBeGreaterThan(100 * 1024);
  expect(bytes).toBeLessThan(400 * 1024);
  expect(scripts.some((url) => REST_CHUNK.test(url))).toBe(false);
  expect(scripts.some((url) => /\/assets\/en-/.test(url))).toBe(false);

  // The next page brings the rest of the French messages with it.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Structures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  expect(scripts.some((url) => /\/assets\/fr-rest-/.test(url))).toBe(true);
  await expect(page.getByRole('button', { name: 'Nouvelle structure' }).or(page.getByRole('link', { name: 'Nouvelle structure' })).first()).toBeVisible();

  // English, both its parts, when chosen.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  expect(scripts.some((url) => /\/assets\/en-first-/.test(url)) && scripts.some((url) => /\/assets\/en-rest-/.test(url))).toBe(true);
  await context.close();
});

test('while the rest of the messages is held back, the home screen shows none of their keys, then every page gets them', async ({ browser, page, app }) => {
  // A dashboard with something in each panel: a member who has not paid, a meeting to come, a late action.
  const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'Ressourcerie du Plateau' });
  await callApi(page, app, 'memberships.save', { organisationId: organisation.id, year: Number(day(0).slice(0, 4)), feeDueCents: 10000, amountPaidCents: 0 });
  const past = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'coordination', title: 'Coordination passée', date: day(-20), startTime: '14:00', endTime: '17:00' });
  await callApi(page, app, 'meetings.create', { kind: 'board', title: 'Conseil à venir', date: day(10), startTime: '14:00', endTime: '16:00' });
  const item = await callApi<{ id: number }>(page, app, 'meetings.addAgendaItem', { meetingId: past.id, title: 'Budget', presenterPersonId: null });
  await callApi(page, app, 'meetings.addAction', { meetingId: past.id, agendaItemId: item.id, text: 'Envoyer le budget', ownerPersonId: null, ownerOrganisationId: organisation.id, dueDate: day(-5) });

  const context = await browser.newContext();
  const held = await context.newPage();
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await held.route(REST_CHUNK, async (route) => {
    await released;
    await route.continue();
  });
  await held.goto(app.url);
  await expect(held.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(held.locator('main .loading')).toHaveCount(0);
  await expect(held.getByText('Ressourcerie du Plateau').first()).toBeVisible();
  const text = await held.locator('body').innerText();
  const shown = Object.keys(catalogues.fr).filter((key) => text.includes(key));
  expect(shown).toEqual([]);
  // The keys it shows are all in the first part: nothing on this screen waited for the second.
  expect(Object.keys(catalogues.fr).filter(isFirstScreenKey).length).toBeGreaterThan(100);

  // A page asked for while the rest is held waits (« Chargement… ») and then shows in French.
  await held.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  release();
  await expect(held.getByRole('heading', { level: 1, name: 'Réunions' })).toBeVisible();
  await expect(held.getByText('Conseil à venir')).toBeVisible();
  const after = await held.locator('body').innerText();
  expect(Object.keys(catalogues.fr).filter((key) => after.includes(key))).toEqual([]);
  await context.close();
});
