import fs from 'node:fs';
import path from 'node:path';
import { Packer } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { exportArchive } from '../../electron/features/archive/export';
import { validateArchive, writeArchive } from '../../electron/features/archive/import';
import { feeCallDocument } from '../../shared/documents/memberships/fee-call';
import { receiptDocument } from '../../shared/documents/memberships/receipt';
import { plain, readDocx } from '../helpers/docx';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/** Four members in 2026: A and C paid in full, B paid half, D nothing; A also paid in 2025. */

let app: TestApp;
const m: Record<string, number> = {};

beforeAll(async () => {
  app = await openTestApp();
  const settings = await app.call('settings.get', {});
  await app.call('settings.update', { ...settings, associationName: 'Réseau des ressourceries', city: 'Limoges' });
  const treasurer = await app.call('people.create', { firstName: 'Paul', lastName: 'Durand' });
  await app.call('people.addOffice', { personId: treasurer.id, office: 'treasurer', startDate: '2024-06-01' });
  const membership = async (key: string, name: string, year: number, paidCents: number, method: 'transfer' | 'cheque' | null, orgId?: number) => {
    const organisationId = orgId ?? (await app.call('organisations.create', { name, kind: 'member', address: '3 rue des Lilas', postcode: '87000', city: 'Limoges' })).id;
    const saved = await app.call('memberships.save', { organisationId, year, feeDueCents: 15000, amountPaidCents: paidCents, paidOn: paidCents ? `${year}-02-1${key.length}` : null, paymentMethod: method, votingPersonId: null, startDate: null, exitDate: null, exitReason: null, note: null });
    m[key] = saved.id;
    return organisationId;
  };
  const a = await membership('a', 'Ressourcerie A', 2026, 15000, 'transfer');
  await membership('b', 'Ressourcerie B', 2026, 7500, 'cheque');
  await membership('c', 'Ressourcerie C', 2026, 15000, 'cheque');
  await membership('d', 'Ressourcerie D', 2026, 0, null);
  await membership('a2025', '', 2025, 15000, 'transfer', a);
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('membership fee calls', () => {
  it('calls every membership of the year that still owes something, with what is left', async () => {
    const calls = await app.call('memberships.documents.calls', { year: 2026 });
    expect(calls.items.map((i) => [i.organisation.name, i.feeDueCents, i.amountPaidCents, i.outstandingCents])).toEqual([
      ['Ressourcerie B', 15000, 7500, 7500],
      ['Ressourcerie D', 15000, 0, 15000],
    ]);
    const doc = readDocx(new Uint8Array(await Packer.toBuffer(feeCallDocument(calls, calls.items[0]!))));
    expect(doc.tables[0]!.map((r) => r.map(plain))).toEqual([
      ['Désignation', 'Montant'],
      ['Cotisation 2026', '150 €'],
      ['Déjà réglé', '75 €'],
      ['Reste à régler', '75 €'],
    ]);
    const body = doc.paragraphs.map(plain).join('\n');
    expect(body).toContain('Ressourcerie B\n3 rue des Lilas\n87000 Limoges');
    expect(body).toContain('Appel de cotisation 2026');
    expect(plain(doc.tables[1]!.flat().join('\n'))).toContain('Le trésorier ou la trésorière\nPaul Durand');
  });
});

describe('membership fee receipts', () => {
  it('refuses a receipt for a fee not fully paid, naming the organisation, and numbers nothing', async () => {
    const error = await app.fail('memberships.documents.receipt', { id: m.b! });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('Ressourcerie B');
    expect(await app.count('membership_receipts')).toBe(0);
  });

  it('numbers receipts without gaps per year, and gives the same one again', async () => {
    const c = await app.call('memberships.documents.receipt', { id: m.c! });
    expect(c.reference).toBe('2026-001');
    const all = await app.call('memberships.documents.receipts', { year: 2026 });
    expect(all.items.map((r) => [r.organisation.name, r.reference])).toEqual([
      ['Ressourcerie A', '2026-002'],
      ['Ressourcerie C', '2026-001'],
    ]);
    expect((await app.call('memberships.documents.receipt', { id: m.c! })).reference).toBe('2026-001');
    // Another year starts again at 1.
    expect((await app.call('memberships.documents.receipt', { id: m.a2025! })).reference).toBe('2025-001');
    expect(await app.count('membership_receipts')).toBe(3);
  });

  it('prints number, amount, date and method of payment', async () => {
    const r = await app.call('memberships.documents.receipt', { id: m.a! });
    const body = readDocx(new Uint8Array(await Packer.toBuffer(receiptDocument(r)))).paragraphs.map(plain).join('\n');
    expect(body).toContain('Reçu de cotisation n° 2026-002');
    expect(body).toContain('Réseau des ressourceries reconnaît avoir reçu de Ressourcerie A la somme de 150,00 € au titre de sa cotisation pour l’année 2026.');
    expect(body).toContain('Numéro du reçu : 2026-002');
    expect(body).toContain('Date du règlement : 11 février 2026');
    expect(body).toContain('Moyen de paiement : virement');
    expect(body).toContain('Fait à Limoges, le 12 mars 2026');
  });

  it('refuses to delete a membership that has a receipt: the series keeps no gap', async () => {
    const error = await app.fail('memberships.delete', { id: m.c! });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('n° 1');
    expect(await app.count('memberships')).toBe(5);
  });

  it('round-trips the receipts through the JSON archive', async () => {
    const archive = await exportArchive(app.store.db, { schemaVersion: app.store.schemaVersion, now: () => FIXED_NOW });
    expect(archive.tables.membership_receipts).toHaveLength(3);
    const other = await openTestApp();
    try {
      await writeArchive(other.store.db, validateArchive(JSON.parse(JSON.stringify(archive)), other.store.schemaVersion));
      expect(await other.call('memberships.documents.receipts', { year: 2026 })).toEqual(await app.call('memberships.documents.receipts', { year: 2026 }));
    } finally {
      await other.close();
    }
  });

  it('are written by the CLI: memberships call --year Y --out DIR, memberships receipt ID --out F', async () => {
    await app.closeStore();
    const dir = tempDir();
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (t: string) => void stdout.push(t), stderr: (t: string) => void stderr.push(t), now: () => FIXED_NOW };
    expect(await runCli(['memberships', 'call', '--db', app.file, '--year', '2026', '--out', path.join(dir, 'appels')], io), stderr.join('')).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'appels')).sort()).toEqual(['appel-cotisation-2026-ressourcerie-b.docx', 'appel-cotisation-2026-ressourcerie-d.docx']);
    const file = path.join(dir, 'recu.docx');
    expect(await runCli(['memberships', 'receipt', String(m.c), '--db', app.file, '--out', file], io), stderr.join('')).toBe(0);
    expect(readDocx(new Uint8Array(fs.readFileSync(file))).paragraphs.map(plain)).toContain('Reçu de cotisation n° 2026-001');
    expect(await runCli(['memberships', 'receipt', String(m.d), '--db', app.file, '--out', file], io)).toBe(1);
    expect(stderr.join('')).toContain('Ressourcerie D');
  });
});
