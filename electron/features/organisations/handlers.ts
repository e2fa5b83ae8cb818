import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import {
  createOrganisation,
  getOrganisationDetail,
  listOrganisations,
  setOrganisationArchived,
  updateOrganisation,
} from './service';

type OrganisationHandlers = Pick<Handlers, `organisations.${string}` & keyof Handlers>;

export function organisationHandlers(ctx: ServiceContext): OrganisationHandlers {
  return {
    'organisations.list': (q) => listOrganisations(ctx, q),
    'organisations.get': ({ id }) => getOrganisationDetail(ctx, id),
    'organisations.create': (values) => createOrganisation(ctx, values),
    'organisations.update': ({ id, version, ...values }) => updateOrganisation(ctx, id, values, version),
    'organisations.archive': ({ id }) => setOrganisationArchived(ctx, id, true),
    'organisations.restore': ({ id }) => setOrganisationArchived(ctx, id, false),
  };
}
