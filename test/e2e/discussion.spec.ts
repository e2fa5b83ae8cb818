import { callApi, expect, test } from './fixtures';

test('the discussion is set in bold, italic and a bulleted list from its toolbar and Ctrl+B, and a typed asterisk stays one', async ({ page, app }) => {
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'coordination', title: 'Coordination de juin', date: '2026-03-02' });
  const item = await callApi<{ id: number }>(page, app, 'meetings.addAgendaItem', { meetingId: meeting.id, title: 'Budget', presenterPersonId: null, plannedMinutes: null });
  await page.goto(`${app.url}#/reunions/${meeting.id}?onglet=compte-rendu`);

  const field = page.getByLabel('Discussion — Budget');
  await expect(page.getByRole('toolbar', { name: 'Mise en forme de « Budget »' })).toBeVisible();
  await field.click();
  await page.keyboard.type('Le budget est voté');
  // The last word selected with the keyboard, then Ctrl+B as in Word.
  for (let i = 0; i < 'voté'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+b');
  await expect(field).toHaveValue('Le budget est **voté**');
  await page.keyboard.press('End');
  await page.keyboard.type(' à 2*3 des voix.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('les adhérents');
  await page.getByRole('button', { name: 'Liste à puces' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- les partenaires');
  // A word chosen with the mouse, then the Italique button.
  await field.evaluate((el: HTMLTextAreaElement) => {
    const at = el.value.indexOf('partenaires');
    el.setSelectionRange(at, at + 'partenaires'.length);
  });
  await page.getByRole('button', { name: 'Italique' }).click();
  await expect(field).toHaveValue('Le budget est **voté** à 2\\*3 des voix.\n- les adhérents\n- les *partenaires*');

  await page.getByRole('button', { name: 'Enregistrer la discussion' }).click();
  await expect(page.getByText('Discussion enregistrée.')).toBeVisible();
  await page.getByRole('button', { name: 'Aperçu' }).click();
  const preview = page.locator('.markup-preview');
  await expect(preview.locator('strong')).toHaveText('voté');
  await expect(preview.locator('em')).toHaveText('partenaires');
  await expect(preview.getByRole('listitem')).toHaveText(['les adhérents', 'les partenaires']);
  await expect(preview).toContainText('à 2*3 des voix.');
  const saved = await callApi<{ agenda: { id: number; discussion: string | null }[] }>(page, app, 'meetings.get', { id: meeting.id });
  expect(saved.agenda.find((a) => a.id === item.id)?.discussion).toBe('Le budget est **voté** à 2\\*3 des voix.\n- les adhérents\n- les *partenaires*');
});
