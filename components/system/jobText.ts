import type { Messages } from "@/lib/i18n/messages";

/** Job ids that have a title and description in the `jobs` messages (a test checks every job has). */
export type JobMessageId = keyof Messages["jobs"]["definitions"];

/** The messages key of a job's text. Jobs without one would show the raw key, which the test prevents. */
export function jobMessageId(jobId: string): JobMessageId {
  return jobId as JobMessageId;
}

type CountName = keyof Messages["jobs"]["counts"];

/** `deleted 3 · events checked 340`, with unknown count names shown as they are. */
export function formatCounts(
  counts: Record<string, number>,
  label: (name: CountName) => string,
  has: (name: string) => boolean,
  number: (value: number) => string,
): string {
  const parts = Object.entries(counts).map(
    ([name, value]) => `${has(name) ? label(name as CountName) : name} ${number(value)}`,
  );
  return parts.join(" · ") || "–";
}
