import { expect, test } from './fixtures';

// An English browser on an English system: the app still reads and writes dates the French way.
test.use({ locale: 'en-US', timezoneId: 'Europe/Paris' });

test('in an English browser, a French date and time are typed, saved and shown in French', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-09-03T10:00:00+02:00'));
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
  await page.getByLabel('Titre').fill('Journée technique de rentrée');

  const date = page.getByRole('textbox', { name: 'Date', exact: true });
  await expect(date).toHaveAttribute('placeholder', 'jj/mm/aaaa');
  await date.fill('10 sept. 2026');
  await expect(page.getByText('jeudi 10 septembre 2026')).toBeVisible();
  await page.getByLabel('Heure de début').fill('9h30');
  await expect(page.getByText('9 h 30')).toBeVisible();
  await page.getByLabel('Heure de fin').fill('12:00');
  await page.screenshot({ path: test.info().outputPath('form.png') });
  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journée technique de rentrée' })).toBeVisible();
  await expect(page.getByText(/10 septembre 2026/).first()).toBeVisible();

  // Read back after a reload: the field shows the day first, the time on 24 hours.
  await page.reload();
  await page.getByRole('tab', { name: 'Informations' }).click();
  await expect(page.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue('10/09/2026');
  await expect(page.getByLabel('Heure de début')).toHaveValue('09:30');
  await page.screenshot({ path: test.info().outputPath('saved.png') });
});

test('a date field steps by day with the arrows, picks from a French calendar, and names a bad date in French', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-09-03T10:00:00+02:00'));
  await page.reload();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
  const date = page.getByRole('textbox', { name: 'Date', exact: true });

  await date.fill('10/9/26');
  await date.press('ArrowUp');
  await expect(date).toHaveValue('11/09/2026');
  await date.press('ArrowDown');
  await date.press('ArrowDown');
  await expect(date).toHaveValue('09/09/2026');

  // The calendar opens on the field's month, Monday first, in French.
  await page.locator('.field').filter({ has: date }).getByRole('button', { name: 'Ouvrir le calendrier' }).click();
  const calendar = page.getByRole('dialog', { name: 'Calendrier : septembre 2026' });
  await expect(calendar).toBeVisible();
  await expect(calendar.getByRole('columnheader').first()).toHaveAccessibleName('lundi');
  await expect(calendar.getByRole('button', { name: 'mercredi 9 septembre 2026' })).toBeFocused();
  await page.screenshot({ path: test.info().outputPath('calendar.png') });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('PageDown');
  await expect(calendar).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Calendrier : octobre 2026' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(date).toHaveValue('16/10/2026');
  await expect(date).toBeFocused();

  // A day that does not exist: said in French next to the field, and nothing is created.
  await date.fill('31/09/2026');
  await page.getByLabel('Titre').fill('Réunion impossible');
  await expect(page.getByText('Ce jour n’existe pas dans le calendrier.')).toBeVisible();
  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réunion impossible' })).toHaveCount(0);
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: test.info().outputPath('error.png') });
});
