import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { createCategory, deleteCategory, listCategories, updateCategory } from './categories';
import { createEntry, deleteEntry, getEntry, listEntries, updateEntry } from './entries';
import { entriesFromMeeting } from './from-meeting';
import { getGrid, saveGrid } from './grid';
import { closePeriod, listPeriods, reopenPeriod } from './periods';
import { deletePledge, listPledges, savePledge } from './pledges';
import { deleteRate, listRates, saveRate } from './rates';
import { certificateData, networkSummaryData } from './reports';
import { summarize } from './summary';
import { acceptRequest, listReview, overview, refuseRequest, reminderFor, requestChange, reviewLines, validateMonth } from './validation';

type TimeHandlers = Pick<Handlers, `time.${string}` & keyof Handlers>;

export function timeHandlers(ctx: ServiceContext): TimeHandlers {
  return {
    'time.categories.list': async ({ includeInactive, withCounts }) => ({ items: await listCategories(ctx, includeInactive, withCounts) }),
    'time.categories.create': ({ name }) => createCategory(ctx, name),
    'time.categories.update': ({ id, name, active, version }) => updateCategory(ctx, id, name, active, version),
    'time.categories.delete': ({ id, version }) => deleteCategory(ctx, id, version),

    'time.rates.list': () => listRates(ctx),
    'time.rates.save': (values) => saveRate(ctx, values),
    'time.rates.delete': ({ id, version }) => deleteRate(ctx, id, version),

    'time.entries.list': (query) => listEntries(ctx, query),
    'time.entries.get': ({ id }) => getEntry(ctx, id),
    'time.entries.create': (values) => createEntry(ctx, values),
    'time.entries.update': ({ id, version, ...values }) => updateEntry(ctx, id, values, version),
    'time.entries.delete': ({ id, version }) => deleteEntry(ctx, id, version),

    'time.grid.get': ({ organisationId, month, nature }) => getGrid(ctx, organisationId, month, nature),
    'time.grid.save': (input) => saveGrid(ctx, input),

    'time.summary': (query) => summarize(ctx, query),

    'time.pledges.list': async ({ organisationId }) => ({ items: await listPledges(ctx, organisationId) }),
    'time.pledges.save': (values) => savePledge(ctx, values),
    'time.pledges.delete': ({ id, version }) => deletePledge(ctx, id, version),

    'time.periods.list': () => listPeriods(ctx),
    'time.periods.close': (values) => closePeriod(ctx, values),
    'time.periods.reopen': ({ id, reason }) => reopenPeriod(ctx, id, reason),

    'time.fromMeeting': (input) => entriesFromMeeting(ctx, input),

    'time.certificate': (query) => certificateData(ctx, query),
    'time.networkSummary': (query) => networkSummaryData(ctx, query),

    'time.validation.list': (query) => listReview(ctx, query),
    'time.validation.validateMonth': (input) => validateMonth(ctx, input),
    'time.validation.reviewLines': (input) => reviewLines(ctx, input),
    'time.validation.requestChange': (input) => requestChange(ctx, input),
    'time.validation.acceptRequest': ({ id }) => acceptRequest(ctx, id),
    'time.validation.refuseRequest': ({ id, reason }) => refuseRequest(ctx, id, reason),
    'time.validation.overview': (query) => overview(ctx, query),
    'time.validation.reminder': ({ organisationId, month }) => reminderFor(ctx, organisationId, month),
  };
}
