import { randomBytes, randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { jobKpis } from "@/lib/jobs/kpis";
import { recordDailyCounts, refreshLeadSummary } from "@/lib/leads/summary";

import { getSystemKpis, kpiCsv } from "./kpis";

// The SystemDashboard's figures from seeded rows: lead states from mv_lead_protection_summary,
// requests waiting, reminders and releases per day, AI spend and routing rates, feedback response,
// jobs. Organisation A is counted; B's rows, seeded alike, never are (but for the operator's view of
// every organisation, which sums both).

const NOW = new Date("2026-06-01T00:00:00Z");
type Who = "admin" | "auditor" | "paula" | "peter" | "other";
const ctx = {} as Record<Who, MemberContext>;
const noJobs = [] as const;

async function lead(owner: MemberContext, assignedAt: string, call?: string, hold?: [string, string]) {
  const id = randomUUID();
  const as = owner.orgId === ctx.admin.orgId ? ctx.admin : ctx.other;
  await withOrg(as, async (tx) => {
    await tx.lead.createMany({
      data: [{ id, orgId: as.orgId, companyName: `L ${id.slice(0, 8)}`, city: "Kiel" }],
    });
    await tx.leadAssignment.create({
      data: { orgId: as.orgId, leadId: id, ownerUserId: owner.userId, assignedAt: new Date(assignedAt) },
    });
    if (call)
      await tx.leadActivity.create({
        data: { orgId: as.orgId, leadId: id, kind: "QUALIFIED_CALL", at: new Date(call) },
      });
    if (hold)
      await tx.leadHold.create({
        data: {
          orgId: as.orgId,
          leadId: id,
          reason: "OTHER",
          startAt: new Date(hold[0]),
          endAt: new Date(hold[1]),
        },
      });
  });
  return id;
}

/** Rows of every other kind, for one organisation, `scale` of each (B gets other numbers than A). */
async function seed(orgId: string, owner: string, leadId: string, scale: number) {
  await asSuperuser(async (client) => {
    const q = (sql: string, params: unknown[]) => client.query(sql, params);
    // Released today: `scale` expired, one reassigned (not a release to the pool).
    for (let i = 0; i < scale; i++) {
      const { rows } = await q(
        `INSERT INTO lead (org_id, company_name, city) VALUES ($1, 'Gone', 'Bonn') RETURNING id`,
        [orgId],
      );
      await q(
        `INSERT INTO lead_assignment (org_id, lead_id, owner_user_id, assigned_at, released_at, release_reason)
         VALUES ($1, $2, $3, now() - interval '200 days', now(), 'EXPIRED')`,
        [orgId, rows[0].id, owner],
      );
    }
    const { rows: moved } = await q(
      `INSERT INTO lead (org_id, company_name, city) VALUES ($1, 'Moved', 'Bonn') RETURNING id`,
      [orgId],
    );
    await q(
      `INSERT INTO lead_assignment (org_id, lead_id, owner_user_id, assigned_at, released_at, release_reason)
       VALUES ($1, $2, $3, now() - interval '20 days', now(), 'REASSIGNED')`,
      [orgId, moved[0].id, owner],
    );
    // Reminders: one lead's reminder on two channels counts once; `scale` leads in all.
    for (let i = 0; i < scale; i++)
      for (const channel of ["EMAIL", "INAPP"])
        await q(
          `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, dedupe_key)
           VALUES ($1, $2, $3, 'lead.reminder_60d', $4)`,
          [orgId, owner, channel, `reminder:${orgId}:${i}`],
        );
    // Extension requests on the lead: `scale` waiting (one escalated), one decided.
    const { rows: assignment } = await q(
      `SELECT id FROM lead_assignment WHERE lead_id = $1 AND released_at IS NULL`,
      [leadId],
    );
    for (let i = 0; i <= scale; i++)
      await q(
        `INSERT INTO lead_extension_request (org_id, lead_id, assignment_id, days, reason, status, requested_by,
                                             decided_at, escalated_at)
         VALUES ($1, $2, $3, 10, 'more time', $4, $5, $6, $7)`,
        [
          orgId,
          leadId,
          assignment[0].id,
          i === scale ? "APPROVED" : "PENDING",
          owner,
          i === scale ? new Date() : null,
          i === 0 ? new Date() : null,
        ],
      );
    // AI: a small answer, an escalated large one, a cache hit, an error; B spends more.
    const call = (
      tier: string,
      escalated: boolean,
      cache: boolean,
      cost: number,
      outcome: string,
      ago: string,
    ) =>
      q(
        `INSERT INTO ai_call (org_id, user_id, use_case, provider, model, tier, escalated, cache_hit, cost_eur,
                              outcome, created_at)
         VALUES ($1, $2, 'lead.summary', 'openai', 'm', $3, $4, $5, $6, $7, now() - $8::interval)`,
        [orgId, owner, tier, escalated, cache, cost * scale, outcome, ago],
      );
    await call("small", false, false, 0.01, "ok", "0 days");
    await call("large", true, false, 0.05, "ok", "1 day");
    await call("small", false, true, 0, "ok", "1 day");
    await call("small", false, false, 0.02, "error", "40 days");
    await q(
      `INSERT INTO ai_budget_org_month (org_id, month, spent_eur) VALUES ($1, date_trunc('month', now())::date, $2)`,
      [orgId, 12.5 * scale],
    );
    // Feedback: `scale + 1` invitations today, `scale` answered.
    const one = async (sql: string, params: unknown[]) => (await q(sql, params)).rows[0].id as string;
    const box = await one(`INSERT INTO sample_box (org_id, lead_id) VALUES ($1, $2) RETURNING id`, [
      orgId,
      leadId,
    ]);
    const phase = await one(
      `INSERT INTO test_phase (org_id, box_id, lead_id, stage, start_date, end_date)
       VALUES ($1, $2, $3, 'SAMPLE', current_date, current_date + 14) RETURNING id`,
      [orgId, box, leadId],
    );
    for (let i = 0; i <= scale; i++)
      await q(
        `INSERT INTO feedback_link (org_id, phase_id, lead_id, token_hash, expires_at, invited_at, submitted_at)
         VALUES ($1, $2, $3, $4, now() + interval '20 days', now(), $5)`,
        [orgId, phase, leadId, randomBytes(32), i < scale ? new Date() : null],
      );
  });
}

beforeAll(async () => {
  for (const [slug, people] of [
    [
      "kpis",
      [
        ["admin", "admin"],
        ["auditor", "auditor"],
        ["paula", "sales"],
        ["peter", "sales"],
      ],
    ],
    ["kpis-other", [["other", "admin"]]],
  ] as const) {
    const orgId = (await createOrganization({ name: slug, slug })).id;
    for (const [name, role] of people) {
      const { userId } = await addMember({
        email: `${name}@${slug}.test`,
        name,
        orgSlug: slug,
        role,
        locale: "de",
      });
      ctx[name] = { orgId, userId, roles: [role] };
    }
  }
  // A: ACTIVE, ACTIVE and due soon, GRACE (Paula); EXPIRED, ACTIVE (Peter). B: one ACTIVE.
  const first = await lead(ctx.paula, "2026-03-01T00:00Z");
  await lead(ctx.paula, "2025-10-01T00:00Z", "2026-02-15T00:00Z", ["2026-03-01T00:00Z", "2026-04-20T00:00Z"]);
  await lead(ctx.paula, "2025-10-01T00:00Z", "2026-03-25T00:00Z");
  await lead(ctx.peter, "2025-10-01T00:00Z", "2026-02-15T00:00Z");
  await lead(ctx.peter, "2026-04-01T00:00Z");
  const theirs = await lead(ctx.other, "2026-03-01T00:00Z");
  await seed(ctx.admin.orgId, ctx.paula.userId, first, 2);
  await seed(ctx.other.orgId, ctx.other.userId, theirs, 5);
  await refreshLeadSummary(ctx.admin, NOW);
});

describe("system KPIs of one organisation", () => {
  it("count the organisation's own rows, never another's", async () => {
    const kpis = await getSystemKpis(ctx.admin, { days: 7, scope: "org" }, [...noJobs]);
    expect(kpis.scope).toBe("org");
    expect(kpis.leads).toEqual({
      asOf: NOW.toISOString(),
      active: 3,
      grace: 1,
      expired: 1,
      dueSoon: 1,
      extensionsWaiting: 2,
      extensionsEscalated: 1,
    });
    expect(kpis.ai).toMatchObject({
      spentEur: 25,
      capEur: 1000,
      calls: 3,
      smallShare: 0.5,
      escalationRate: 0.5,
    });
    expect(kpis.ai?.costEur).toBeCloseTo(0.12);
    expect(kpis.ai?.cacheHitRate).toBeCloseTo(1 / 3);
    expect(kpis.samples).toEqual({ invited: 3, submitted: 2, responseRate: 2 / 3 });
    expect(kpis.trend).toHaveLength(7);
    const today = kpis.trend.at(-1)!;
    expect(today).toMatchObject({
      remindersSent: 2,
      leadsReleased: 2,
      aiCalls: 1,
      feedbackInvited: 3,
      feedbackSubmitted: 2,
    });
    expect(today.aiCostEur).toBeCloseTo(0.02);
    expect(kpis.trend.at(-2)).toMatchObject({ remindersSent: 0, leadsReleased: 0, aiCalls: 2 });
    // The error 40 days ago is in the 90-day trend only.
    const ninety = await getSystemKpis(ctx.admin, { days: 90, scope: "org" }, []);
    expect(ninety.trend).toHaveLength(90);
    expect(ninety.ai?.calls).toBe(4);
  });

  it("keep each day's protection states as the daily job counted them, with gaps where it did not run", async () => {
    // The daily job's step after refreshing the summary (here for NOW): the counts of that day.
    const system = { orgId: ctx.admin.orgId, userId: null, roles: ["system"] };
    await withOrg(system, (tx) => recordDailyCounts(tx, NOW));
    // A later run of the same day replaces its row.
    await withOrg(system, (tx) => recordDailyCounts(tx, new Date(NOW.getTime() + 6 * 3_600_000)));
    const rows = await asSuperuser(async (client) => {
      const { rows } = await client.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, active, grace, expired, due_soon FROM lead_protection_daily
         WHERE org_id = $1`,
        [ctx.admin.orgId],
      );
      // Two days of the current window, as runs would have left them (none yesterday).
      await client.query(
        `INSERT INTO lead_protection_daily (org_id, day, active, grace, expired, due_soon, as_of)
         VALUES ($1, current_date, 7, 2, 1, 3, now()), ($1, current_date - 2, 6, 1, 0, 2, now() - interval '2 days'),
                ($2, current_date, 1, 0, 0, 0, now())`,
        [ctx.admin.orgId, ctx.other.orgId],
      );
      return rows;
    });
    expect(rows).toEqual([{ day: "2026-06-01", active: 3, grace: 1, expired: 1, due_soon: 1 }]);

    const kpis = await getSystemKpis(ctx.admin, { days: 7, scope: "org" }, []);
    expect(kpis.trend.at(-1)).toMatchObject({
      leadsActive: 7,
      leadsGrace: 2,
      leadsExpired: 1,
      leadsDueSoon: 3,
    });
    expect(kpis.trend.at(-2)).toMatchObject({ leadsActive: null, leadsGrace: null });
    expect(kpis.trend.at(-3)).toMatchObject({ leadsActive: 6, leadsDueSoon: 2 });
    // A sales partner's context reads no organisation's counts (RLS), as with the summary.
    const partnerRows = await withOrg(ctx.paula, (tx) => tx.leadProtectionDaily.count());
    expect(partnerRows).toBe(0);
  });

  it("leaves out, rather than zero, what the reader may not see: reminders for auditors", async () => {
    const kpis = await getSystemKpis(ctx.auditor, { days: 7, scope: "org" }, []);
    expect(kpis.trend.at(-1)?.remindersSent).toBeNull();
    expect(kpis.leads.active).toBe(3);
    expect(kpis.ai?.calls).toBe(3);
  });

  it("is for the System area's readers only, and every organisation's for the operator's admins only", async () => {
    expect(await rejectionOf(getSystemKpis(ctx.paula, { days: 7, scope: "org" }, []))).toBeInstanceOf(
      AppError,
    );
    expect(await rejectionOf(getSystemKpis(ctx.admin, { days: 7, scope: "all" }, []))).toBeInstanceOf(
      AppError,
    );
  });

  it("writes the trend as CSV, with empty cells for what the reader may not see", async () => {
    const kpis = await getSystemKpis(ctx.auditor, { days: 7, scope: "org" }, []);
    let csv = "";
    for await (const chunk of kpiCsv(kpis)) csv += chunk;
    const lines = csv.replace("\uFEFF", "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "day,leads_active,leads_grace,leads_expired,leads_due_soon,reminders_sent,leads_released,ai_calls,ai_cost_eur,feedback_invited,feedback_submitted",
    );
    expect(lines).toHaveLength(8);
    expect(lines[7]).toBe(`${kpis.trend[6].day},7,2,1,3,,2,1,0.0200,3,2`);
  });
});

describe("system KPIs of every organisation", () => {
  it("sum every organisation before computing rates", async () => {
    const platform = { ...ctx.admin, roles: ["admin", "platform_admin"] };
    const kpis = await getSystemKpis(platform, { days: 7, scope: "all" }, []);
    expect(kpis.scope).toBe("all");
    expect(kpis.organisations).toBeGreaterThanOrEqual(2);
    // At least A and B (the test database may hold other files' organisations: none of those has rows of this file).
    expect(kpis.leads.extensionsWaiting).toBeGreaterThanOrEqual(2 + 5);
    expect(kpis.trend.at(-1)?.remindersSent).toBeGreaterThanOrEqual(2 + 5);
    expect(kpis.ai?.spentEur).toBeGreaterThanOrEqual(25 + 62.5);
  });
});

describe("job KPIs", () => {
  it("count runs and failures in the period and the lag against the schedule", async () => {
    await asSuperuser((client) =>
      client.query(`
        INSERT INTO job_run (job_id, trigger, status, started_at, finished_at, error) VALUES
          ('rate-limit-cleanup', 'cron', 'failed', now() - interval '2 hours', now() - interval '2 hours', 'boom'),
          ('rate-limit-cleanup', 'cron', 'succeeded', now() - interval '1 hour', now() - interval '1 hour', NULL),
          ('rate-limit-cleanup', 'cron', 'failed', now() - interval '30 days', now() - interval '30 days', 'old')`),
    );
    const jobs = await jobKpis(ctx.admin, 7);
    const cleanup = jobs.find((j) => j.id === "rate-limit-cleanup")!;
    expect(cleanup).toMatchObject({ runs: 2, failures: 1, lastStatus: "succeeded" });
    // Every 15 minutes: the run after the last one was due 45 minutes ago (give or take the minute).
    expect(cleanup.lagSeconds).toBeGreaterThan(40 * 60);
    expect(cleanup.lagSeconds).toBeLessThan(61 * 60);
    expect(await rejectionOf(jobKpis(ctx.paula, 7))).toBeInstanceOf(AppError);
  });
});
