import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { checkWording, fillWording, WORDINGS } from '../../shared/documents/wording';
import { translate } from '../../shared/i18n/index';
import { plain, readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/** The standard sentences of the documents, worded by the association in Réglages, checked when saved. */

describe('checking a text', () => {
  it('refuses an unknown placeholder, naming it, a required one dropped, and a brace left alone', () => {
    expect(checkWording('report.partnerIntro', 'Du {période} pour {financeur}')).toBeNull();
    expect(checkWording('report.partnerIntro', 'Sur la {periode} :')).toEqual({ key: 'docs12.wording.unknownPlaceholder', placeholder: 'periode' });
    expect(checkWording('certificate.intro', '{structure} atteste les heures {heures}.')).toEqual({ key: 'docs12.wording.missingPlaceholder', placeholder: 'adhérente' });
    expect(checkWording('minutes.closing', 'La séance est levée à {heure.')).toEqual({ key: 'docs12.wording.unbalanced', placeholder: '' });
  });

  it('prints, by default, exactly the sentences the documents printed before', () => {
    const fr = (key: Parameters<typeof translate>[1], params: Record<string, string>) => translate('fr', key, params);
    expect(fillWording(WORDINGS['notice.invitation'].defaultText, { instance: 'l’assemblée générale', structure: 'Réseau' })).toBe(
      fr('meetings.doc.notice.invitation', { kind: 'l’assemblée générale', name: 'Réseau' }),
    );
    expect(WORDINGS['notice.closing'].defaultText).toBe(fr('meetings.doc.notice.closing', {}));
    expect(fillWording(WORDINGS['minutes.closing'].defaultText, { heure: '17 h' })).toBe(fr('docs.minutes.closedAt', { time: '17 h' }));
    expect(fillWording(WORDINGS['certificate.intro'].defaultText, { signataire: 'Anne', structure: 'Réseau', adhérente: 'Ressourcerie', adresse: ' (Tulle)', apport: 'a donné' })).toBe(
      fr('docs.certificate.intro', { signatory: 'Anne', association: 'Réseau', organisation: 'Ressourcerie', address: ' (Tulle)', given: 'a donné' }),
    );
  });
});

describe('Réglages › Textes des documents', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
    const net = await seedNetwork(app, 2);
    await app.call('settings.update', { associationName: 'Réseau Tournesol', city: 'Tulle', logoDataUrl: null, etpHours: 1607, defaultHourlyValueCents: 2000, financialYearStartMonth: 1, defaultFeeCents: 5000 });
    await app.call('meetings.create', {
      kind: 'board',
      title: 'Conseil de juin',
      date: '2026-06-14',
      startTime: '14:00',
      endTime: '16:30',
      hostOrganisationId: net.organisations[0]!.id,
      chairPersonId: net.representatives[0]!.id,
      secretaryPersonId: net.staff.id,
    });
  });
  afterEach(async () => {
    await app.close();
  });

  it('refuses a text with an unknown placeholder, naming it, and keeps the original', async () => {
    const error = await app.fail('documents.wording.save', { key: 'minutes.closing', text: 'Séance levée à {heures}.' });
    expect(error.code).toBe('VALIDATION');
    expect(error.issues?.[0]).toMatchObject({ path: 'text', key: 'docs12.wording.unknownPlaceholder', params: { placeholder: '{heures}' } });
    expect(error.message).toContain('Le champ {heures} n’existe pas pour ce texte : les champs possibles sont {heure}, {instance}, {structure}, {date}.');
    const dropped = await app.fail('documents.wording.save', { key: 'certificate.intro', text: '{structure} atteste {apport}.' });
    expect(dropped.message).toContain('Ce texte doit garder le champ {adhérente}.');
    const { items } = await app.call('documents.wording.get', {});
    expect(items.every((i) => !i.customised)).toBe(true);
  });

  it('writes the minutes and the certificate with the saved texts, and the original ones once restored', async () => {
    await app.call('documents.wording.save', { key: 'minutes.closing', text: 'Plus rien n’étant à l’ordre du jour, {structure} lève la séance à {heure}.' });
    await app.call('documents.wording.save', { key: 'certificate.intro', text: '{structure} certifie que {adhérente} a donné {heures} au réseau {période}.' });
    const saved = await app.call('documents.wording.get', {});
    expect(saved.items.find((i) => i.key === 'minutes.closing')).toMatchObject({ customised: true, defaultText: WORDINGS['minutes.closing'].defaultText });
    await app.closeStore();
    const dir = tempDir();
    const cli = async (args: string[]) => {
      let stderr = '';
      const status = await runCli([...args, '--db', app.file], { stdout: () => {}, stderr: (t) => void (stderr += t), now: () => FIXED_NOW });
      expect(status, stderr).toBe(0);
    };
    const minutes = path.join(dir, 'pv.docx');
    await cli(['minutes', '1', '--out', minutes]);
    expect(readDocx(fs.readFileSync(minutes)).paragraphs.map(plain)).toContain('Plus rien n’étant à l’ordre du jour, Réseau Tournesol lève la séance à 16 h 30.');
    const certificate = path.join(dir, 'attestation.docx');
    await cli(['time', 'certificate', '1', '--from', '2026-01-01', '--to', '2026-12-31', '--out', certificate]);
    expect(readDocx(fs.readFileSync(certificate)).paragraphs.map(plain).filter((p) => p.includes('certifie'))).toEqual(['Réseau Tournesol certifie que Ressourcerie n° 1 a donné 0 min au réseau du 1er janvier 2026 au 31 décembre 2026.']);

    const reopened = await openTestApp(app.file);
    try {
      const reset = await reopened.call('documents.wording.reset', { key: 'minutes.closing' });
      expect(reset.items.find((i) => i.key === 'minutes.closing')).toMatchObject({ customised: false, text: WORDINGS['minutes.closing'].defaultText });
      expect(reset.items.find((i) => i.key === 'certificate.intro')!.customised).toBe(true);
    } finally {
      await reopened.closeStore();
    }
    await cli(['minutes', '1', '--out', minutes]);
    expect(readDocx(fs.readFileSync(minutes)).paragraphs.map(plain)).toContain('L’ordre du jour étant épuisé, la séance est levée à 16 h 30.');
  }, 60_000);
});
