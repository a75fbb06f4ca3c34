import { QUALIFYING_KINDS } from "@/lib/leads/schemas";

import type { TLead, TLeadTimeline } from "./leadQueries";

/**
 * What the protection timeline shows, as plain data: every event of the lead in time order and the
 * deadlines of its current assignment. The SVG and the text list are both drawn from this, so they
 * always tell the same story.
 */

export type Deadline = "baseUntil" | "progressUntil" | "validUntil" | "graceUntil";
export const DEADLINES: Deadline[] = ["baseUntil", "progressUntil", "validUntil", "graceUntil"];

export type TimelineEvent =
  | { type: "assigned"; at: number; owner: string; current: boolean }
  | { type: "released"; at: number; owner: string; reason: string }
  | {
      type: "activity";
      at: number;
      kind: string;
      qualifying: boolean;
      counts: boolean;
      note: string | null;
      by: string | null;
    }
  | { type: "holdStarted"; at: number; reason: string; end: number | null }
  | { type: "holdEnded"; at: number; reason: string }
  | { type: "extensionRequested"; at: number; days: number; reason: string }
  | { type: "extensionDecided"; at: number; days: number; approved: boolean; comment: string | null }
  | { type: "deadline"; at: number; deadline: Deadline };

export interface TimelineModel {
  events: TimelineEvent[];
  /** The span the axis covers, with a little room on both sides. */
  from: number;
  to: number;
  protection: NonNullable<TLead["protection"]> | null;
  holds: { start: number; end: number | null; reason: string }[];
}

const QUALIFYING = new Set<string>(QUALIFYING_KINDS);
const ms = (iso: string) => Date.parse(iso);

export function buildTimeline(lead: TLead, timeline: TLeadTimeline, now: number): TimelineModel {
  const names = new Map(timeline.members.map((m) => [m.id, m.name]));
  const name = (id: string | null) => (id ? (names.get(id) ?? "–") : "–");
  const p = lead.protection;
  const assignedAt = p ? ms(p.assignedAt) : null;
  // What the server counted last is never "in the future", whatever this browser's clock says.
  const countsUntil = Math.max(now, p?.lastQualActivityAt ? ms(p.lastQualActivityAt) : 0);
  const events: TimelineEvent[] = [];

  for (const a of timeline.assignments) {
    const current = p !== null && a.releasedAt === null;
    events.push({ type: "assigned", at: ms(a.assignedAt), owner: name(a.ownerUserId), current });
    if (a.releasedAt)
      events.push({
        type: "released",
        at: ms(a.releasedAt),
        owner: name(a.ownerUserId),
        reason: a.releaseReason ?? "",
      });
  }
  for (const a of timeline.activities) {
    const at = ms(a.at);
    const qualifying = QUALIFYING.has(a.kind);
    events.push({
      type: "activity",
      at,
      kind: a.kind,
      qualifying,
      counts: qualifying && assignedAt !== null && at >= assignedAt && at <= countsUntil,
      note: a.note,
      by: a.createdBy ? name(a.createdBy) : null,
    });
  }
  const holds = lead.holds.map((h) => ({
    start: ms(h.startAt),
    end: h.endAt ? ms(h.endAt) : null,
    reason: h.reason,
  }));
  for (const h of holds) {
    events.push({ type: "holdStarted", at: h.start, reason: h.reason, end: h.end });
    if (h.end !== null) events.push({ type: "holdEnded", at: h.end, reason: h.reason });
  }
  for (const e of lead.extensions) {
    events.push({ type: "extensionRequested", at: ms(e.requestedAt), days: e.days, reason: e.reason });
    if (e.decidedAt)
      events.push({
        type: "extensionDecided",
        at: ms(e.decidedAt),
        days: e.days,
        approved: e.status === "APPROVED",
        comment: e.decisionComment,
      });
  }
  if (p) for (const d of DEADLINES) events.push({ type: "deadline", at: ms(p[d]), deadline: d });
  events.sort((a, b) => a.at - b.at);

  const times = [now, ...events.map((e) => e.at)];
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = Math.max((max - min) * 0.03, 86_400_000);
  // More room on the right, where the last deadline's date is written.
  return { events, from: min - pad, to: max + pad * 4, protection: p, holds };
}

/** Month starts between two moments, every `step` months, for the axis. */
export function monthTicks(from: number, to: number, maxTicks: number): number[] {
  const start = new Date(from);
  const months =
    (new Date(to).getFullYear() - start.getFullYear()) * 12 + new Date(to).getMonth() - start.getMonth();
  const step = [1, 2, 3, 6, 12, 24].find((s) => months / s <= maxTicks) ?? 48;
  const ticks: number[] = [];
  const d = new Date(start.getFullYear(), start.getMonth() + 1, 1);
  while (d.getMonth() % step !== 0 && step <= 12) d.setMonth(d.getMonth() + 1);
  for (; d.getTime() <= to; d.setMonth(d.getMonth() + step)) ticks.push(d.getTime());
  return ticks;
}
