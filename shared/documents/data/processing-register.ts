import type { Document } from 'docx';
import type { PersonalData, RegisterData } from '../../features/data/schemas';
import { localDay } from '../../format/day';
import { formatDateLong, formatNumber } from '../../format/fr';
import { translate, type Language } from '../../i18n/index';
import { buildPersonalDataLetter } from './personal-data';
import { bullet, buildDocument, heading, labelled, paragraph, table, title, type Letterhead } from '../kit';

/** The day a document was made, where the network is: `generatedAt` is a UTC instant. */
const generatedOn = (generatedAt: string) => localDay(new Date(generatedAt));

const t = (key: string, params?: Record<string, string | number>, language: Language = 'fr') => translate(language, key, params);

function letterhead(data: RegisterData): Letterhead {
  return { ...data.association };
}

export function registerFileName(data: Pick<RegisterData, 'generatedAt'>): string {
  return `registre-des-traitements-fichier-des-adherents-${generatedOn(data.generatedAt)}.docx`;
}

/**
 * The entry of the register of processing activities (art. 30 RGPD) for the membership file:
 * controller, purposes, legal bases, categories of people and data, recipients, retention
 * periods, security measures. Figures (people held, review period, backup rotation) come from
 * the database the day it is produced.
 */
export function buildProcessingRegister(data: RegisterData): Document {
  const a = data.association;
  const address = [a.address, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const hasMeetings = data.features.includes('meetings');
  const hasTime = data.features.includes('time');
  const date = formatDateLong(generatedOn(data.generatedAt));
  const list = (keys: string[]) => keys.map((k) => bullet(t(k)));

  return buildDocument({
    title: t('data.register.title'),
    description: t('data.register.subtitle'),
    letterhead: letterhead(data),
    footerText: `${t('data.register.footer')} – ${date}`,
    children: [
      ...title(t('data.register.title'), t('data.register.subtitle')),
      paragraph(t('data.register.intro', { date })),

      heading(t('data.register.controllerHeading')),
      labelled(t('data.register.controller'), a.name),
      ...(address ? [labelled(t('data.register.address'), address)] : []),
      ...(a.siret ? [labelled('SIRET', a.siret)] : []),
      ...(a.rna ? [labelled('RNA', a.rna)] : []),
      ...([a.email, a.phone].some(Boolean) ? [labelled(t('data.register.contact'), [a.email, a.phone].filter(Boolean).join(' – '))] : []),
      labelled(t('data.register.representative'), data.controller ? t('data.register.president', { name: data.controller }) : t('data.register.presidentUnknown')),
      labelled(t('data.register.dpo'), t('data.register.dpoNone')),

      heading(t('data.register.purposesHeading')),
      ...list([
        'data.register.purpose.memberships',
        'data.register.purpose.directory',
        ...(hasMeetings ? ['data.register.purpose.meetings'] : []),
        ...(hasTime ? ['data.register.purpose.time'] : []),
        'data.register.purpose.reports',
      ]),
      heading(t('data.register.basesHeading'), 2),
      ...list(['data.register.basis.contract', 'data.register.basis.interest', ...(hasMeetings ? ['data.register.basis.legal'] : [])]),

      heading(t('data.register.peopleHeading')),
      ...list(['data.register.people.members', 'data.register.people.partners', 'data.register.people.officers']),
      paragraph(
        t('data.register.counts', {
          organisations: formatNumber(data.counts.organisations),
          people: formatNumber(data.counts.people),
          memberships: formatNumber(data.counts.memberships),
        }),
      ),

      heading(t('data.register.dataHeading')),
      table(
        [
          { header: t('data.register.dataCategory'), width: 35 },
          { header: t('data.register.dataDetail'), width: 65 },
        ],
        [
          [t('data.register.data.identity'), t('data.register.data.identityDetail')],
          [t('data.register.data.contact'), t('data.register.data.contactDetail')],
          [t('data.register.data.role'), t('data.register.data.roleDetail')],
          [t('data.register.data.consent'), t('data.register.data.consentDetail')],
          [t('data.register.data.organisations'), t('data.register.data.organisationsDetail')],
          ...(hasMeetings ? [[t('data.register.data.meetings'), t('data.register.data.meetingsDetail')]] : []),
          ...(hasTime ? [[t('data.register.data.time'), t('data.register.data.timeDetail')]] : []),
        ],
      ),
      paragraph(t('data.register.noSensitive')),

      heading(t('data.register.recipientsHeading')),
      ...list(['data.register.recipient.board', 'data.register.recipient.funders', 'data.register.recipient.noTransfer']),

      heading(t('data.register.retentionHeading')),
      table(
        [
          { header: t('data.register.retentionWhat'), width: 45 },
          { header: t('data.register.retentionHow'), width: 55 },
        ],
        [
          [t('data.register.retention.people'), t('data.register.retention.peopleRule', { years: data.reviewAfterYears })],
          [t('data.register.retention.memberships'), t('data.register.retention.membershipsRule')],
          ...(hasMeetings ? [[t('data.register.retention.minutes'), t('data.register.retention.minutesRule')]] : []),
          [
            t('data.register.retention.backups'),
            t('data.register.retention.backupsRule', { daily: data.retention.daily, weekly: data.retention.weekly, monthly: data.retention.monthly }),
          ],
        ],
      ),

      heading(t('data.register.rightsHeading')),
      paragraph(t('data.register.rights')),

      heading(t('data.register.securityHeading')),
      ...list([
        'data.register.security.local',
        'data.register.security.web',
        'data.register.security.backups',
        'data.register.security.check',
        'data.register.security.log',
        'data.register.security.toCheck',
      ]),
    ],
  });
}

/** A person's data, written for her (art. 15 RGPD): see personal-data.ts. */
export function buildPersonalDataDocument(data: PersonalData, letterheadData: Letterhead): Document {
  return buildPersonalDataLetter(data, letterheadData);
}

export function personalDataFileName(data: Pick<PersonalData, 'personId' | 'generatedAt'>): string {
  return `donnees-personnelles-${data.personId}-${generatedOn(data.generatedAt)}`;
}
