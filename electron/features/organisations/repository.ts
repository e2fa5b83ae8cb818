import type { Kysely, Selectable } from 'kysely';
import type { Organisation, OrganisationKind, PartnerType } from '../../../shared/features/organisations/schemas';
import type { DB, OrganisationsTable } from '../../store/schema';

export function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as OrganisationKind,
    partnerType: row.partner_type as PartnerType | null,
    siret: row.siret,
    address: row.address,
    postcode: row.postcode,
    city: row.city,
    department: row.department,
    email: row.email,
    phone: row.phone,
    website: row.website,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    version: row.version,
  };
}

export async function findOrganisation(db: Kysely<DB>, id: number) {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganisation(row) : undefined;
}
