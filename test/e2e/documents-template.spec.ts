import { readFileSync } from 'node:fs';
import { Document, Header, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { callApi, expect, test } from './fixtures';

test('the secretary gives the association’s Word template in Réglages; a wrong file is refused; the minutes carry its header', async ({ page, app }) => {
  test.setTimeout(60_000);
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'board', title: 'Conseil de printemps', date: '2026-03-12', startTime: '14:00', endTime: '16:30' });
  const template = await Packer.toBuffer(
    new Document({
      sections: [
        {
          properties: { page: { size: { width: 8391, height: 11906 } } },
          headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun('En-tête maison du réseau K8P')] })] }) },
          children: [new Paragraph('Modèle')],
        },
      ],
    }),
  );

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
  const section = page.getByRole('region', { name: 'Modèle Word de l’association' });
  await expect(section.getByText('Aucun modèle : les documents utilisent la mise en page de Maillage.')).toBeVisible();
  await section.locator('#settings-template-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Bonjour') });
  await expect(section.getByRole('alert')).toContainText('Le modèle doit être un document Word (.docx) : « notes.txt » n’en est pas un. Rien n’a été changé.');
  await section.locator('#settings-template-file').setInputFiles({ name: 'modele.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: template });
  await expect(section.getByText('Modèle utilisé : modele.docx (1 en-tête, sans pied de page, page de 14,8 × 21 cm).')).toBeVisible();

  await page.goto(`${app.url}#/reunions/${meeting.id}`);
  await page.getByRole('tab', { name: 'Documents' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Compte rendu (.docx)' }).click();
  const files = unzipSync(new Uint8Array(readFileSync((await (await downloading).path())!)));
  const headers = Object.keys(files).filter((n) => /^word\/header\d*\.xml$/.test(n)).map((n) => strFromU8(files[n]!));
  expect(headers.join('')).toContain('En-tête maison du réseau K8P');
  expect(strFromU8(files['word/document.xml']!)).toMatch(/<w:pgSz w:w="8391" w:h="11906"/);
});
