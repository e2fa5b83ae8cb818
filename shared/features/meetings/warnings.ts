import type { MessageKey } from '../../i18n/index';
import type { Attendance, Meeting } from './schemas';

/**
 * What to check before the minutes are finalised: the chair and the secretary sign them, so each
 * should be recorded and among those present. Not an error — a meeting may be chaired by someone
 * who came late and was not ticked — but said before the document goes out.
 */
export interface FinalizeWarning {
  key: Extract<MessageKey, `docs.finalize.${string}`>;
  params?: Record<string, string>;
}

export function finalizeWarnings(meeting: Pick<Meeting, 'chairPersonId' | 'chairName' | 'secretaryPersonId' | 'secretaryName'>, attendances: Pick<Attendance, 'personId' | 'status'>[]): FinalizeWarning[] {
  const present = new Set(attendances.filter((a) => a.status === 'present').map((a) => a.personId));
  const out: FinalizeWarning[] = [];
  const check = (id: number | null, name: string | null, role: 'chair' | 'secretary') => {
    if (id === null) out.push({ key: `docs.finalize.${role}Missing` });
    else if (!present.has(id)) out.push({ key: `docs.finalize.${role}Absent`, params: { name: name ?? '' } });
  };
  check(meeting.chairPersonId, meeting.chairName, 'chair');
  check(meeting.secretaryPersonId, meeting.secretaryName, 'secretary');
  return out;
}
