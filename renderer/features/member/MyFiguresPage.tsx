import { useState } from 'react';
import { SuccessBanner } from '../../components/ErrorBanner';
import { EmptyState, PageHeader, Section } from '../../components/Page';
import { useUnsavedChanges } from '../../components/useUnsavedChanges';
import { useI18n } from '../../i18n/I18nProvider';
import { currentYear } from '../../i18n/format';
import { EntryForm } from '../activities/ObservatoryPage';
import { MemberOrganisationPicker, useMemberOrganisation } from './common';

/** « Mes chiffres »: the observatory form of the year for the organisation (last year's by default, the year being reported). */
export function MyFiguresPage() {
  const { t } = useI18n();
  const { organisationId, picker } = useMemberOrganisation();
  const [year, setYear] = useState(currentYear() - 1);
  const [saved, setSaved] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const { dialog } = useUnsavedChanges(dirty);
  return (
    <>
      <PageHeader title={t('member14.figures.title')} subtitle={t('member14.figures.subtitle')} />
      {dialog}
      {picker ? <MemberOrganisationPicker organisationId={organisationId} /> : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="member-figures-year">{t('activity.ui.year')}</label>
          <input id="member-figures-year" type="number" className="input-short" value={year} disabled={dirty} onChange={(e) => setYear(Number(e.target.value) || year)} />
        </div>
      </div>
      <SuccessBanner message={saved} />
      {organisationId === null ? (
        <EmptyState title={t('member14.myTime.noOrganisation')} />
      ) : (
        <Section title={t('activity.ui.enter')} id="member-figures">
          <EntryForm
            key={`${organisationId}-${year}`}
            organisationId={organisationId}
            year={year}
            onDirtyChange={setDirty}
            onClose={() => setSaved(null)}
            onSaved={() => setSaved(t('activity.ui.figuresSaved'))}
          />
        </Section>
      )}
    </>
  );
}
