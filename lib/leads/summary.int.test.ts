import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withContext, withOrg, withoutOrg, type DbContext, type MemberContext } from "@/lib/db";

import { runLeadProtectionDaily } from "./daily";
import { readLeadProtectionSummary, refreshLeadSummary } from "./summary";

// mv_lead_protection_summary: counts by owner, status and due_soon from the protection computation,
// refreshed concurrently, read only through app_lead_protection_summary(), per organisation and,
// for partners, per owner.

const NOW = new Date("2026-06-01T00:00:00Z");
const at = (iso: string) => new Date(iso);

const ctx: Record<"manager" | "auditor" | "paula" | "peter" | "elsewhere", MemberContext> = {} as never;

beforeAll(async () => {
  for (const [slug, people] of [
    [
      "summary",
      [
        ["manager", "manager"],
        ["auditor", "auditor"],
        ["paula", "sales"],
        ["peter", "sales"],
      ],
    ],
    ["summary-other", [["elsewhere", "manager"]]],
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
});

/** A lead owned by `owner`, assigned at `assignedAt`, optionally with a qualifying call and a hold. */
async function lead(owner: MemberContext, assignedAt: string, call?: string, hold?: [string, string]) {
  const id = randomUUID();
  const as = owner.orgId === ctx.manager.orgId ? ctx.manager : ctx.elsewhere;
  await withOrg(as, async (tx) => {
    await tx.lead.createMany({
      data: [{ id, orgId: as.orgId, companyName: `L ${id.slice(0, 8)}`, city: "Köln" }],
    });
    await tx.leadAssignment.create({
      data: { orgId: as.orgId, leadId: id, ownerUserId: owner.userId, assignedAt: at(assignedAt) },
    });
    if (call)
      await tx.leadActivity.create({
        data: { orgId: as.orgId, leadId: id, kind: "QUALIFIED_CALL", at: at(call) },
      });
    if (hold) {
      await tx.leadHold.create({
        data: { orgId: as.orgId, leadId: id, reason: "OTHER", startAt: at(hold[0]), endAt: at(hold[1]) },
      });
    }
  });
  return id;
}

describe("mv_lead_protection_summary", () => {
  beforeAll(async () => {
    // Paula: ACTIVE (base term), ACTIVE and due soon (worked example 3), GRACE.
    await lead(ctx.paula, "2026-03-01T00:00Z");
    await lead(ctx.paula, "2025-10-01T00:00Z", "2026-02-15T00:00Z", [
      "2026-03-01T00:00Z",
      "2026-04-20T00:00Z",
    ]);
    await lead(ctx.paula, "2025-10-01T00:00Z", "2026-03-25T00:00Z");
    // Peter: EXPIRED (worked example 2), ACTIVE.
    await lead(ctx.peter, "2025-10-01T00:00Z", "2026-02-15T00:00Z");
    await lead(ctx.peter, "2026-04-01T00:00Z");
    // Another organisation.
    await lead(ctx.elsewhere, "2026-03-01T00:00Z");
    await refreshLeadSummary(ctx.manager, NOW);
  });

  it("counts by owner, status and due soon, as of the refresh, for managers and auditors", async () => {
    for (const reader of [ctx.manager, ctx.auditor]) {
      const summary = await readLeadProtectionSummary(reader);
      expect(summary.asOf).toBe(NOW.toISOString());
      expect(summary.totals).toEqual({ active: 3, grace: 1, expired: 1, dueSoon: 1, total: 5 });
      expect(summary.owners).toEqual([
        {
          ownerUserId: ctx.paula.userId,
          ownerName: "paula",
          active: 2,
          grace: 1,
          expired: 0,
          dueSoon: 1,
          total: 3,
        },
        {
          ownerUserId: ctx.peter.userId,
          ownerName: "peter",
          active: 1,
          grace: 0,
          expired: 1,
          dueSoon: 0,
          total: 2,
        },
      ]);
    }
  });

  it("shows a partner only their own counts, and another organisation nothing of this one", async () => {
    const paula = await readLeadProtectionSummary(ctx.paula);
    expect(paula.owners.map((o) => o.ownerUserId)).toEqual([ctx.paula.userId]);
    expect(paula.totals).toEqual({ active: 2, grace: 1, expired: 0, dueSoon: 1, total: 3 });
    const peter = await readLeadProtectionSummary(ctx.peter);
    expect(peter.totals).toEqual({ active: 1, grace: 0, expired: 1, dueSoon: 0, total: 2 });
    const elsewhere = await readLeadProtectionSummary(ctx.elsewhere);
    expect(elsewhere.owners.map((o) => o.ownerUserId)).toEqual([ctx.elsewhere.userId]);
    expect(elsewhere.totals.total).toBe(1);
  });

  it("cannot be read directly (no RLS on a materialized view) nor refreshed without a context", async () => {
    const direct = await rejectionOf(
      withOrg(ctx.manager, (tx) => tx.$queryRaw`SELECT * FROM mv_lead_protection_summary`),
    );
    expect(postgresCode(direct)).toBe("42501");
    const anonymous = await rejectionOf(
      withoutOrg((tx) => tx.$executeRaw`SELECT app_refresh_lead_summary()`),
    );
    expect(postgresCode(anonymous)).toBe("42501");
    const nobody = await withoutOrg(
      (tx) => tx.$queryRaw<unknown[]>`SELECT * FROM app_lead_protection_summary()`,
    );
    expect(nobody).toEqual([]);
  });

  it("refreshes concurrently without blocking readers, and after the daily job", async () => {
    const system: DbContext = { orgId: null, userId: null, roles: ["system"] };
    await Promise.all([
      refreshLeadSummary(ctx.manager, NOW),
      refreshLeadSummary(system, NOW),
      readLeadProtectionSummary(ctx.manager),
    ]);
    await lead(ctx.peter, "2026-05-01T00:00Z");
    // The job releases Peter's expired lead and leaves the summary as of its `now`.
    const later = at("2026-06-02T00:00Z");
    await runLeadProtectionDaily({ now: later });
    const summary = await readLeadProtectionSummary(ctx.manager);
    expect(summary.asOf).toBe(later.toISOString());
    expect(summary.totals).toEqual({ active: 4, grace: 1, expired: 0, dueSoon: 1, total: 5 });
    // And the refresh leaves the caller's context as it was.
    const orgAfter = await withContext(ctx.manager, async (tx) => {
      await tx.$executeRaw`SELECT app_refresh_lead_summary()`;
      return tx.$queryRaw<{ org: string }[]>`SELECT current_setting('app.org_id') AS org`;
    });
    expect(orgAfter).toEqual([{ org: ctx.manager.orgId }]);
  });
});
