import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/features/settings/schemas';
import { openTestApp, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('settings', () => {
  it('starts from defaults (1 607 h for one ETP) and saves the identity', async () => {
    // Never saved: version 0, the one the first save names.
    expect(await app.call('settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, version: 0 });
    const saved = await app.call('settings.update', {
      ...DEFAULT_SETTINGS,
      associationName: 'Réseau des ressourceries du Limousin',
      siret: '73282932000074',
      rna: 'w872001234',
      etpHours: 1820,
      financialYearStartMonth: 9,
    });
    expect(saved.rna).toBe('W872001234');
    expect(await app.call('settings.get', {})).toEqual(saved);
  });

  it('refuses an out-of-range ETP base, a bad RNA and a non-image logo', async () => {
    const error = await app.fail('settings.update', { ...DEFAULT_SETTINGS, etpHours: 12, rna: 'X1', logoDataUrl: 'data:text/html;base64,AAAA' });
    expect(error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['rna', 'error.rna'],
      ['logoDataUrl', 'error.logoFormat'],
      ['etpHours', 'error.etpRange'],
    ]);
    expect(await app.count('settings')).toBe(0);
  });
});
