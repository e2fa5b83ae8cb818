import { AppError } from '../../../shared/api/errors';
import { checkWording, WORDING_KEYS, WORDINGS, type Wording, type WordingKey } from '../../../shared/documents/wording';
import type { WordingItem } from '../../../shared/features/documents/contract';
import type { ServiceContext } from '../../app/context';

/** The association's own sentences, one row beside its settings (archived and restored with them). */
export const WORDING_KEY = 'document-wording';

export async function savedWording(ctx: ServiceContext): Promise<Wording> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', WORDING_KEY).executeTakeFirst();
  if (!row) return {};
  try {
    const parsed = JSON.parse(row.value) as Record<string, unknown>;
    // A sentence a later version dropped, or a text no longer valid, falls back to the original.
    return Object.fromEntries(
      WORDING_KEYS.flatMap((key) => {
        const text = parsed[key];
        return typeof text === 'string' && text !== '' && !checkWording(key, text) ? [[key, text]] : [];
      }),
    );
  } catch {
    return {};
  }
}

function items(wording: Wording): { items: WordingItem[] } {
  return {
    items: WORDING_KEYS.map((key) => ({
      key,
      text: wording[key] ?? WORDINGS[key].defaultText,
      defaultText: WORDINGS[key].defaultText,
      placeholders: [...WORDINGS[key].placeholders],
      required: [...WORDINGS[key].required],
      customised: wording[key] !== undefined,
    })),
  };
}

async function store(ctx: ServiceContext, wording: Wording): Promise<void> {
  const value = JSON.stringify(wording);
  await ctx.db
    .insertInto('settings')
    .values({ key: WORDING_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function getWording(ctx: ServiceContext): Promise<{ items: WordingItem[] }> {
  return items(await savedWording(ctx));
}

export async function saveWording(ctx: ServiceContext, input: { key: WordingKey; text: string }): Promise<{ items: WordingItem[] }> {
  const problem = checkWording(input.key, input.text);
  if (problem) {
    const allowed = WORDINGS[input.key].placeholders.map((p) => `{${p}}`).join(', ');
    throw new AppError('VALIDATION', 'error.validation', undefined, [{ path: 'text', key: problem.key, params: { placeholder: `{${problem.placeholder}}`, allowed } }]);
  }
  // One statement on one row: the read and the write of the other sentences stay together.
  return ctx.db.transaction().execute(async (trx) => {
    const inner = { ...ctx, db: trx };
    const wording = await savedWording(inner);
    const next: Wording = { ...wording };
    // The original text saved as is is no customisation: the document keeps following the catalogue.
    if (input.text === WORDINGS[input.key].defaultText) delete next[input.key];
    else next[input.key] = input.text;
    await store(inner, next);
    return items(next);
  });
}

export async function resetWording(ctx: ServiceContext, input: { key: WordingKey }): Promise<{ items: WordingItem[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const inner = { ...ctx, db: trx };
    const next: Wording = { ...(await savedWording(inner)) };
    delete next[input.key];
    await store(inner, next);
    return items(next);
  });
}
