import { civilityOf } from '../../../shared/features/people/schemas';
import { AppError } from '../../../shared/api/errors';
import type { FeeCalls, Receipt } from '../../../shared/features/memberships/documents';
import type { PaymentMethod } from '../../../shared/features/memberships/schemas';
import { today, type ServiceContext } from '../../app/context';
import type { DB } from '../../store/schema';
import type { Kysely } from 'kysely';
import { letterhead } from '../meetings/documents';

/** The president in office on `day`, or else the treasurer: who signs a call or a receipt. */
export async function officerSigner(db: Kysely<DB>, day: string): Promise<Receipt['signer']> {
  const officer = await db
    .selectFrom('offices as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['p.first_name', 'p.last_name', 'p.civility', 'f.office'])
    .where('f.office', 'in', ['president', 'treasurer'])
    .where('f.start_date', '<=', day)
    .where((eb) => eb.or([eb('f.end_date', 'is', null), eb('f.end_date', '>=', day)]))
    .orderBy('f.office')
    .orderBy('f.start_date', 'desc')
    .executeTakeFirst();
  return officer ? { office: officer.office as 'president' | 'treasurer', name: `${officer.first_name} ${officer.last_name}`, civility: civilityOf(officer.civility) } : null;
}

function membershipRows(db: Kysely<DB>) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id', 'm.year', 'm.fee_due_cents', 'm.amount_paid_cents', 'm.paid_on', 'm.payment_method', 'o.id as organisation_id', 'o.name', 'o.name_key', 'o.address', 'o.postcode', 'o.city']);
}

/** The fee calls of a year: one per membership that still owes part of its fee. */
export async function feeCalls(ctx: ServiceContext, year: number): Promise<FeeCalls> {
  const issuedOn = today(ctx);
  const rows = await membershipRows(ctx.db).where('m.year', '=', year).orderBy('o.name_key').execute();
  return {
    year,
    issuedOn,
    letterhead: await letterhead(ctx),
    signer: await officerSigner(ctx.db, issuedOn),
    items: rows
      .filter((r) => r.amount_paid_cents < r.fee_due_cents)
      .map((r) => ({
        membershipId: r.id,
        organisation: { id: r.organisation_id, name: r.name, address: r.address, postcode: r.postcode, city: r.city },
        feeDueCents: r.fee_due_cents,
        amountPaidCents: r.amount_paid_cents,
        outstandingCents: r.fee_due_cents - r.amount_paid_cents,
      })),
  };
}

const reference = (year: number, number: number) => `${year}-${String(number).padStart(3, '0')}`;

/**
 * The receipt of a paid fee. The first time, it takes the next number of its year in the same
 * transaction that writes it (the unique (year, number) makes a concurrent twin fail rather than
 * share it); afterwards the same receipt, same number and same figures, is given again.
 */
async function issue(db: Kysely<DB>, membershipId: number, day: string): Promise<Omit<Receipt, 'letterhead' | 'signer'>> {
  const m = await membershipRows(db).where('m.id', '=', membershipId).executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND', 'error.notFound');
  const organisation = { id: m.organisation_id, name: m.name, address: m.address, postcode: m.postcode, city: m.city };
  let receipt = await db.selectFrom('membership_receipts').selectAll().where('membership_id', '=', membershipId).executeTakeFirst();
  if (!receipt) {
    if (m.amount_paid_cents <= 0 || m.amount_paid_cents < m.fee_due_cents || !m.paid_on) {
      throw new AppError('VALIDATION', 'error.receipt.unpaid', { organisation: m.name, year: m.year });
    }
    const last = await db.selectFrom('membership_receipts').select((eb) => eb.fn.max('number').as('n')).where('year', '=', m.year).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    await db
      .insertInto('membership_receipts')
      .values({ membership_id: membershipId, year: m.year, number, issued_on: day, amount_cents: m.amount_paid_cents, paid_on: m.paid_on, payment_method: m.payment_method })
      .execute();
    receipt = await db.selectFrom('membership_receipts').selectAll().where('membership_id', '=', membershipId).executeTakeFirstOrThrow();
  }
  return {
    membershipId,
    year: receipt.year,
    number: receipt.number,
    reference: reference(receipt.year, receipt.number),
    issuedOn: receipt.issued_on,
    amountCents: receipt.amount_cents,
    paidOn: receipt.paid_on,
    paymentMethod: receipt.payment_method as PaymentMethod | null,
    organisation,
  };
}

export async function membershipReceipt(ctx: ServiceContext, membershipId: number): Promise<Receipt> {
  const day = today(ctx);
  const issued = await ctx.db.transaction().execute((trx) => issue(trx, membershipId, day));
  return { ...issued, letterhead: await letterhead(ctx), signer: await officerSigner(ctx.db, issued.issuedOn) };
}

/** Every paid fee of a year gets its receipt, all numbered in one transaction (in the order of the names). */
export async function membershipReceipts(ctx: ServiceContext, year: number): Promise<{ year: number; items: Receipt[] }> {
  const day = today(ctx);
  const issued = await ctx.db.transaction().execute(async (trx) => {
    const paid = await membershipRows(trx).where('m.year', '=', year).where('m.amount_paid_cents', '>', 0).whereRef('m.amount_paid_cents', '>=', 'm.fee_due_cents').where('m.paid_on', 'is not', null).orderBy('o.name_key').execute();
    const out = [];
    for (const m of paid) out.push(await issue(trx, m.id, day));
    return out;
  });
  const head = await letterhead(ctx);
  const items: Receipt[] = [];
  for (const r of issued) items.push({ ...r, letterhead: head, signer: await officerSigner(ctx.db, r.issuedOn) });
  return { year, items };
}
