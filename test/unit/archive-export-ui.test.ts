import { afterEach, describe, expect, it } from 'vitest';
import { validateArchive, writeArchive } from '../../electron/features/archive/import';
import { LATEST_SCHEMA_VERSION } from '../../electron/store/migrations/index';
import { base64ToBytes } from '../../shared/api/files';
import { openTestApp, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

describe('data.archive.export', () => {
  it('gives the page the same JSON archive as the CLI, dated by the context’s day, which loads into an empty base', async () => {
    const a = await openTestApp();
    apps.push(a);
    await a.call('organisations.create', { kind: 'member', name: 'Ressourcerie de la Vézère' });
    const exported = await a.call('data.archive.export', {});
    expect(exported.fileName).toBe('maillage-archive-2026-03-12.json');
    const archive = validateArchive(JSON.parse(new TextDecoder().decode(base64ToBytes(exported.base64))), LATEST_SCHEMA_VERSION);
    expect(exported.rows).toBeGreaterThan(0);

    const b = await openTestApp();
    apps.push(b);
    await writeArchive(b.store.db, archive, { replace: true });
    expect((await b.call('organisations.list', {})).items.map((o) => o.name)).toEqual(['Ressourcerie de la Vézère']);
  });
});
