import { formatDuration } from '../../features/time/duration';
import { formatDateLong, formatMoney, formatNumber } from '../../format/fr';
import { translate } from '../../i18n/index';

/** Words and numbers of the time documents: French, from the catalogue. */

export const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);

/** Exact to the minute: "12 h 30". */
export const duration = (minutes: number) => formatDuration(minutes);

/** Decimal hours for sentences and charts: "4 017,5". */
export const decimalHours = (minutes: number) => formatNumber(Math.round((minutes / 60) * 100) / 100, 'fr');

/** Money with its cents, as accounts print it: "1 250,50 €". */
export const euros = (cents: number) => formatMoney(cents, 'fr', { decimals: true });

export const etpText = (etp: number) => formatNumber(etp, 'fr', 2);

export const percent = (part: number, whole: number) => (whole > 0 ? `${formatNumber((part / whole) * 100, 'fr', 1)} %` : '—');

export const period = (from: string, to: string) => t('time.doc.period', { from: formatDateLong(from), to: formatDateLong(to) });
