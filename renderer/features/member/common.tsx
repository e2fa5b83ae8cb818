import './member.css';
import { useSearchParams } from '../../app/routing';
import { useI18n } from '../../i18n/I18nProvider';
import { RecordPicker } from '../../components/RecordPicker';
import { useOrganisationOptions } from '../time/common';
import { structureOrganisation, useCaller } from './caller';

/**
 * The organisation a member page is about: a structure account's own, always; for the secretariat
 * or the person at the machine, the one picked (`?structure=`), so that they see what a member sees.
 * The server answers a structure account for its organisation only, whatever is asked.
 */
export function useMemberOrganisation(): { organisationId: number | null; picker: boolean } {
  const caller = useCaller();
  const [params] = useSearchParams();
  const organisations = useOrganisationOptions();
  if (caller === undefined) return { organisationId: null, picker: false };
  if (caller.kind === 'user' && caller.role === 'structure') return { organisationId: structureOrganisation(caller), picker: false };
  const picked = Number(params.get('structure')) || organisations.find((o) => o.kind === 'member')?.id || null;
  return { organisationId: picked, picker: true };
}

export function MemberOrganisationPicker({ organisationId }: { organisationId: number | null }) {
  const { t } = useI18n();
  const [, setParams] = useSearchParams();
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="member-organisation">{t('member14.validation.organisation')}</label>
        <RecordPicker
          id="member-organisation"
          source="organisations"
          kind="member"
          value={organisationId}
          onChange={(id) =>
            id !== null &&
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('structure', String(id));
              return next;
            })
          }
        />
      </div>
    </form>
  );
}
