import { afterEach, describe, expect, it } from 'vitest';
import { cachedObjectCheck, memo } from '../../electron/features/data/import/check';
import { encodeWindows1252 } from '../../electron/features/data/sheets/encoding';
import { bytesToBase64 } from '../../shared/api/files';
import { formatImportIssue } from '../../shared/features/data/messages';
import { entryInputSchema } from '../../shared/features/time/schemas';
import { keyForIssue } from '../../shared/validation/zod-issues';
import { openTestApp, type TestApp } from '../helpers/store';

const ENTRY = { organisationId: 1, personId: 2, date: '2026-01-12', minutes: 90, categoryId: 3, nature: 'secondment', meetingId: null, activityId: null, note: '  Réunion  ' };

describe('the import’s field-by-field check', () => {
  it('gives what the whole schema’s parse gives, issues and values, every time the same value comes back', () => {
    const check = cachedObjectCheck(entryInputSchema);
    const inputs = [
      ENTRY,
      { ...ENTRY, minutes: 0, date: '2026-02-30', note: 'x'.repeat(1001) },
      { ...ENTRY, organisationId: -1, personId: 1.5, nature: 'loisir' },
      ENTRY,
      { ...ENTRY, minutes: 0, date: '2026-02-30', note: 'x'.repeat(1001) },
    ];
    for (const input of inputs) {
      const whole = entryInputSchema.safeParse(input);
      const fields = check(input);
      expect(fields.success).toBe(whole.success);
      if (whole.success && fields.success) expect(fields.data).toEqual(whole.data);
      if (!whole.success && !fields.success) {
        expect(fields.issues.map((i) => [i.field, keyForIssue(i.issue)])).toEqual(whole.error.issues.map((i) => [String(i.path[0]), keyForIssue(i)]));
      }
    }
  });

  it('remembers primitives only, and calls through for the others', () => {
    let calls = 0;
    const twice = memo((v: unknown) => (calls++, v));
    twice('a');
    twice('a');
    twice(null);
    twice(null);
    const cell = { date: '2026-01-01' };
    twice(cell);
    twice(cell);
    expect(calls).toBe(4);
  });
});

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

describe('time import with repeated cells', () => {
  it('reports the same bad note and duration on every line that has them, and writes nothing', async () => {
    const a = await openTestApp();
    apps.push(a);
    const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
    await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont' });
    expect(org.id).toBeGreaterThan(0);
    const long = 'n'.repeat(1001);
    const csv = [
      'Structure;Personne;Date;Durée;Catégorie;Note',
      'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;2;Coordination;ok',
      `Ressourcerie de la Vézère;Marie Dupont;13/01/2026;2;Coordination;${long}`,
      'Ressourcerie de la Vézère;Marie Dupont;14/01/2026;trois heures;Coordination;ok',
      `Ressourcerie de la Vézère;Marie Dupont;15/01/2026;2;Coordination;${long}`,
      'Ressourcerie de la Vézère;Marie Dupont;16/01/2026;trois heures;Coordination;ok',
    ];
    const base64 = bytesToBase64(encodeWindows1252(csv.join('\r\n') + '\r\n'));
    const analysis = await a.call('data.import.analyze', { fileName: 'temps.csv', base64, type: 'time' });
    expect(analysis.issues.map((i) => [i.line, i.field])).toEqual([
      [3, 'note'],
      [4, 'duration'],
      [5, 'note'],
      [6, 'duration'],
    ]);
    expect(formatImportIssue('fr', analysis.issues[2]!)).toMatch(/^Ligne 5, colonne « Note »/);
    await expect(a.call('data.import.commit', { fileName: 'temps.csv', base64, type: 'time' })).rejects.toThrow();
    expect((await a.call('time.entries.list', { from: '2026-01-01', to: '2026-12-31' })).items).toEqual([]);
  });
});
