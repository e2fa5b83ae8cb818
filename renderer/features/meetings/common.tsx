import { Fragment, type ReactNode } from 'react';
import { Link } from '../../app/routing';
import { parseMarkup, type Run } from '../../../shared/features/meetings/markup';
import type { MeetingStatus } from '../../../shared/features/meetings/schemas';
import { Badge } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';

/** Small pieces the meetings pages share. */

export const numberOrNull = (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v));
export const textOrNull = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

const STATUS_TONE: Record<MeetingStatus, 'warn' | 'info' | 'ok'> = { draft: 'warn', finalized: 'info', approved: 'ok' };

export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return <Badge tone={STATUS_TONE[status]}>{t(`meetings.status.${status}`)}</Badge>;
}

/** '14:30' → "14 h 30" in French. */
export function useTimeText() {
  const { language } = useI18n();
  return (hhmm: string | null | undefined) => {
    if (!hhmm) return '';
    if (language !== 'fr') return hhmm;
    const [h, m] = hhmm.split(':') as [string, string];
    return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
  };
}

export function useSchedule() {
  const { t } = useI18n();
  const time = useTimeText();
  return (m: { startTime: string | null; endTime: string | null }) =>
    m.startTime && m.endTime ? t('meetings.doc.fromTo', { start: time(m.startTime), end: time(m.endTime) }) : m.startTime ? t('meetings.doc.from', { start: time(m.startTime) }) : '';
}

function runs(line: Run[]): ReactNode {
  return line.map((r, i) => {
    let node: ReactNode = r.text;
    if (r.italic) node = <em>{node}</em>;
    if (r.bold) node = <strong>{node}</strong>;
    return <Fragment key={i}>{node}</Fragment>;
  });
}

/** The discussion markup as React elements (never HTML strings: nothing typed can inject markup). */
export function Markup({ source }: { source: string | null | undefined }) {
  const blocks = parseMarkup(source);
  if (blocks.length === 0) return null;
  return (
    <div className="markup">
      {blocks.map((block, i) =>
        block.type === 'bullets' ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{runs(item)}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                {runs(line)}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

/** The meetings section's own navigation: the list, the register, the open actions, the settings. */
export function MeetingsSubnav({ current }: { current: 'list' | 'decisions' | 'actions' | 'kinds' }) {
  const { t } = useI18n();
  const links = [
    { key: 'list', to: '/reunions', label: t('meetings.ui.nav.list') },
    { key: 'decisions', to: '/reunions/decisions', label: t('meetings.ui.nav.decisions') },
    { key: 'actions', to: '/reunions/actions', label: t('meetings.ui.nav.actions') },
    { key: 'kinds', to: '/reunions/types', label: t('meetings.ui.nav.kinds') },
  ] as const;
  return (
    <nav className="subnav" aria-label={t('meetings.ui.nav.label')}>
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <Link to={l.to} aria-current={current === l.key ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
