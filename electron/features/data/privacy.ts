import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import {
  RETENTION,
  privacySettingsSchema,
  type ErasureResult,
  type PersonalData,
  type PrivacySettings,
  type RegisterData,
  type ReviewList,
} from '../../../shared/features/data/schemas';
import { isMessageKey, translate } from '../../../shared/i18n/index';
import { dayOfTimestamp, nowIso, today, type ServiceContext } from '../../app/context';
import type { AgendaItem, Attendance, Meeting } from '../../../shared/features/meetings/schemas';
import type { DB } from '../../store/schema';
import type { Person } from '../../../shared/features/people/schemas';
import type { ErasuresTable } from './tables';
import { ARCHIVED_TABLES } from '../archive/tables';
import { getPerson, listOfficers, columns as personColumns } from '../people/service';
import { getSettings } from '../settings/service';
import { listChanges, recordChange } from './audit';

export const PRIVACY_KEY = 'privacy';
export const DEFAULT_PRIVACY: PrivacySettings = { reviewAfterYears: 3 };

export async function getPrivacySettings(ctx: ServiceContext): Promise<PrivacySettings> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', PRIVACY_KEY).executeTakeFirst();
  if (!row) return DEFAULT_PRIVACY;
  try {
    const parsed = privacySettingsSchema.safeParse({ ...DEFAULT_PRIVACY, ...JSON.parse(row.value) });
    return parsed.success ? parsed.data : DEFAULT_PRIVACY;
  } catch {
    return DEFAULT_PRIVACY;
  }
}

