import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';

test('the secretary chooses a USB key for the backups, is told when it is not there, and each backup is copied to it', async ({ page, app }) => {
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-cle-'));
  const absent = path.join(usb, 'pas-branchee');
  try {
    await page.goto(`${app.url}#/donnees`);
    const field = page.getByLabel('Dossier où copier aussi chaque sauvegarde (clé USB, dossier partagé)');
    await expect(page.getByText('Aucun : les sauvegardes restent sur cet ordinateur seulement.')).toBeVisible();

    await field.fill(absent);
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'n’existe pas' })).toHaveText(
      `Le dossier « ${absent} » n’existe pas : branchez la clé USB ou vérifiez le chemin, puis réessayez.`,
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');

    await field.fill(usb);
    await page.getByRole('button', { name: 'Enregistrer le dossier' }).click();
    await expect(page.getByText(`Les sauvegardes seront aussi copiées dans ${usb}.`)).toBeVisible();
    await expect(page.getByText(`Chaque sauvegarde, automatique ou faite à la main, est aussi copiée dans ${usb}.`)).toBeVisible();

    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect(page.getByText(/^Sauvegarde faite : .+ à .+\. Copie faite dans /)).toBeVisible();
    // Named by its moment in the list, never by its ISO file name.
    await expect(page.getByRole('table').first()).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
    await expect(page.getByRole('table').first()).toContainText(/\d+ \p{L}+ \d{4} à \d+ h \d{2}/u);
    expect(fs.readdirSync(usb).filter((f) => f.endsWith('.sqlite')).length).toBeGreaterThanOrEqual(1);

    // After a reload the choice is still there.
    await page.reload();
    await expect(field).toHaveValue(usb);
  } finally {
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
