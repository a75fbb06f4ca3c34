import { beforeAll, describe, expect, it } from "vitest";

import { addMember } from "@/lib/auth/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { createHold } from "./clock";
import { readProtection } from "./queries";

// What a probe of the running app did to the database's second wall, as freshplan_app through the
// app's own transaction helper: a manager of organisation A hung an activity and a ten-year hold
// on organisation B's lead, the protection functions summed rows of one organisation in the
// context of another, and a partner inserted an extension request that was already approved.
// Plus the other claims a new row could make that the write policies now pin.

type Org = TestTenant & { manager: MemberContext; leadId: string; assignmentId: string };

const day = 86_400_000;
let a: Org;
let b: Org;

async function org(slug: string): Promise<Org> {
  const tenant = await createTenant(slug);
  const { userId } = await addMember({
    email: `manager@${slug}.example`,
    name: "Manager",
    orgSlug: slug,
    role: "manager",
    locale: "de",
  });
  return {
    ...tenant,
    manager: { orgId: tenant.orgId, userId, roles: ["manager"] },
    ...(await registerLead(tenant, `Kantine ${slug}`)),
  };
}

beforeAll(async () => {
  a = await org("cross-a");
  b = await org("cross-b");
  // B's owner stops B's clock for a week: B's holds, which A's context must never see.
  await createHold(b.sales, b.leadId, {
    reason: "CUSTOMER_BLOCKED",
    startAt: new Date(),
    endAt: new Date(Date.now() + 7 * day),
  });
});

/** A lead's protection as its own organisation's manager sees it, now or at another moment. */
const protectionOf = (o: Org, at?: Date) => withOrg(o.manager, (tx) => readProtection(tx, o.leadId, at));

/** The cached moment the lead's protection ends, as the triggers keep it. */
async function cachedExpiry(leadId: string): Promise<string> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ e: string }>(
      "SELECT expires_at::text AS e FROM lead_assignment WHERE lead_id = $1 AND released_at IS NULL",
      [leadId],
    ),
  );
  return rows[0].e;
}

describe("organisation A's context and organisation B's lead", () => {
  it("A's manager can neither log an activity nor open a ten-year hold on it; B's deadline stays", async () => {
    // B's hold is open, so its deadlines move with the clock: compare them at one moment.
    const moment = new Date(Date.now() + 30 * day);
    const before = await protectionOf(b, moment);
    const activity = await rejectionOf(
      withOrg(a.manager, (tx) =>
        tx.leadActivity.createMany({
          data: [{ orgId: a.orgId, leadId: b.leadId, kind: "QUALIFIED_CALL", at: new Date() }],
        }),
      ),
    );
    expect(postgresCode(activity)).toBe("23503");
    const hold = await rejectionOf(
      withOrg(a.manager, (tx) =>
        tx.leadHold.createMany({
          data: [
            {
              orgId: a.orgId,
              leadId: b.leadId,
              reason: "OTHER",
              startAt: new Date(),
              endAt: new Date(Date.now() + 3650 * day),
            },
          ],
        }),
      ),
    );
    expect(postgresCode(hold)).toBe("23503");
    expect(await protectionOf(b, moment)).toEqual(before);
  });

  it("A's context cannot sum B's holds", async () => {
    const error = await rejectionOf(
      withOrg(
        a.manager,
        (tx) =>
          tx.$queryRaw`SELECT app_lead_paused(${b.leadId}::uuid, now() - interval '1 day', now() + interval '1 year')`,
      ),
    );
    expect(postgresCode(error)).toBe("42501");
  });

  it("A's protection counts only A's rows, even one of B's that slipped past the keys", async () => {
    const before = { protection: await protectionOf(a), expiry: await cachedExpiry(a.leadId) };
    expect(before.protection?.paused_seconds).toBe(0);
    // What the hole let B's manager write: B's ten-year hold on A's lead. The keys refuse it now,
    // so it is planted with the foreign-key triggers off, as a row from before the keys would be,
    // and the cached moments are refreshed as the (equally disabled) triggers would have.
    await asSuperuser(async (c) => {
      await c.query("SET session_replication_role = replica");
      await c.query(
        `INSERT INTO lead_hold (org_id, lead_id, reason, start_at, end_at)
         VALUES ($1, $2, 'OTHER', now() - interval '1 day', now() + interval '10 years')`,
        [b.orgId, a.leadId],
      );
      await c.query("SELECT app_lead_refresh_expiry($1)", [a.leadId]);
    });
    expect({ protection: await protectionOf(a), expiry: await cachedExpiry(a.leadId) }).toEqual(before);
  });
});

