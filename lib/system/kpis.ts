import "server-only";

import { budgetStatus } from "@/lib/ai/budget";
import { csvRow, UTF8_BOM } from "@/lib/audit/csv";
import { authorize, can } from "@/lib/auth/policy";
import { systemContext, withContext, withOrg, type MemberContext, type OrgContext, type Tx } from "@/lib/db";

import {
  aiPeriod,
  allOrgIds,
  daySeries,
  feedbackPeriod,
  kpiWindow,
  leadCounts,
  type AiPeriodRaw,
  type DayRaw,
  type LeadCountsRaw,
} from "./kpis-queries";
import type { TJobKpi, TKpiDay, TKpiQuery, TSystemKpis } from "./kpis-schemas";

/**
 * The SystemDashboard's figures (issue 15, "KPIs"): one organisation's, read in the caller's own
 * context under its row-level security; or, for the operator's admins (system.all_orgs.read), every
 * organisation's, each read in the system context of that organisation and summed before any rate
 * is computed. The jobs' figures are the installation's and come from the caller (lib/jobs/kpis.ts),
 * since a domain does not reach into lib/jobs.
 */

interface OrgRaw {
  window: Awaited<ReturnType<typeof kpiWindow>>;
  leads: LeadCountsRaw;
  days: DayRaw[];
  ai: AiPeriodRaw;
  budget: { month: string; spentEur: number; capEur: number | null };
  feedback: { invited: number; submitted: number };
}

