import { z } from 'zod';
import { method } from '../../api/method';
import { byIdAt, id, year } from '../../validation/fields';
import {
  activityFilterSchema,
  activityInputSchema,
  activityListSchema,
  activitySchema,
  activityUpdateSchema,
  annualQuerySchema,
  annualReportSchema,
  budgetInputSchema,
  budgetSchema,
  dashboardSchema,
  founderDetailSchema,
  founderInputSchema,
  founderSchema,
  founderUpdateSchema,
  grantInputSchema,
  grantSchema,
  grantUpdateSchema,
  indicatorInputSchema,
  indicatorSchema,
  observatoryEntrySchema,
  observatoryFormSchema,
  observatoryYearSchema,
  partnerQuerySchema,
  partnerReportSchema,
  paymentInputSchema,
  paymentUpdateSchema,
  recordsQuerySchema,
  recordsSchema,
  reportTextSaveSchema,
  reportTextsQuerySchema,
  reportTextsSchema,
} from './schemas';
import { cerfaReportSchema, gapExplanationSaveSchema } from './cerfa';

const byId = z.object({ id });
const removed = z.object({ removed: z.boolean() });

/** Activity, project founders, observatory, funding, reports and the home dashboard (see shared/api/contract.ts). */
export const activitiesContract = {
  'activities.list': method(activityFilterSchema, activityListSchema),
  'activities.get': method(byId, activitySchema),
  'activities.create': method(activityInputSchema, activitySchema),
  'activities.update': method(activityUpdateSchema, activitySchema),
  'activities.delete': method(byIdAt, removed),

  'activities.founders.list': method(z.object({}), z.object({ items: z.array(founderSchema) })),
  'activities.founders.get': method(byId, founderDetailSchema),
  'activities.founders.create': method(founderInputSchema, founderSchema),
  'activities.founders.update': method(founderUpdateSchema, founderSchema),
  /** Refused while an activity refers to the project founder. */
  'activities.founders.delete': method(byIdAt, removed),

  'observatory.indicators.list': method(z.object({ includeInactive: z.boolean().optional() }), z.object({ items: z.array(indicatorSchema) })),
  'observatory.indicators.save': method(indicatorInputSchema, indicatorSchema),
  'observatory.form': method(z.object({ organisationId: id, year }), observatoryFormSchema),
  /** Writes the figures of one organisation for one year; every value is checked against its unit first. */
  'observatory.save': method(observatoryEntrySchema, observatoryFormSchema),
  'observatory.year': method(z.object({ year }), observatoryYearSchema),

  'funding.grants.list': method(z.object({}), z.object({ items: z.array(grantSchema) })),
  'funding.grants.get': method(byId, grantSchema),
  'funding.grants.create': method(grantInputSchema, grantSchema),
  'funding.grants.update': method(grantUpdateSchema, grantSchema),
  /** Refused when the payments would exceed the amount granted. */
  'funding.payments.add': method(paymentInputSchema, grantSchema),
  /** The same ceiling as an addition: the payments may not exceed the amount granted. */
  'funding.payments.update': method(paymentUpdateSchema, grantSchema),
  'funding.payments.delete': method(byIdAt, grantSchema),
  /** Refused while payments are recorded against the grant or a budget refers to it. */
  'funding.grants.delete': method(byIdAt, removed),
  'funding.budgets.delete': method(byIdAt, removed),
  'funding.budgets.list': method(z.object({}), z.object({ items: z.array(budgetSchema) })),
  'funding.budgets.save': method(budgetInputSchema, budgetSchema),
  /** The Cerfa 15059 figures of a grant, with the budget lines still « à classer ». */
  'funding.cerfa.get': method(byId, cerfaReportSchema),
  /** The same, refused (lines named) while a budget line of the grant is « à classer ». */
  'funding.cerfa.document': method(byId, cerfaReportSchema),
  /** Keeps the explanation of a gap over 20 % on one account; blank forgets it. */
  'funding.cerfa.explain': method(gapExplanationSaveSchema, cerfaReportSchema),

  'reports.annual': method(annualQuerySchema, annualReportSchema),
  'reports.partner': method(partnerQuerySchema, partnerReportSchema),
  /** The records behind one figure of a report. */
  'reports.records': method(recordsQuerySchema, recordsSchema),
  'reports.texts.get': method(reportTextsQuerySchema, reportTextsSchema),
  'reports.texts.save': method(reportTextSaveSchema, reportTextsSchema),

  'dashboard.get': method(z.object({}), dashboardSchema),
};
