import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { verifyAuditChains } from "@/lib/audit/verify";
import { addMember, createOrganization } from "@/lib/auth/service";
import { runLeadProtectionDaily } from "@/lib/leads/daily";

import { demoOrgFacts, seedDemoMonth, type DemoMembers } from "./seed";

// The demo's month against a real PostgreSQL: every state of protection comes out of the
// database's own rules, a second run adds nothing, and the audit chain verifies afterwards.

const NOW = new Date();
let members: DemoMembers;

/** Row counts of everything the month writes, for this organisation (and the job runs). */
async function counts() {
  const tables = [
    "lead",
    "lead_assignment",
    "lead_activity",
    "lead_hold",
    "lead_extension_request",
    "lead_collaborator",
    "ai_call",
    "notification_outbox",
    "audit_event",
    "ai_budget_user_month",
  ];
  return asSuperuser(async (c) => {
    const out: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`,
        [members.orgId],
      );
      out[table] = rows[0].n;
    }
    out.job_run = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM job_run")).rows[0].n;
    return out;
  });
}

beforeAll(async () => {
  const orgId = (await createOrganization({ name: "Demo", slug: "demo-month" })).id;
  const member = (name: string, role: "admin" | "manager" | "sales") =>
    addMember({ email: `${name}@demo.test`, name, orgSlug: "demo-month", role, locale: "de" }).then(
      (m) => m.userId,
    );
  members = {
    orgId,
    admin: await member("admin", "admin"),
    manager: await member("manager", "manager"),
    partners: [await member("p1", "sales"), await member("p2", "sales"), await member("p3", "sales")],
  };
});

describe("the demo's month", () => {
  it("seeds every state of protection, and a second run adds nothing", async () => {
    expect(await demoOrgFacts(members.orgId, 3, NOW)).toEqual({ seeded: false, foreignLeads: 0 });
    const first = await seedDemoMonth(members, NOW);
    expect(first.leads).toBe(200);
    expect(first.aiCalls).toBeGreaterThan(300);
    expect(first.jobRuns).toBeGreaterThan(100);
    expect(first.notifications).toBeGreaterThan(10);
    const before = await counts();

    // The database's own verdict (the protection function at this moment), per lead.
    const states = await asSuperuser(async (c) => {
      await c.query("SELECT set_config('app.org_id', $1, false)", [members.orgId]);
      const { rows } = await c.query<{ status: string; due_soon: boolean; hold_open: boolean; n: number }>(
        `SELECT coalesce(p.status, 'RELEASED') AS status, coalesce(p.due_soon, false) AS due_soon,
                coalesce(p.hold_open, false) AS hold_open, count(*)::int AS n
         FROM lead l LEFT JOIN LATERAL app_lead_protection_of(l.id, now()) p ON true
         WHERE l.org_id = $1 GROUP BY 1, 2, 3`,
        [members.orgId],
      );
      return rows;
    });
    const total = (f: (r: (typeof states)[number]) => boolean) =>
      states.filter(f).reduce((s, r) => s + r.n, 0);
    expect(total(() => true)).toBe(200);
    expect(total((r) => r.status === "ACTIVE" && !r.due_soon)).toBeGreaterThan(100);
    expect(total((r) => r.status === "ACTIVE" && r.due_soon)).toBeGreaterThanOrEqual(10);
    expect(total((r) => r.status === "GRACE")).toBeGreaterThanOrEqual(5);
    expect(total((r) => r.status === "EXPIRED")).toBeGreaterThanOrEqual(1);
    expect(total((r) => r.status === "RELEASED")).toBeGreaterThanOrEqual(10);
    expect(total((r) => r.hold_open)).toBeGreaterThanOrEqual(5);

    const requests = await asSuperuser(async (c) => {
      const { rows } = await c.query<{ state: string; n: number }>(
        `SELECT CASE WHEN status = 'PENDING' AND escalated_at IS NOT NULL THEN 'ESCALATED' ELSE status END AS state,
                count(*)::int AS n
         FROM lead_extension_request WHERE org_id = $1 GROUP BY 1`,
        [members.orgId],
      );
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    });
    expect(requests).toMatchObject({
      PENDING: expect.any(Number),
      ESCALATED: expect.any(Number),
      APPROVED: 3,
    });
    expect(before.lead_collaborator).toBeGreaterThan(10);
    // This month's calls are booked against the organisation's budget, as the router would have.
    const [budget] = await asSuperuser(async (c) => {
      const { rows } = await c.query<{ spent: number; logged: number }>(
        `SELECT b.spent_eur::float8 AS spent,
                (SELECT sum(cost_eur)::float8 FROM ai_call
                 WHERE org_id = $1 AND created_at >= date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS logged
         FROM ai_budget_org_month b WHERE b.org_id = $1`,
        [members.orgId, NOW],
      );
      return rows;
    });
    expect(budget.spent).toBeGreaterThan(0);
    expect(budget.spent).toBeCloseTo(budget.logged, 6);

    // Again, later the same day: nothing new, nothing changed.
    const second = await seedDemoMonth(members, new Date(NOW.getTime() + 3_600_000));
    expect(second).toEqual({ leads: 0, aiCalls: 0, jobRuns: 0, notifications: 0 });
    expect(await counts()).toEqual(before);
    expect(await demoOrgFacts(members.orgId, 3, NOW)).toEqual({ seeded: true, foreignLeads: 0 });
  });

  it("gives the daily job its work: reminders for the leads due, the expired ones released", async () => {
    const night = await runLeadProtectionDaily();
    expect(night.failed).toBe(0);
    expect(night.released).toBe(3);
    expect(night.reminders).toBeGreaterThanOrEqual(10);
  });

  it("leaves an audit chain that verifies, one event per step of the work", async () => {
    const report = await verifyAuditChains();
    expect(report.broken).toEqual([]);
    expect(report.unsealed).toBe(0);
    const { rows } = await asSuperuser((c) =>
      c.query<{ action: string; n: number }>(
        "SELECT action, count(*)::int AS n FROM audit_event WHERE org_id = $1 GROUP BY action",
        [members.orgId],
      ),
    );
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(byAction["lead.created"]).toBe(200);
    expect(byAction["lead.activity.logged"]).toBeGreaterThan(200);
    expect(byAction["lead.protection.expired"]).toBe(17);
    expect(byAction["lead.reminder.sent"]).toBeGreaterThanOrEqual(10);
    expect(byAction["lead.extension.escalated"]).toBeGreaterThanOrEqual(1);
  });
});