async function readOrg(tx: Tx, ctx: OrgContext, days: number): Promise<OrgRaw> {
  const window = await kpiWindow(tx, days);
  const status = await budgetStatus(tx, ctx);
  return {
    window,
    leads: await leadCounts(tx),
    days: await daySeries(tx, window),
    ai: await aiPeriod(tx, window),
    budget: { month: status.month, spentEur: status.org.spentEur, capEur: status.org.capEur },
    feedback: await feedbackPeriod(tx, window),
  };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function sumNumbers<T extends object>(items: T[], keys: (keyof T)[]): T {
  const total = { ...items[0] };
  for (const item of items.slice(1))
    for (const key of keys) (total[key] as number) = (total[key] as number) + (item[key] as number);
  return total;
}

/** Several organisations' raw figures as one (days line up: every window ends on the same day). */
export function combine(raws: OrgRaw[]): OrgRaw {
  const [first, ...rest] = raws;
  if (rest.length === 0) return first;
  const asOfs = raws.map((r) => r.leads.asOf).filter((d): d is Date => d !== null);
  const caps = raws.map((r) => r.budget.capEur);
  return {
    window: first.window,
    leads: {
      ...sumNumbers(
        raws.map((r) => r.leads),
        ["active", "grace", "expired", "dueSoon", "extensionsWaiting", "extensionsEscalated"],
      ),
      asOf: asOfs.length ? new Date(Math.min(...asOfs.map((d) => d.getTime()))) : null,
    },
    days: first.days.map((day, i) => ({
      ...sumNumbers(
        raws.map(
          (r) =>
            r.days[i] ?? {
              ...day,
              reminders: 0,
              released: 0,
              aiCalls: 0,
              aiCostEur: 0,
              invited: 0,
              submitted: 0,
            },
        ),
        ["reminders", "released", "aiCalls", "aiCostEur", "invited", "submitted"],
      ),
      // Counted only where a run counted them: summed over the organisations that have that day.
      ...Object.fromEntries(
        (["active", "grace", "expired", "dueSoon"] as const).map((key) => {
          const known = raws
            .map((r) => r.days[i]?.[key])
            .filter((v): v is number => v !== null && v !== undefined);
          return [key, known.length ? known.reduce((a, b) => a + b, 0) : null];
        }),
      ),
    })),
    ai: sumNumbers(
      raws.map((r) => r.ai),
      ["calls", "costEur", "answered", "fromProvider", "small", "escalated", "cacheHits"],
    ),
    budget: {
      month: first.budget.month,
      spentEur: raws.reduce((sum, r) => sum + r.budget.spentEur, 0),
      capEur: caps.some((c) => c === null) ? null : caps.reduce<number>((sum, c) => sum + (c ?? 0), 0),
    },
    feedback: sumNumbers(
      raws.map((r) => r.feedback),
      ["invited", "submitted"],
    ),
  };
}

/** What the caller may see of the raw figures, as the API answers. */
function present(
  raw: OrgRaw,
  see: { reminders: boolean; ai: boolean },
  scope: "org" | "all",
  organisations: number,
  days: number,
  jobs: TJobKpi[],
): TSystemKpis {
  const trend: TKpiDay[] = raw.days.map((d) => ({
    day: d.day,
    leadsActive: d.active,
    leadsGrace: d.grace,
    leadsExpired: d.expired,
    leadsDueSoon: d.dueSoon,
    remindersSent: see.reminders ? d.reminders : null,
    leadsReleased: d.released,
    aiCostEur: see.ai ? d.aiCostEur : null,
    aiCalls: see.ai ? d.aiCalls : null,
    feedbackInvited: d.invited,
    feedbackSubmitted: d.submitted,
  }));
  const { ai } = raw;
  return {
    asOf: raw.window.now.toISOString(),
    scope,
    organisations,
    days,
    leads: { ...raw.leads, asOf: raw.leads.asOf?.toISOString() ?? null },
    ai: see.ai
      ? {
          ...raw.budget,
          calls: ai.calls,
          costEur: ai.costEur,
          smallShare: ratio(ai.small, ai.fromProvider),
          cacheHitRate: ratio(ai.cacheHits, ai.answered),
          escalationRate: ratio(ai.escalated, ai.fromProvider),
        }
      : null,
    samples: {
      invited: raw.feedback.invited,
      submitted: raw.feedback.submitted,
      responseRate: ratio(raw.feedback.submitted, raw.feedback.invited),
    },
    jobs,
    trend,
  };
}

/** The KPIs for the caller: the System area's readers (job.read); `scope: all` for the operator's admins. */
export async function getSystemKpis(
  ctx: MemberContext,
  query: Pick<TKpiQuery, "days" | "scope">,
  jobs: TJobKpi[],
): Promise<TSystemKpis> {
  authorize(ctx, "job.read", { type: "job", orgId: ctx.orgId });
  if (query.scope === "all") {
    authorize(ctx, "system.all_orgs.read", { type: "job", orgId: ctx.orgId });
    const system = systemContext("system-kpis", { type: "user", id: ctx.userId });
    const orgIds = await withContext(system, allOrgIds);
    const raws: OrgRaw[] = [];
    for (const orgId of orgIds) {
      const orgCtx = { ...system, orgId };
      raws.push(await withOrg(orgCtx, (tx) => readOrg(tx, orgCtx, query.days)));
    }
    if (raws.length === 0) raws.push(await withOrg(ctx, (tx) => readOrg(tx, ctx, query.days)));
    return present(combine(raws), { reminders: true, ai: true }, "all", orgIds.length, query.days, jobs);
  }
  const raw = await withOrg(ctx, (tx) => readOrg(tx, ctx, query.days));
  const see = {
    reminders: can(ctx, "lead.manage", { type: "lead", orgId: ctx.orgId }),
    ai: can(ctx, "ai.dashboard.view", { type: "ai", orgId: ctx.orgId }),
  };
  return present(raw, see, "org", 1, query.days, jobs);
}

/** Whether the caller may ask for every organisation's figures (the page's switch). */
export function mayReadAllOrgs(ctx: MemberContext): boolean {
  return can(ctx, "system.all_orgs.read", { type: "job", orgId: ctx.orgId });
}

/** The CSV's columns: stable names for scripts, so they are not translated (as the samples' KPI CSV). */
export const KPI_CSV_HEADER = [
  "day",
  "leads_active",
  "leads_grace",
  "leads_expired",
  "leads_due_soon",
  "reminders_sent",
  "leads_released",
  "ai_calls",
  "ai_cost_eur",
  "feedback_invited",
  "feedback_submitted",
] as const;

/** The trend as CSV (the table every chart has beside it); empty cells for what the caller may not see. */
export async function* kpiCsv(kpis: TSystemKpis): AsyncGenerator<string> {
  yield UTF8_BOM + csvRow(KPI_CSV_HEADER);
  for (const d of kpis.trend)
    yield csvRow([
      d.day,
      d.leadsActive,
      d.leadsGrace,
      d.leadsExpired,
      d.leadsDueSoon,
      d.remindersSent,
      d.leadsReleased,
      d.aiCalls,
      d.aiCostEur === null ? null : d.aiCostEur.toFixed(4),
      d.feedbackInvited,
      d.feedbackSubmitted,
    ]);
}
