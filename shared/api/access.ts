import type { MethodName } from './contract';
import { ROLES, type Actor, type Role } from './roles';

/**
 * Who may call each method of the contract, decided once here and enforced twice: by the
 * dispatcher (the role) and on the service side (the records a `structure` account names).
 * The table is total over the contract, so a method added without a rule does not compile,
 * and test/unit/access-matrix.test.ts calls every method as every role to prove it.
 */

/** What an id in a method's input points at; the service side resolves it to its organisation(s). */
export const RECORD_KINDS = [
  /** The organisation itself. */
  'organisation',
  /** A person: theirs when the person has (or had) an affiliation with it. */
  'person',
  /** An affiliation row: theirs when it ties someone to it. */
  'affiliation',
  /** A meeting: theirs when it was invited (one of its people, or the organisation, on the attendance list). */
  'meeting',
  /** A meeting it was invited to whose minutes are approved (drafts stay with the secretariat). */
  'approvedMinutes',
  /** A time entry: theirs when entered for it. */
  'timeEntry',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** One id of the input that a `structure` account may only point at its own records. */
export interface ScopedField {
  /** Where the id sits in the input: `id`, `affiliation.organisationId`, `rows[].personId`. Absent or null: nothing to check. */
  path: string;
  kind: RecordKind;
  /** A list's optional organisation filter: filled with the caller's organisation when the input leaves it out. */
  fill?: boolean;
}

export interface Rule {
  /** The roles that may call it, or `public`: callable before logging in (auth.login). */
  roles: readonly Role[] | 'public';
  /**
   * For `structure` (present exactly when `roles` includes it): the input's ids that must be its
   * own. Empty: nothing ties the call to an organisation (app.info, the list of categories) or the
   * service filters its output itself (meetings.list: the meetings it was invited to).
   */
  scope?: readonly ScopedField[];
  /** For `lecture`: whether this input asks for personal data beyond names (an export of e-mails): refused. */
  personal?: (input: Record<string, unknown>) => boolean;
}

const STAFF = ['secretariat', 'coordination'] as const;

/** Callable before logging in. */
export const PUBLIC: Rule = { roles: 'public' };
/** Every account, a structure one included, with no record to tie (app.info, auth.logout). */
export const ANYONE: Rule = { roles: ROLES, scope: [] };
/** Accounts, settings and erasure. */
export const SECRETARIAT: Rule = { roles: ['secretariat'] };
/** Reads of personal data (the change log, a person's GDPR export): not for `lecture`. */
export const STAFF_ONLY: Rule = { roles: STAFF };

/** A read: secretariat, coordination and lecture; a structure account too when `scope` says how it is tied. */
export function read(scope?: readonly ScopedField[], personal?: Rule['personal']): Rule {
  return { roles: scope ? [...STAFF, 'lecture', 'structure'] : [...STAFF, 'lecture'], ...(scope ? { scope } : {}), ...(personal ? { personal } : {}) };
}

/** A write: secretariat and coordination; a structure account too when `scope` says how it is tied. */
export function write(scope?: readonly ScopedField[]): Rule {
  return { roles: scope ? [...STAFF, 'structure'] : [...STAFF], ...(scope ? { scope } : {}) };
}

export const organisation = (path: string, fill = false): ScopedField => ({ path, kind: 'organisation', ...(fill ? { fill } : {}) });
export const person = (path: string): ScopedField => ({ path, kind: 'person' });
export const affiliation = (path: string): ScopedField => ({ path, kind: 'affiliation' });
export const meeting = (path: string): ScopedField => ({ path, kind: 'meeting' });
export const approvedMinutes = (path: string): ScopedField => ({ path, kind: 'approvedMinutes' });
export const timeEntry = (path: string): ScopedField => ({ path, kind: 'timeEntry' });

/** A person's fields beyond the name: never shown to `lecture` (see electron/app/access.ts for the outputs). */
export const PERSON_PRIVATE_FIELDS = ['civility', 'email', 'phone', 'address', 'postcode', 'city', 'note', 'consentDate', 'consentNote'] as const;

const exportsPersonalData = (input: Record<string, unknown>) =>
  input.list === 'people' && Array.isArray(input.columns) && input.columns.some((c) => (PERSON_PRIVATE_FIELDS as readonly unknown[]).includes(c));

/** One rule per method. A new method: one line here (`'users.add': SECRETARIAT`, `'auth.login': PUBLIC`). */
export const ACCESS_RULES: Record<MethodName, Rule> = {
  'app.info': ANYONE,

  'organisations.list': read(),
  'organisations.get': read([organisation('id')]),
  'organisations.create': write(),
  'organisations.update': write([organisation('id')]),
  'organisations.archive': write(),
  'organisations.restore': write(),

  'people.list': read([organisation('organisationId', true)]),
  'people.get': read([person('id')]),
  // A person with no affiliation would belong to no structure: a structure adds its people with theirs.
  'people.create': write(),
  'people.createWithAffiliation': write([organisation('affiliation.organisationId')]),
  'people.update': write([person('id')]),
  'people.archive': write([person('id')]),
  'people.restore': write([person('id')]),
  'people.addAffiliation': write([person('personId'), organisation('organisationId')]),
  'people.updateAffiliation': write([affiliation('id'), organisation('organisationId')]),
  'people.endAffiliation': write([affiliation('id')]),
  'people.removeAffiliation': write([affiliation('id')]),
  'people.addOffice': write(),
  'people.endOffice': write(),
  'people.removeOffice': write(),
  'people.officers': read(),

  'memberships.year': read(),
  'memberships.save': write(),
  'memberships.delete': write(),
  'memberships.renew': write(),
  'memberships.documents.calls': read(),
  // Issuing a receipt gives it its number for good: a write.
  'memberships.documents.receipt': write(),
  'memberships.documents.receipts': write(),

  'settings.get': ANYONE,
  'settings.update': SECRETARIAT,
  // Saves a file on the caller's own machine (Electron only), nothing in the base.
  'files.saveDocument': ANYONE,
  // Only to fill in the backup copies' folder, which the secretariat alone sets.
  'files.chooseFolder': SECRETARIAT,

  'meetings.kinds': ANYONE,
  'meetings.saveKindSettings': write(),
  // The service lists a structure account only the meetings it was invited to.
  'meetings.list': read([]),
  'meetings.get': read(),
  'meetings.create': write(),
  'meetings.update': write(),
  'meetings.delete': write(),
  'meetings.inviteVotingRepresentatives': write(),
  'meetings.addAttendee': write(),
  'meetings.updateAttendance': write(),
  'meetings.removeAttendee': write(),
  'meetings.addAgendaItem': write(),
  'meetings.addApprovalItem': write(),
  'meetings.updateAgendaItem': write(),
  'meetings.saveDiscussion': write(),
  'meetings.removeAgendaItem': write(),
  'meetings.reorderAgenda': write(),
  'meetings.addDecision': write(),
  'meetings.updateDecision': write(),
  'meetings.removeDecision': write(),
  'meetings.addAction': write(),
  'meetings.updateAction': write(),
  'meetings.removeAction': write(),
  'meetings.recordFollowUp': write(),
  'meetings.clearFollowUp': write(),
  'meetings.finalize': write(),
  'meetings.reopen': write(),
  'meetings.approveMinutes': write(),
  'meetings.addErratum': write(),
  'meetings.decisions': read(),
  'meetings.openActions': read(),
  'meetings.minutesData': read([approvedMinutes('id')]),
  'meetings.attendanceSheetData': read(),
  'meetings.noticeData': read([meeting('id')]),

  'time.categories.list': read([]),
  'time.categories.create': write(),
  'time.categories.update': write(),
  'time.categories.delete': write(),
  'time.rates.list': read(),
  'time.rates.save': write(),
  'time.rates.delete': write(),
  'time.entries.list': read([organisation('organisationId', true), person('personId')]),
  'time.entries.get': read([timeEntry('id')]),
  'time.entries.create': write([organisation('organisationId'), person('personId')]),
  'time.entries.update': write([timeEntry('id'), organisation('organisationId'), person('personId')]),
  'time.entries.delete': write([timeEntry('id')]),
  'time.grid.get': read([organisation('organisationId')]),
  'time.grid.save': write([organisation('organisationId'), person('rows[].personId')]),
  'time.summary': read([organisation('organisationId', true), person('personId')]),
  'time.pledges.list': read([organisation('organisationId', true)]),
  'time.pledges.save': write(),
  'time.pledges.delete': write(),
  'time.periods.list': read([]),
  'time.periods.close': write(),
  'time.periods.reopen': write(),
  'time.fromMeeting': write(),
  'time.certificate': read([organisation('organisationId')]),
  'time.networkSummary': read(),

  'activities.list': read(),
  'activities.get': read(),
  'activities.create': write(),
  'activities.update': write(),
  'activities.delete': write(),
  'activities.founders.list': read(),
  'activities.founders.get': read(),
  'activities.founders.create': write(),
  'activities.founders.update': write(),
  'activities.founders.delete': write(),
  'observatory.indicators.list': read([]),
  'observatory.indicators.save': write(),
  'observatory.form': read([organisation('organisationId')]),
  'observatory.save': write([organisation('organisationId')]),
  'observatory.year': read(),
  'funding.grants.list': read(),
  'funding.grants.get': read(),
  'funding.grants.create': write(),
  'funding.grants.update': write(),
  'funding.payments.add': write(),
  'funding.payments.update': write(),
  'funding.payments.delete': write(),
  'funding.grants.delete': write(),
  'funding.budgets.delete': write(),
  'funding.budgets.list': read(),
  'funding.budgets.save': write(),
  'funding.cerfa.get': read(),
  'funding.cerfa.document': read(),
  'funding.cerfa.explain': write(),
  'reports.annual': read(),
  'reports.partner': read(),
  'reports.records': read(),
  'reports.texts.get': read(),
  'reports.texts.save': write(),
  'dashboard.get': read(),

  'data.backups.list': read(),
  'data.backups.create': write(),
  // A restore replaces every record, accounts included.
  'data.backups.restore': SECRETARIAT,
  'data.check': read(),
  'data.import.types': read(),
  'data.import.analyze': write(),
  'data.import.commit': write(),
  'data.export': read(undefined, exportsPersonalData),
  'data.archive.export': STAFF_ONLY,
  'data.presets.list': read(),
  'data.presets.save': write(),
  'data.presets.delete': write(),
  'privacy.settings.get': read(),
  'privacy.settings.save': SECRETARIAT,
  'privacy.review': STAFF_ONLY,
  'privacy.personExport': STAFF_ONLY,
  'privacy.erase': SECRETARIAT,
  'privacy.register': read(),
  'audit.list': STAFF_ONLY,
  // People are found by their e-mail too: lecture may not probe one.
  // Where the desktop's base lives (and its kept password): the secretariat's setting.
  'database.location.get': SECRETARIAT,
  'database.location.save': SECRETARIAT,
  // Converting bytes the caller sends (the association's template applied, PDF through LibreOffice).
  'documents.finish': ANYONE,
  'documents.template.get': ANYONE,
  'documents.template.set': SECRETARIAT,
  'documents.template.clear': SECRETARIAT,
  // The document builders need the wording whoever writes the document.
  'documents.wording.get': ANYONE,
  'documents.wording.save': SECRETARIAT,
  'documents.wording.reset': SECRETARIAT,
  // Logging in, accepting an invitation and asking who one is need no session yet.
  'auth.login': PUBLIC,
  'auth.acceptInvitation': PUBLIC,
  'auth.me': PUBLIC,
  'auth.logout': ANYONE,
  'auth.changePassword': ANYONE,
  'users.list': SECRETARIAT,
  'users.add': SECRETARIAT,
  'users.disable': SECRETARIAT,
  'users.reset': SECRETARIAT,
  // Who is calling: every page asks it first.
  'app.caller': ANYONE,
  'member.meetings': read([organisation('organisationId')]),
  // Validating hours is the secretariat's and coordination's; a structure asks for a change to its own month.
  'time.validation.list': read([organisation('organisationId', true)]),
  'time.validation.validateMonth': write(),
  'time.validation.reviewLines': write(),
  'time.validation.acceptRequest': write(),
  'time.validation.refuseRequest': write(),
  'time.validation.requestChange': write([organisation('organisationId'), person('rows[].personId')]),
  // The overview and the reminder carry contacts' e-mail addresses.
  'time.validation.overview': STAFF_ONLY,
  'time.validation.reminder': STAFF_ONLY,
  // Where copies of the backups go (a USB key, a shared folder): a setting of the secretariat.
  'data.backups.setFolder': SECRETARIAT,
  // Mail: the SMTP settings and the wordings are the secretariat's; sending and its record are the staff's.
  'mail.settings.get': STAFF_ONLY,
  'mail.settings.update': SECRETARIAT,
  'mail.settings.setPassword': SECRETARIAT,
  'mail.test': STAFF_ONLY,
  'mail.wordings.list': STAFF_ONLY,
  'mail.wordings.update': SECRETARIAT,
  'mail.wordings.reset': SECRETARIAT,
  'mail.preview': STAFF_ONLY,
  'mail.send': STAFF_ONLY,
  'mail.records': STAFF_ONLY,
  // A member organisation's contact says whether its own people accept mail.
  'mail.refusal.get': write([person('personId')]),
  'mail.refusal.set': write([person('personId')]),
  'search.all': read(undefined, (input) => typeof input.text === 'string' && input.text.includes('@')),
};

export function ruleOf(method: MethodName): Rule {
  return ACCESS_RULES[method];
}

/** Callable before logging in (the server lets these through without a session). */
export function isPublicMethod(method: MethodName): boolean {
  return ACCESS_RULES[method].roles === 'public';
}

/** The method-level answer: may this caller call this method at all? The local person may call everything. */
export function roleAllows(method: MethodName, caller: Actor | undefined): boolean {
  if (!caller || caller.kind === 'local') return true;
  // A method without a rule (added at run time, or a name the table lost) is nobody's.
  const rule = (ACCESS_RULES as Partial<Record<string, Rule>>)[method];
  if (!rule) return false;
  return rule.roles === 'public' || rule.roles.includes(caller.role);
}
