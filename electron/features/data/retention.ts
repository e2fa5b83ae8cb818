import { RETENTION } from '../../../shared/features/data/schemas';

export interface DatedFile {
  name: string;
  at: Date;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const month = (d: Date) => d.toISOString().slice(0, 7);

/** ISO 8601 week (Monday first) as "2026-W11", in UTC like the file names. */
export function isoWeek(d: Date): string {
  const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which automatic backups to keep: the newest of each of the last `daily` days that have one,
 * of the last `weekly` ISO weeks and of the last `monthly` months (the grandfather-father-son
 * scheme restic and borg call keep-daily/weekly/monthly). Days, weeks and months are UTC,
 * like the time stamps in the names. The newest backup is always kept.
 */
export function backupsToKeep(files: readonly DatedFile[], policy: RetentionPolicy = RETENTION): Set<string> {
  const sorted = [...files].sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  const buckets: [keyof RetentionPolicy, (d: Date) => string][] = [
    ['daily', day],
    ['weekly', isoWeek],
    ['monthly', month],
  ];
  for (const [rule, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const file of sorted) {
      if (seen.size >= policy[rule]) break;
      const bucket = bucketOf(file.at);
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(file.name);
    }
  }
  if (sorted[0]) keep.add(sorted[0].name);
  return keep;
}

/** The complement: what retention removes. */
export function backupsToDelete(files: readonly DatedFile[], policy: RetentionPolicy = RETENTION): string[] {
  const keep = backupsToKeep(files, policy);
  return files.filter((f) => !keep.has(f.name)).map((f) => f.name);
}
