import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import {
  addAffiliation,
  addOffice,
  createPerson,
  createPersonWithAffiliation,
  endAffiliation,
  endOffice,
  getPersonDetail,
  listOfficers,
  listPeople,
  removeAffiliation,
  updateAffiliation,
  removeOffice,
  setPersonArchived,
  updatePerson,
} from './service';

type PeopleHandlers = Pick<Handlers, `people.${string}` & keyof Handlers>;

export function peopleHandlers(ctx: ServiceContext): PeopleHandlers {
  return {
    'people.list': (q) => listPeople(ctx, q),
    'people.get': ({ id }) => getPersonDetail(ctx, id),
    'people.create': (values) => createPerson(ctx, values),
    'people.update': ({ id, version, ...values }) => updatePerson(ctx, id, values, version),
    'people.archive': ({ id }) => setPersonArchived(ctx, id, true),
    'people.restore': ({ id }) => setPersonArchived(ctx, id, false),
    'people.createWithAffiliation': (values) => createPersonWithAffiliation(ctx, values),
    'people.addAffiliation': (values) => addAffiliation(ctx, values),
    'people.updateAffiliation': (values) => updateAffiliation(ctx, values),
    'people.endAffiliation': ({ id, endDate, version }) => endAffiliation(ctx, id, endDate, version),
    'people.removeAffiliation': ({ id, version }) => removeAffiliation(ctx, id, version),
    'people.addOffice': (values) => addOffice(ctx, values),
    'people.endOffice': ({ id, endDate, version }) => endOffice(ctx, id, endDate, version),
    'people.removeOffice': ({ id, version }) => removeOffice(ctx, id, version),
    'people.officers': async ({ date }) => ({ items: await listOfficers(ctx, date) }),
  };
}
