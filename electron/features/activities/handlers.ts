import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { cerfaDocumentData, cerfaReport, saveGapExplanation } from './cerfa';
import { dashboard } from './dashboard';
import { addPayment, deleteBudget, deleteGrant, deletePayment, getGrant, listBudgets, listGrants, saveBudget, saveGrant, updatePayment } from './funding';
import { listIndicators, observatoryForm, observatoryYear, saveIndicator, saveObservatory } from './observatory';
import { annualReport, figureRecords, partnerReport, reportTexts, reportTextVersions, saveReportText } from './reports';
import { createActivity, deleteActivity, deleteFounder, getActivity, getFounder, listActivities, listFounders, saveFounder, updateActivity } from './service';

type Prefix = 'activities' | 'observatory' | 'funding' | 'reports' | 'dashboard';
type ActivityHandlers = Pick<Handlers, `${Prefix}.${string}` & keyof Handlers>;

export function activityHandlers(ctx: ServiceContext): ActivityHandlers {
  return {
    'activities.list': (filter) => listActivities(ctx, filter),
    'activities.get': ({ id }) => getActivity(ctx, id),
    'activities.create': (values) => createActivity(ctx, values),
    'activities.update': ({ id, version, ...values }) => updateActivity(ctx, id, values, version),
    'activities.delete': ({ id, version }) => deleteActivity(ctx, id, version),
    'activities.founders.list': async () => ({ items: await listFounders(ctx) }),
    'activities.founders.get': ({ id }) => getFounder(ctx, id),
    'activities.founders.create': (values) => saveFounder(ctx, values),
    'activities.founders.update': ({ id, version, ...values }) => saveFounder(ctx, values, id, version),
    'activities.founders.delete': ({ id, version }) => deleteFounder(ctx, id, version),

    'observatory.indicators.list': async ({ includeInactive }) => ({ items: await listIndicators(ctx, includeInactive) }),
    'observatory.indicators.save': (values) => saveIndicator(ctx, values),
    'observatory.form': ({ organisationId, year }) => observatoryForm(ctx, organisationId, year),
    'observatory.save': (entry) => saveObservatory(ctx, entry),
    'observatory.year': ({ year }) => observatoryYear(ctx, year),

    'funding.grants.list': async () => ({ items: await listGrants(ctx) }),
    'funding.grants.get': ({ id }) => getGrant(ctx, id),
    'funding.grants.create': (values) => saveGrant(ctx, values),
    'funding.grants.update': ({ id, version, ...values }) => saveGrant(ctx, values, id, version),
    'funding.payments.add': (values) => addPayment(ctx, values),
    'funding.payments.update': (values) => updatePayment(ctx, values),
    'funding.payments.delete': ({ id, version }) => deletePayment(ctx, id, version),
    'funding.grants.delete': ({ id, version }) => deleteGrant(ctx, id, version),
    'funding.budgets.delete': ({ id, version }) => deleteBudget(ctx, id, version),
    'funding.budgets.list': async () => ({ items: await listBudgets(ctx) }),
    'funding.budgets.save': (values) => saveBudget(ctx, values),
    'funding.cerfa.get': ({ id }) => cerfaReport(ctx, id),
    'funding.cerfa.document': ({ id }) => cerfaDocumentData(ctx, id),
    'funding.cerfa.explain': (v) => saveGapExplanation(ctx, v),

    'reports.annual': ({ year, evidence }) => annualReport(ctx, year, { evidence }),
    'reports.partner': (q) => partnerReport(ctx, q),
    'reports.records': ({ metric, from, to }) => figureRecords(ctx, metric, from, to),
    'reports.texts.get': async ({ type, periodKey }) => ({ texts: await reportTexts(ctx, type, periodKey), versions: await reportTextVersions(ctx, type, periodKey) }),
    'reports.texts.save': async (v) => ({ texts: await saveReportText(ctx, v), versions: await reportTextVersions(ctx, v.type, v.periodKey) }),

    'dashboard.get': () => dashboard(ctx),
  };
}
