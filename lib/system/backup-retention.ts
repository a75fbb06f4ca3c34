/**
 * Which backups retention keeps: grandfather-father-son over the good backups (succeeded, file still
 * there). The newest backup of each of the `daily` newest days, of each of the `weekly` newest ISO
 * weeks and of each of the `monthly` newest months is kept, days, weeks and months read in UTC; so
 * is every backup in `protect` (the newest good one, the newest one a drill restored) — pruning never
 * leaves the installation without its last good backup. A plain function: the unit test holds it.
 */

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export interface RetainedBackup {
  id: string;
  startedAt: Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const month = (d: Date) => d.toISOString().slice(0, 7);

/** ISO 8601 week, e.g. 2026-W49 (the week's Thursday decides its year). */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** The ids to keep; every other backup given may be pruned. */
export function backupsToKeep(
  backups: readonly RetainedBackup[],
  policy: RetentionPolicy,
  protect: readonly string[] = [],
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const keep = new Set<string>(protect.filter((id) => backups.some((b) => b.id === id)));
  if (newestFirst.length > 0) keep.add(newestFirst[0].id);
  for (const [bucket, count] of [
    [day, policy.daily],
    [isoWeek, policy.weekly],
    [month, policy.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const key = bucket(backup.startedAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup.id);
    }
  }
  return keep;
}