describe("an insert claims no more than its writer may", () => {
  it("a partner cannot insert an extension request that is already approved; a manager neither", async () => {
    const approved = (ctx: MemberContext) =>
      rejectionOf(
        withOrg(ctx, (tx) =>
          tx.leadExtensionRequest.createMany({
            data: [
              {
                orgId: a.orgId,
                leadId: a.leadId,
                assignmentId: a.assignmentId,
                days: 365,
                reason: "Approved by myself",
                status: "APPROVED",
                decidedBy: ctx.userId,
                decidedAt: new Date(),
              },
            ],
          }),
        ),
      );
    expect(postgresCode(await approved(a.sales))).toBe("42501");
    expect(postgresCode(await approved(a.manager))).toBe("42501");
    expect((await protectionOf(a))?.extension_days).toBe(0);
  });

  it("a request names its own lead's current assignment, and is decided only while PENDING", async () => {
    const other = await registerLead(a, "Bäckerei Sonnenschein");
    const request = (assignmentId: string) =>
      withOrg(a.sales, (tx) =>
        tx.leadExtensionRequest.create({
          data: { orgId: a.orgId, leadId: a.leadId, assignmentId, days: 30, reason: "Messe" },
        }),
      );
    expect(postgresCode(await rejectionOf(request(other.assignmentId)))).toBe("42501");
    const pending = await request(a.assignmentId);
    const decide = (status: string) =>
      withOrg(a.manager, (tx) =>
        tx.leadExtensionRequest.updateMany({
          where: { id: pending.id },
          data: { status, decidedBy: a.manager.userId, decidedAt: new Date() },
        }),
      );
    expect((await decide("DENIED")).count).toBe(1);
    expect((await decide("APPROVED")).count).toBe(0);
    expect((await protectionOf(a))?.extension_days).toBe(0);
  });

  it("a partner cannot date a qualifying activity next year, nor start a hold last month", async () => {
    const nextYear = new Date(Date.now() + 365 * day);
    const activity = await rejectionOf(
      withOrg(a.sales, (tx) =>
        tx.leadActivity.createMany({
          data: [{ orgId: a.orgId, leadId: a.leadId, kind: "QUALIFIED_CALL", at: nextYear }],
        }),
      ),
    );
    expect(postgresCode(activity)).toBe("42501");
    const hold = await rejectionOf(
      withOrg(a.sales, (tx) =>
        tx.leadHold.createMany({
          data: [
            { orgId: a.orgId, leadId: a.leadId, reason: "OTHER", startAt: new Date(Date.now() - 30 * day) },
          ],
        }),
      ),
    );
    expect(postgresCode(hold)).toBe("42501");
  });

  it("a partner takes no lead they did not just register, and signs no row with another's name", async () => {
    const [unassigned] = await asSuperuser(
      async (c) =>
        (
          await c.query<{ id: string }>(
            `INSERT INTO lead (org_id, company_name, city, created_by) VALUES ($1, 'Frei', 'Kiel', $2) RETURNING id`,
            [a.orgId, a.manager.userId],
          )
        ).rows,
    );
    const taken = await rejectionOf(
      withOrg(a.sales, (tx) =>
        tx.leadAssignment.createMany({
          data: [
            { orgId: a.orgId, leadId: unassigned.id, ownerUserId: a.sales.userId, assignedAt: new Date() },
          ],
        }),
      ),
    );
    expect(postgresCode(taken)).toBe("42501");
    const signed = await rejectionOf(
      withOrg(a.sales, (tx) =>
        tx.leadActivity.createMany({
          data: [
            { orgId: a.orgId, leadId: a.leadId, kind: "NOTE", at: new Date(), createdBy: a.manager.userId },
          ],
        }),
      ),
    );
    expect(postgresCode(signed)).toBe("42501");
  });
});
