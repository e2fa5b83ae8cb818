import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/store/migrations/index';
import { openStore } from '../../electron/store/engine';
import { foldSearchText, tsQueryOf } from '../../electron/store/search-index-postgres';
import { matchExpression, searchIndex } from '../../electron/store/search-index';
import { onSqlite, openTestApp, testTarget, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

const find = async (text: string) => (await app.call('search.all', { text })).groups;
const titles = async (text: string) => (await find(text)).flatMap((g) => g.items.map((i) => `${g.kind}:${i.title}`));

async function seed() {
  const org = await app.call('organisations.create', { name: 'Réemploi Solidaire', kind: 'member', city: 'Limoges' });
  const person = await app.call('people.create', { firstName: 'Hélène', lastName: 'Durand', email: 'helene@example.org' });
  const meeting = await app.call('meetings.create', { kind: 'coordination', title: 'Coordination du réemploi', date: '2026-03-02' });
  const item = await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Filière textile', presenterPersonId: null, plannedMinutes: null });
  await app.call('meetings.saveDiscussion', { id: item.id, discussion: 'Les bacs de collecte débordent à Égletons.' });
  const decision = await app.call('meetings.addDecision', { agendaItemId: item.id, text: 'Achat de deux conteneurs', voteMode: 'consensus' });
  const action = await app.call('meetings.addAction', { meetingId: meeting.id, agendaItemId: item.id, text: 'Chiffrer la benne', ownerOrganisationId: org.id, dueDate: null });
  const activity = await app.call('activities.create', { kind: 'awareness', date: '2026-02-10', title: 'Atelier couture', place: 'Tulle', leadOrganisationIds: [org.id] });
  return { org, person, meeting, item, decision, action, activity };
}

// Both engines: FTS5 on SQLite (migration 0008), a tsvector table on PostgreSQL (0017); the same answers.
describe('search across everything (search.all)', () => {
  it('ignores accents and case, both ways, and finds every kind of record', async () => {
    const { org, meeting } = await seed();
    const groups = await find('reemploi');
    expect(groups.map((g) => g.kind)).toEqual(['organisation', 'meeting']);
    expect(groups[0]!.items[0]).toMatchObject({ id: org.id, title: 'Réemploi Solidaire', context: 'Limoges', archived: false });
    expect(groups[1]!.items[0]).toMatchObject({ id: meeting.id, meetingId: meeting.id, date: '2026-03-02' });
    expect(await titles('HELENE')).toEqual(['person:Hélène Durand']);
    expect(await titles('égletons')).toEqual(['minutes:Les bacs de collecte débordent à Égletons.']);
    expect(await titles('textile')).toEqual(['agendaItem:Filière textile']);
    expect(await titles('conteneurs')).toEqual(['decision:2026-1 — Achat de deux conteneurs']);
    expect(await titles('benne')).toEqual(['action:Chiffrer la benne']);
    expect(await titles('couture')).toEqual(['activity:Atelier couture']);
  });

  it('matches words as prefixes while she types, every word being required', async () => {
    await seed();
    expect(await titles('reem')).toEqual(['organisation:Réemploi Solidaire', 'meeting:Coordination du réemploi']);
    expect(await titles('r')).toContain('organisation:Réemploi Solidaire');
    expect(await titles('reemploi sol')).toEqual(['organisation:Réemploi Solidaire']);
    expect(await titles('solidaire coordination')).toEqual([]);
    expect(await titles('dur hel')).toEqual(['person:Hélène Durand']);
  });

  it('takes anything typed as words, never as query syntax', async () => {
    await seed();
    for (const text of ['"', 'reemploi OR', 'NEAR(a b)', '*', '-', 'a:b', '(((']) await expect(find(text)).resolves.toBeInstanceOf(Array);
    expect(matchExpression('Réemploi "solidaire" OR')).toBe('"Réemploi"* "solidaire"* "OR"*');
    expect(await find('   ')).toEqual([]);
  });

  it('stays in step when records are created, renamed and deleted', async () => {
    const { org, person, meeting, decision } = await seed();
    await app.call('organisations.update', { id: org.id, name: 'Recyclerie des Monts', kind: 'member', city: 'Limoges' });
    expect(await titles('reemploi')).toEqual(['meeting:Coordination du réemploi']);
    expect(await titles('monts')).toEqual(['organisation:Recyclerie des Monts']);

    await app.call('people.update', { id: person.id, firstName: 'Hélène', lastName: 'Martin' });
    expect(await titles('durand')).toEqual([]);
    expect(await titles('martin')).toEqual(['person:Hélène Martin']);

    await app.call('meetings.removeDecision', { id: decision.id });
    expect(await titles('conteneurs')).toEqual([]);
    await app.call('meetings.delete', { id: meeting.id });
    for (const word of ['coordination', 'textile', 'egletons', 'benne']) expect(await titles(word)).toEqual([]);
    expect(await app.count('search_index')).toBe(3); // the organisation, the person and the activity
  });

  it('forgets an erased person (GDPR): the name is no longer found', async () => {
    const { person } = await seed();
    expect(await titles('durand')).toEqual(['person:Hélène Durand']);
    await app.call('privacy.erase', { personId: person.id, confirm: true });
    expect(await titles('durand')).toEqual([]);
    expect(await titles('helene')).toEqual([]);
  });

  it('indexes within the writing transaction: a rolled-back write leaves no hit behind', async () => {
    const { db } = app.store;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('organisations').values({ name: 'Fantôme', name_key: 'fantome', kind: 'member', created_at: 'x', updated_at: 'x' } as never).execute();
        // Inside the transaction the trigger has already indexed it.
        expect(await searchIndex(trx as unknown as Kysely<unknown>).search('fantome', 5)).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await titles('fantome')).toEqual([]);
  });

  it('groups hits by kind in a fixed order, a few of each, best first', async () => {
    await seed();
    for (let i = 1; i <= 8; i++) await app.call('organisations.create', { name: `Ressourcerie du Réemploi ${i}`, kind: 'member' });
    const groups = await find('réemploi');
    expect(groups.map((g) => [g.kind, g.items.length])).toEqual([
      ['organisation', 5],
      ['meeting', 1],
    ]);
    expect((await app.call('search.all', { text: 'réemploi', perKind: 20 })).groups[0]!.items).toHaveLength(9);
  });

  it('fills the index from the records already there when its migration runs (0008 on SQLite, 0017 on PostgreSQL)', async () => {
    const file = testTarget('before-search.sqlite');
    const indexVersion = onSqlite ? 8 : 17;
    const before = await openStore(file, { migrations: MIGRATIONS.filter((m) => m.version < indexVersion) });
    await sql`INSERT INTO organisations (name, name_key, kind, created_at, updated_at) VALUES ('Réemploi d’avant', 'reemploi d avant', 'member', 'x', 'x')`.execute(before.db);
    await before.close();
    const after = await openTestApp(file);
    try {
      expect((await after.call('search.all', { text: 'reemploi' })).groups[0]!.items.map((i) => i.title)).toEqual(['Réemploi d’avant']);
    } finally {
      await after.close();
    }
  });

  it('cuts words where FTS5 does on both engines: e-mails, numbers with a dash, apostrophes, capitals beyond ASCII', async () => {
    await app.call('organisations.create', { name: 'ŒUVRE d’Entraide', kind: 'member', email: 'contact@ressourcerie-sud.fr' });
    await app.call('people.create', { firstName: 'Åsa', lastName: 'ÇELIK', email: null });
    expect(await titles('ressourcerie')).toEqual(['organisation:ŒUVRE d’Entraide']);
    expect(await titles('sud fr')).toEqual(['organisation:ŒUVRE d’Entraide']);
    expect(await titles('œuvre entraide')).toEqual(['organisation:ŒUVRE d’Entraide']);
    expect(await titles('celik asa')).toEqual(['person:Åsa ÇELIK']);
    expect(await titles('contact@ressourcerie')).toEqual(['organisation:ŒUVRE d’Entraide']);
  });
});

describe('search words, folded in JS for PostgreSQL', () => {
  it('folds accents, case and punctuation the way the stored text is folded', () => {
    expect(foldSearchText('Réemploi d’Égletons — ÇA')).toBe('reemploi d egletons ca');
    expect(tsQueryOf('Hél dur')).toBe("'hel':* & 'dur':*");
    expect(tsQueryOf(`' & | ! :* (`)).toBe('');
    expect(tsQueryOf("l'a:b")).toBe("'l':* & 'a':* & 'b':*");
  });
});