export async function savePrivacySettings(ctx: ServiceContext, values: PrivacySettings): Promise<PrivacySettings> {
  const value = JSON.stringify(values);
  await ctx.db
    .insertInto('settings')
    .values({ key: PRIVACY_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return getPrivacySettings(ctx);
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
type Value = string | number | null;

const tableTitle = (table: string) => {
  const key = `archive.table.${table}`;
  const label = isMessageKey(key) ? translate('fr', key) : table;
  return label.charAt(0).toUpperCase() + label.slice(1);
};

/**
 * Everything the database holds about one person (art. 15 RGPD): their record, and every row of
 * every archived table that points to them — the archive's table list is the inventory, so a
 * feature that registers its tables there is covered — plus the change log about them.
 */
export async function exportPersonalData(ctx: ServiceContext, personId: number): Promise<PersonalData> {
  const person = await getPerson(ctx, personId);
  const db = ctx.db as unknown as AnyDb;
  const organisationNames = new Map((await ctx.db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  // Meetings and time categories by name too: the letter says « Assemblée générale du 14 mars 2026 », not « meeting_id = 3 ».
  const meetingNames = new Map((await ctx.db.selectFrom('meetings').select(['id', 'title', 'date']).execute()).map((m) => [m.id, `${m.title} (${m.date})`]));
  const categoryNames = new Map((await ctx.db.selectFrom('time_categories').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const sections: PersonalData['sections'] = [];
  const own = await db.selectFrom('people').selectAll().where('id', '=', personId).execute();
  sections.push({ table: 'people', title: tableTitle('people'), rows: own as Record<string, Value>[] });
  for (const table of ARCHIVED_TABLES) {
    const columns = Object.entries(table.references).filter(([, target]) => target === 'people').map(([column]) => column);
    if (columns.length === 0) continue;
    const rows = (await db
      .selectFrom(table.name)
      .selectAll()
      .where((eb) => eb.or(columns.map((c) => eb(c, '=', personId))))
      .orderBy(table.primaryKey)
      .execute()) as Record<string, Value>[];
    if (rows.length === 0) continue;
    // Organisations by name as well as by number: the export is read by a person, not a program.
    const readable = rows.map((r) => ({
      ...r,
      ...(typeof r.organisation_id === 'number' ? { organisation: organisationNames.get(r.organisation_id) ?? null } : {}),
      ...(typeof r.meeting_id === 'number' && table.name !== 'meetings' ? { meeting: meetingNames.get(r.meeting_id) ?? null } : {}),
      ...(typeof r.category_id === 'number' ? { category: categoryNames.get(r.category_id) ?? null } : {}),
    }));
    sections.push({ table: table.name, title: tableTitle(table.name), rows: readable });
  }
  const changes = await listChanges(ctx, 'person', personId, 500);
  if (changes.length > 0) {
    sections.push({
      table: 'audit_log',
      title: 'Journal des modifications',
      rows: changes.map((c) => ({ at: c.at, actor: c.actor, action: c.action, summary: JSON.stringify(c.summary) })),
    });
  }
  const privacy = await getPrivacySettings(ctx);
  return { generatedAt: nowIso(ctx), personId, name: `${person.firstName} ${person.lastName}`, reviewAfterYears: privacy.reviewAfterYears, sections };
}

/**
 * Records that are legal documents and keep a person's name after erasure: approved minutes and
 * attendance sheets (kept at least five years). The meetings feature adds its tables here; each
 * entry counts the person's appearances and leaves them untouched.
 */
export interface LegalRecordKeeper {
  table: string;
  count(db: Kysely<DB>, personId: number): Promise<number>;
}

/** Meetings whose minutes are approved: legal records, whatever the person's part in them. */
function approvedMeetings(db: Kysely<DB>) {
  return db.selectFrom('meetings').select('id').where('status', '=', 'approved');
}

const countOf = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);

export const LEGAL_RECORD_KEEPERS: LegalRecordKeeper[] = [
  {
    // Attendance sheets: present, excused, absent or represented, or holding someone's proxy.
    table: 'attendances',
    count: (db, personId) =>
      countOf(
        db
          .selectFrom('attendances')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('meeting_id', 'in', approvedMeetings(db))
          .where((eb) => eb.or([eb('person_id', '=', personId), eb('proxy_holder_person_id', '=', personId)])),
      ),
  },
  {
    // Minutes name who convened the meeting, its chair and its secretary, who signed.
    table: 'meetings',
    count: (db, personId) =>
      countOf(
        db
          .selectFrom('meetings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'approved')
          .where((eb) => eb.or([eb('convened_by_person_id', '=', personId), eb('chair_person_id', '=', personId), eb('secretary_person_id', '=', personId)])),
      ),
  },
  {
    table: 'agenda_items',
    count: (db, personId) =>
      countOf(db.selectFrom('agenda_items').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', 'in', approvedMeetings(db)).where('presenter_person_id', '=', personId)),
  },
  {
    table: 'action_items',
    count: (db, personId) =>
      countOf(db.selectFrom('action_items').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', 'in', approvedMeetings(db)).where('owner_person_id', '=', personId)),
  },
];

interface LegalName {
  first: string;
  last: string;
}

async function legalNamesOf(db: Kysely<DB>, personIds: readonly number[]): Promise<Map<number, LegalName>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('legal_names').select(['person_id', 'first_name', 'last_name']).where('person_id', 'in', [...new Set(personIds)]).execute();
  return new Map(rows.map((r) => [r.person_id, { first: r.first_name, last: r.last_name }]));
}

/** What approved minutes and attendance sheets print about people (MinutesData, AttendanceSheetData). */
interface MeetingRecord {
  meeting: Pick<Meeting, 'status' | 'convenedByPersonId' | 'convenedByName' | 'chairPersonId' | 'chairName' | 'secretaryPersonId' | 'secretaryName'>;
  attendances: Pick<Attendance, 'personId' | 'personName' | 'sortName' | 'proxyHolderPersonId' | 'proxyHolderName'>[];
  agenda?: (Pick<AgendaItem, 'presenterPersonId' | 'presenterName'> & { actions?: Pick<AgendaItem['actions'][number], 'ownerPersonId' | 'ownerPersonName'>[] })[];
}

/**
 * Approved minutes and attendance sheets are legal records: they print the names people had,
 * even after an erasure anonymised them everywhere else. The meetings documents pass their data
 * through this; for minutes not yet approved it changes nothing.
 */
export async function withLegalNames<T extends MeetingRecord>(db: Kysely<DB>, data: T): Promise<T> {
  if (data.meeting.status !== 'approved') return data;
  const ids: number[] = [];
  const m = data.meeting;
  for (const id of [m.convenedByPersonId, m.chairPersonId, m.secretaryPersonId]) if (id !== null) ids.push(id);
  for (const a of data.attendances) ids.push(a.personId, ...(a.proxyHolderPersonId === null ? [] : [a.proxyHolderPersonId]));
  for (const item of data.agenda ?? []) {
    if (item.presenterPersonId !== null) ids.push(item.presenterPersonId);
    for (const action of item.actions ?? []) if (action.ownerPersonId !== null) ids.push(action.ownerPersonId);
  }
  const names = await legalNamesOf(db, ids);
  if (names.size === 0) return data;
  const full = (id: number | null, current: string | null) => {
    const n = id === null ? undefined : names.get(id);
    return n ? `${n.first} ${n.last}` : current;
  };
  return {
    ...data,
    meeting: {
      ...m,
      convenedByName: full(m.convenedByPersonId, m.convenedByName),
      chairName: full(m.chairPersonId, m.chairName),
      secretaryName: full(m.secretaryPersonId, m.secretaryName),
    },
    attendances: data.attendances.map((a) => {
      const n = names.get(a.personId);
      return {
        ...a,
        personName: n ? `${n.first} ${n.last}` : a.personName,
        sortName: n ? `${n.last.toLocaleUpperCase('fr')} ${n.first}` : a.sortName,
        proxyHolderName: full(a.proxyHolderPersonId, a.proxyHolderName),
      };
    }),
    ...(data.agenda
      ? {
          agenda: data.agenda.map((item) => ({
            ...item,
            presenterName: full(item.presenterPersonId, item.presenterName),
            ...(item.actions ? { actions: item.actions.map((a) => ({ ...a, ownerPersonName: full(a.ownerPersonId, a.ownerPersonName) })) } : {}),
          })),
        }
      : {}),
  };
}

export function anonymousName(personId: number): { firstName: string; lastName: string } {
  return { firstName: translate('fr', 'data.erase.anonymousFirstName'), lastName: `n° ${personId}` };
}

const PERSONAL_FIELDS = ['civility', 'email', 'phone', 'address', 'postcode', 'city', 'note', 'consentDate', 'consentNote'] as const;

/** Anonymised, with nothing personal left. */
function isErased(person: Person): boolean {
  const anonymous = anonymousName(person.id);
  return person.firstName === anonymous.firstName && person.lastName === anonymous.lastName && PERSONAL_FIELDS.every((f) => person[f] === null);
}

interface Anonymised {
  cleared: string[];
  kept: number;
  keptTables: string[];
}

/**
 * Anonymises one person inside the caller's transaction: the name becomes "Personne anonymisée
 * n° ID", contact details, notes and consent are cleared; the name is kept aside only for the
 * approved minutes and attendance sheets that must show it.
 */
async function anonymise(trx: Kysely<DB>, person: Person, now: string, archivedAt: string): Promise<Anonymised> {
  const anonymous = anonymousName(person.id);
  const cleared = ['firstName', 'lastName', ...PERSONAL_FIELDS.filter((f) => person[f] !== null)];
  await trx
    .updateTable('people')
    .set({
      ...personColumns({ ...anonymous, civility: null, email: null, phone: null, address: null, postcode: null, city: null, note: null, consentDate: null, consentNote: null }),
      updated_at: now,
      archived_at: person.archivedAt ?? archivedAt,
    })
    .where('id', '=', person.id)
    .execute();
  let kept = 0;
  const keptTables: string[] = [];
  const tables = new Set((await trx.introspection.getTables()).map((t) => t.name));
  // The record of mail sent keeps that a message went, not to whom.
  if (tables.has('mail_messages')) {
    await trx.updateTable('mail_messages').set({ recipient_name: `${anonymous.firstName} ${anonymous.lastName}`, recipient_email: 'adresse effacée' }).where('person_id', '=', person.id).execute();
  }
  for (const keeper of LEGAL_RECORD_KEEPERS) {
    if (!tables.has(keeper.table) || !tables.has('meetings')) continue;
    const n = await keeper.count(trx, person.id);
    if (n > 0) {
      kept += n;
      keptTables.push(keeper.table);
    }
  }
  if (kept > 0) {
    await trx
      .insertInto('legal_names')
      .values({ person_id: person.id, first_name: person.firstName, last_name: person.lastName, recorded_at: now })
      .onConflict((oc) => oc.column('person_id').doNothing())
      .execute();
  }
  return { cleared, kept, keptTables };
}

/**
 * Erasure (art. 17 RGPD) by anonymisation: the person becomes "Personne anonymisée n° ID"
 * everywhere, contact details, notes and consent are cleared; the links that make the network's
 * history (affiliations, offices, votes) stay, now pointing to nobody in particular. Approved
 * minutes and attendance sheets are legal records and keep the name: the result says where.
 * The register of erasures gets its line in the same transaction, so that no import or restore of
 * older data can bring the person back (see reapplyErasures).
 */
export async function erasePerson(ctx: ServiceContext, personId: number): Promise<ErasureResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const person = await getPerson(tctx, personId);
    if (isErased(person)) throw new AppError('CONFLICT', 'data.erase.alreadyErased');
    const now = nowIso(ctx);
    const { cleared, kept, keptTables } = await anonymise(trx, person, now, now);
    await trx
      .insertInto('erasures')
      .values({
        person_id: personId,
        person_created_at: person.createdAt,
        erased_at: now,
        kept_records: kept,
        kept_tables: JSON.stringify(keptTables),
        kept_reason: kept > 0 ? 'legal_records' : null,
      })
      // Erased again after someone wrote in the anonymised record: the first erasure stays the one on record.
      .onConflict((oc) => oc.columns(['person_id', 'person_created_at']).doNothing())
      .execute();
    await recordChange(tctx, { entity: 'person', entityId: personId, action: 'erase', summary: { clearedFields: cleared, keptInLegalRecords: kept } });
    const anonymous = anonymousName(personId);
    return { personId, anonymousName: `${anonymous.firstName} ${anonymous.lastName}`, keptInLegalRecords: kept, legalRecordTables: keptTables, clearedFields: cleared };
  });
}

/** One line of the register of erasures, as stored (without its row number). */
export type ErasureEntry = Omit<Selectable<ErasuresTable>, 'id'>;

const REGISTER_COLUMNS = ['person_id', 'person_created_at', 'erased_at', 'kept_records', 'kept_tables', 'kept_reason'] as const;

/** The register of erasures of a database: read it before data are replaced (import --replace, restore). */
export async function readErasureRegister(db: Kysely<DB>): Promise<ErasureEntry[]> {
  return db.selectFrom('erasures').select(REGISTER_COLUMNS).orderBy('id').execute();
}

/**
 * After an import or a restore has loaded other data: merges the register `previous` (read from
 * the database before it was replaced) into the loaded data's own, then erases again every person
 * of the merged register who is back un-erased, with a line in the change log for each. Only the
 * same person is erased: same number and same creation time. Returns how many were erased again.
 * Given a transaction, runs in it (an import's); given a connection, opens its own.
 */
export async function reapplyErasures(db: Kysely<DB>, previous: readonly ErasureEntry[], ctx: Pick<ServiceContext, 'now' | 'runtime'>): Promise<number> {
  const run = async (trx: Kysely<DB>) => {
    const loaded = await readErasureRegister(trx);
    const identity = (e: Pick<ErasureEntry, 'person_id' | 'person_created_at'>) => `${e.person_id}\u0000${e.person_created_at}`;
    const known = new Set(loaded.map(identity));
    const register = [...loaded];
    for (const entry of previous) {
      if (known.has(identity(entry))) continue;
      known.add(identity(entry));
      register.push(entry);
      await trx.insertInto('erasures').values(entry).execute();
    }
    const tctx = { ...ctx, db: trx };
    const now = nowIso(tctx);
    let reapplied = 0;
    for (const entry of register) {
      const row = await trx.selectFrom('people').select('id').where('id', '=', entry.person_id).where('created_at', '=', entry.person_created_at).executeTakeFirst();
      if (!row) continue;
      const person = await getPerson(tctx, entry.person_id);
      if (isErased(person)) continue;
      const { cleared, kept } = await anonymise(trx, person, now, entry.erased_at);
      await recordChange(tctx, {
        entity: 'person',
        entityId: person.id,
        action: 'erase',
        summary: { clearedFields: cleared, keptInLegalRecords: kept, reapplied: true, erasedAt: entry.erased_at },
      });
      reapplied++;
    }
    return reapplied;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

function yearsBefore(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d));
  return date.toISOString().slice(0, 10);
}

/**
 * People to review (storage limitation, art. 5 RGPD): no current affiliation or office, and the
 * last one ended more than N years ago — or none ever, and recorded more than N years ago.
 * Already anonymised people are not listed.
 */
export async function reviewList(ctx: ServiceContext, years?: number): Promise<ReviewList> {
  const n = years ?? (await getPrivacySettings(ctx)).reviewAfterYears;
  const date = today(ctx);
  const before = yearsBefore(date, n);
  const anonymous = translate('fr', 'data.erase.anonymousFirstName');
  const people = await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name', 'created_at']).where('first_name', '<>', anonymous).execute();
  const links = [
    ...(await ctx.db
      .selectFrom('affiliations as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.person_id', 'a.start_date', 'a.end_date', 'o.name'])
      .execute()),
    ...(await ctx.db.selectFrom('offices').select(['person_id', 'start_date', 'end_date']).execute()).map((o) => ({ ...o, name: null as string | null })),
  ];
  const last = new Map<number, { current: boolean; end: string | null; organisation: string | null }>();
  for (const l of links) {
    const entry = last.get(l.person_id) ?? { current: false, end: null, organisation: null };
    if (l.end_date === null || l.end_date >= date) entry.current = true;
    else if (entry.end === null || l.end_date > entry.end) {
      entry.end = l.end_date;
      if (l.name) entry.organisation = l.name;
    }
    last.set(l.person_id, entry);
  }
  const items = people
    .filter((p) => {
      const l = last.get(p.id);
      if (!l) return dayOfTimestamp(ctx, p.created_at) < before;
      return !l.current && l.end !== null && l.end < before;
    })
    .map((p) => {
      const l = last.get(p.id);
      return { personId: p.id, name: `${p.first_name} ${p.last_name}`, lastOrganisation: l?.organisation ?? null, lastEnd: l?.end ?? null, createdAt: p.created_at };
    })
    .sort((a, b) => (a.lastEnd ?? a.createdAt).localeCompare(b.lastEnd ?? b.createdAt));
  return { years: n, before, items };
}

/** What the register-of-processing entry (art. 30 RGPD) for the membership file is built from. */
export async function registerData(ctx: ServiceContext): Promise<RegisterData> {
  const settings = await getSettings(ctx);
  const privacy = await getPrivacySettings(ctx);
  const officers = await listOfficers(ctx);
  const president = officers.find((o) => o.office === 'president');
  const count = async (table: 'organisations' | 'people' | 'memberships') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const tables = new Set((await ctx.db.introspection.getTables()).map((t) => t.name));
  const features = ['memberships'];
  if ([...tables].some((t) => t.startsWith('meeting'))) features.push('meetings');
  if (tables.has('time_entries')) features.push('time');
  return {
    generatedAt: nowIso(ctx),
    association: {
      name: settings.associationName,
      address: settings.address,
      postcode: settings.postcode,
      city: settings.city,
      email: settings.email,
      phone: settings.phone,
      siret: settings.siret,
      rna: settings.rna,
      logoDataUrl: settings.logoDataUrl,
    },
    controller: president ? president.personName : null,
    counts: { organisations: await count('organisations'), people: await count('people'), memberships: await count('memberships') },
    reviewAfterYears: privacy.reviewAfterYears,
    retention: { ...RETENTION },
    features,
  };
}
