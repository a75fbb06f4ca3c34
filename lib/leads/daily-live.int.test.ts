import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type OrgContext } from "@/lib/db";

import { dueLeadIds, runLeadProtectionDaily } from "./daily";

// The daily job at the real clock, where it selects its candidates from the moments the triggers
// keep on lead_assignment instead of computing every lead (daily.int.test.ts evaluates fixed past
// moments, which takes the full computation). Facts are placed relative to the clock.

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);

let org = "";
let partner = "";
let manager: OrgContext;
const system = (): OrgContext => ({ orgId: org, userId: null, roles: ["system"] });

beforeAll(async () => {
  org = (await createOrganization({ name: "Live", slug: "live" })).id;
  const member = (name: string, role: "manager" | "sales") =>
    addMember({ email: `${name}@live.test`, name, orgSlug: "live", role, locale: "de" }).then(
      (m) => m.userId,
    );
  manager = { orgId: org, userId: await member("manager", "manager"), roles: ["manager"] };
  partner = await member("partner", "sales");
});

interface Facts {
  assigned: number;
  activities?: number[];
  holds?: [start: number, end: number | null][];
}

/** A lead assigned `assigned` days ago, qualifying activities and holds in days from now (negative: ago). */
async function lead(facts: Facts): Promise<string> {
  const id = randomUUID();
  const when = (days: number) => new Date(Date.now() + days * DAY);
  await withOrg(manager, async (tx) => {
    await tx.lead.create({ data: { id, orgId: org, companyName: `Live ${id.slice(0, 8)}`, city: "Köln" } });
    await tx.leadAssignment.create({
      data: { orgId: org, leadId: id, ownerUserId: partner, assignedAt: daysAgo(facts.assigned) },
    });
    for (const days of facts.activities ?? []) {
      await tx.leadActivity.create({
        data: { orgId: org, leadId: id, kind: "QUALIFIED_CALL", at: when(days) },
      });
    }
    for (const [start, end] of facts.holds ?? []) {
      await tx.leadHold.create({
        data: {
          orgId: org,
          leadId: id,
          reason: "OTHER",
          startAt: when(start),
          endAt: end === null ? null : when(end),
        },
      });
    }
  });
  return id;
}

async function remindersOf(leadId: string): Promise<string[]> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ type: string }>(
      `SELECT r.type FROM lead_reminder r JOIN lead_assignment a ON a.id = r.assignment_id
       WHERE a.lead_id = $1 ORDER BY r.type`,
      [leadId],
    ),
  );
  return rows.map((r) => r.type);
}

async function releasedOf(leadId: string): Promise<string | null> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ release_reason: string | null }>(
      `SELECT release_reason FROM lead_assignment WHERE lead_id = $1 ORDER BY assigned_at DESC LIMIT 1`,
      [leadId],
    ),
  );
  return rows[0].release_reason;
}

describe("the daily job at the real clock", () => {
  it("sends due reminders once, releases expired leads, and leaves the rest alone", async () => {
    const idle = await lead({ assigned: 70 }); // 60 days without progress, base term still runs
    const grace = await lead({ assigned: 190, activities: [-65] }); // valid until 5 days ago: GRACE
    const expired = await lead({ assigned: 200, activities: [-75] }); // grace ended 5 days ago
    const fresh = await lead({ assigned: 10 });
    const held = await lead({ assigned: 70, holds: [[-12, null]] }); // an open hold stops the clock
    const rescued = await lead({ assigned: 70, activities: [-1] });

    const first = await runLeadProtectionDaily();
    expect(first).toMatchObject({ reminders: 3, released: 1, failed: 0 });
    expect(await remindersOf(idle)).toEqual(["REMINDER_60D"]);
    expect(await remindersOf(grace)).toEqual(["GRACE_EXPIRY", "REMINDER_60D"]);
    expect(await releasedOf(expired)).toBe("EXPIRED");
    for (const quiet of [fresh, held, rescued]) {
      expect(await remindersOf(quiet)).toEqual([]);
      expect(await releasedOf(quiet)).toBeNull();
    }

    const second = await runLeadProtectionDaily();
    expect(second).toMatchObject({ reminders: 0, released: 0, failed: 0 });
  });

  it("finds exactly the leads the full computation finds, on randomised leads and later moments", async () => {
    let seed = 4242;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 40; n++) {
      const assigned = Math.floor(random() * 260);
      const activities = Array.from({ length: Math.floor(random() * 3) }, () => -random() * assigned);
      const holds = Array.from({ length: Math.floor(random() * 3) }, (): [number, number | null] => {
        const start = -assigned + random() * (assigned + 60); // past, present or future
        return [start, random() < 0.2 ? null : start + 1 + random() * 40];
      });
      await lead({ assigned, activities, holds });
    }
    // Some reminders recorded already, as after earlier runs.
    await runLeadProtectionDaily();

    let dueSomewhere = 0;
    for (let days = 0; days <= 240; days += 3) {
      const moment = new Date(Date.now() + 60_000 + days * DAY);
      const cached = await dueLeadIds(system(), moment, true);
      const full = await dueLeadIds(system(), moment, false);
      expect({ moment, due: cached }).toEqual({ moment, due: full });
      dueSomewhere += full.length;
    }
    expect(dueSomewhere).toBeGreaterThan(0);

    // The summary's counts from the cached moments agree with computing every lead, too. One
    // connection for all moments: a new session compiles the PL/pgSQL functions afresh each time.
    const statuses = new Set<string>();
    await asSuperuser(async (c) => {
      const counts = (fn: "cached" | "full", moment: Date) =>
        c
          .query(
            `SELECT owner_user_id, status, due_soon, leads FROM app_lead_protection_counts_${fn}($1)
             WHERE org_id = $2 ORDER BY owner_user_id, status, due_soon`,
            [moment, org],
          )
          .then((r) => r.rows);
      // Every other day for eight months: each lead passes its GRACE window (10 days) in view.
      for (let days = 0; days <= 240; days += 2) {
        const moment = new Date(Date.now() + 60_000 + days * DAY);
        const full = await counts("full", moment);
        expect({ moment, counts: await counts("cached", moment) }).toEqual({ moment, counts: full });
        for (const row of full) statuses.add(`${row.status}${row.due_soon ? "+dueSoon" : ""}`);
      }
    });
    expect([...statuses].sort()).toEqual(["ACTIVE", "ACTIVE+dueSoon", "EXPIRED", "GRACE"]);
  });
});
