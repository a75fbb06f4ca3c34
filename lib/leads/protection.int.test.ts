import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, withoutOrg, type DbContext } from "@/lib/db";

import { readProtection, type ProtectionRow } from "./queries";

// The lead-protection rules of the commercial agent contract, evaluated by v_lead_protection in PostgreSQL:
// every worked example, and the edge cases the spec names. `now` is set per transaction (app.now).

const NOW = new Date("2026-06-01T00:00:00Z");
let org = "";
let manager: DbContext & { orgId: string };
let partner = "";
let otherPartner = "";
let viewer = "";
let auditor = "";

beforeAll(async () => {
  org = (await createOrganization({ name: "Protection", slug: "protection" })).id;
  const member = (email: string, role: "admin" | "manager" | "sales" | "auditor") =>
    addMember({ email, name: email, orgSlug: "protection", role, locale: "de" }).then((m) => m.userId);
  const managerId = await member("manager@p.test", "manager");
  partner = await member("partner@p.test", "sales");
  otherPartner = await member("other@p.test", "sales");
  viewer = await member("viewer@p.test", "sales");
  auditor = await member("auditor@p.test", "auditor");
  manager = { orgId: org, userId: managerId, roles: ["manager"] };
});

const at = (iso: string) => new Date(iso);
const day = (d: Date) => d.toISOString().slice(0, 16);

interface LeadFacts {
  assignedAt: string;
  owner?: string;
  activities?: [kind: string, at: string][];
  holds?: [start: string, end: string | null][];
  extensions?: number[];
}

/** Arranges a lead as a manager would, through RLS; returns its id. */
async function lead(facts: LeadFacts): Promise<string> {
  const id = randomUUID();
  await withOrg(manager, async (tx) => {
    await tx.lead.createMany({
      data: [{ id, orgId: org, companyName: `Lead ${id.slice(0, 8)}`, city: "Berlin" }],
    });
    const assignment = await tx.leadAssignment.create({
      data: { orgId: org, leadId: id, ownerUserId: facts.owner ?? partner, assignedAt: at(facts.assignedAt) },
    });
    for (const [kind, when] of facts.activities ?? []) {
      await tx.leadActivity.create({ data: { orgId: org, leadId: id, kind, at: at(when) } });
    }
    for (const [start, end] of facts.holds ?? []) {
      await tx.leadHold.create({
        data: { orgId: org, leadId: id, reason: "OTHER", startAt: at(start), endAt: end ? at(end) : null },
      });
    }
    // Requested, then approved by the manager: a request is born PENDING.
    for (const days of facts.extensions ?? []) {
      const request = await tx.leadExtensionRequest.create({
        data: { orgId: org, leadId: id, assignmentId: assignment.id, days, reason: "test" },
      });
      await tx.leadExtensionRequest.update({
        where: { id: request.id },
        data: { status: "APPROVED", decidedBy: manager.userId, decidedAt: at(facts.assignedAt) },
      });
    }
  });
  return id;
}

async function protection(leadId: string, now = NOW, ctx: DbContext & { orgId: string } = manager) {
  return withOrg(ctx, (tx) => readProtection(tx, leadId, now));
}

function expectDeadlines(
  p: ProtectionRow | undefined,
  expected: Partial<Record<keyof ProtectionRow, string | boolean>>,
) {
  expect(p).toBeDefined();
  const actual = Object.fromEntries(
    Object.keys(expected).map((k) => {
      const v = p![k as keyof ProtectionRow];
      return [k, v instanceof Date ? day(v) : v];
    }),
  );
  expect(actual).toEqual(expected);
}

async function setGlobal(key: string, value: unknown) {
  await asSuperuser((c) =>
    c.query(
      `INSERT INTO setting_value (scope, key, value) VALUES ('global', $1, $2::jsonb)
       ON CONFLICT ON CONSTRAINT setting_value_unique DO UPDATE SET value = EXCLUDED.value`,
      [key, JSON.stringify(value)],
    ),
  );
}

async function clearGlobal(key: string) {
  await asSuperuser((c) => c.query(`DELETE FROM setting_value WHERE scope = 'global' AND key = $1`, [key]));
}

describe("the spec's worked examples (GREATEST, defaults, now = 2026-06-01T00:00Z)", () => {
  it("1: no activity, no holds → protected by the base term; REMINDER_60D was due 2026-04-30", async () => {
    const p = await protection(await lead({ assignedAt: "2026-03-01T00:00Z" }));
    expectDeadlines(p, {
      base_until: "2026-09-01T00:00",
      progress_until: "2026-04-30T00:00",
      valid_until: "2026-09-01T00:00",
      status: "ACTIVE",
      due_soon: false,
    });
  });

  it("2: the last qualifying activity long ago → EXPIRED", async () => {
    const p = await protection(
      await lead({ assignedAt: "2025-10-01T00:00Z", activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]] }),
    );
    expectDeadlines(p, {
      base_until: "2026-04-01T00:00",
      progress_until: "2026-04-16T00:00",
      valid_until: "2026-04-16T00:00",
      grace_until: "2026-04-26T00:00",
      status: "EXPIRED",
    });
  });

  it("3: a 50-day hold moves both clocks → ACTIVE and due soon", async () => {
    const p = await protection(
      await lead({
        assignedAt: "2025-10-01T00:00Z",
        activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
        holds: [["2026-03-01T00:00Z", "2026-04-20T00:00Z"]],
      }),
    );
    expectDeadlines(p, {
      progress_until: "2026-06-05T00:00",
      valid_until: "2026-06-05T00:00",
      status: "ACTIVE",
      due_soon: true,
    });
    expect(p!.paused_seconds).toBe(50 * 86400);
  });

  it("4: a hold inside another counts once: nothing changes", async () => {
    const p = await protection(
      await lead({
        assignedAt: "2025-10-01T00:00Z",
        activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
        holds: [
          ["2026-03-01T00:00Z", "2026-04-20T00:00Z"],
          ["2026-03-10T00:00Z", "2026-03-20T00:00Z"],
        ],
      }),
    );
    expectDeadlines(p, {
      progress_until: "2026-06-05T00:00",
      valid_until: "2026-06-05T00:00",
      status: "ACTIVE",
      due_soon: true,
    });
    expect(p!.paused_seconds).toBe(50 * 86400);
  });

  it("5: an open hold freezes GRACE: the deadlines move with the clock", async () => {
    const id = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["ROI_PRESENTATION", "2026-03-20T00:00Z"]],
      holds: [["2026-05-25T00:00Z", null]],
    });
    const p = await protection(id);
    expectDeadlines(p, {
      base_until: "2026-04-08T00:00",
      progress_until: "2026-05-26T00:00",
      valid_until: "2026-05-26T00:00",
      status: "GRACE",
      hold_open: true,
    });
    expect(p!.paused_seconds).toBe(7 * 86400);
    // Thirty days later, still GRACE, and exactly as far from the end of grace as before.
    const later = await protection(id, at("2026-07-01T00:00Z"));
    expect(later!.status).toBe("GRACE");
    expect(later!.grace_until.getTime() - at("2026-07-01T00:00Z").getTime()).toBe(
      p!.grace_until.getTime() - NOW.getTime(),
    );
  });
});

describe("edge cases", () => {
  it("overlapping holds count their union once; a hold before the assignment does not count", async () => {
    const p = await protection(
      await lead({
        assignedAt: "2026-03-01T00:00Z",
        holds: [
          ["2026-02-01T00:00Z", "2026-03-11T00:00Z"], // 10 days after assignment
          ["2026-03-05T00:00Z", "2026-03-21T00:00Z"], // overlaps: union 03-01..03-21 = 20 days
          ["2026-04-01T00:00Z", "2026-04-06T00:00Z"], // 5 more
        ],
      }),
    );
    expect(p!.paused_seconds).toBe(25 * 86400);
    expectDeadlines(p, { base_until: "2026-09-26T00:00" });
  });

  it("only qualifying kinds, at or after assigned_at and not in the future, count as progress", async () => {
    const p = await protection(
      await lead({
        assignedAt: "2026-03-01T00:00Z",
        activities: [
          ["NOTE", "2026-05-30T00:00Z"],
          ["EMAIL_SENT", "2026-05-31T00:00Z"],
          ["QUALIFIED_CALL", "2026-02-28T00:00Z"], // before the assignment
          ["CUSTOMER_REACTION", "2026-06-02T00:00Z"], // after now
          ["SCHEDULED_FOLLOWUP", "2026-04-10T12:00Z"],
        ],
      }),
    );
    expectDeadlines(p, { last_qual_activity_at: "2026-04-10T12:00", progress_until: "2026-06-09T12:00" });
  });

  it("adds calendar months to the UTC date: Aug 31 + 6 months = Feb 28, Jan 31 + 1 month = Feb 28", async () => {
    expectDeadlines(
      await protection(await lead({ assignedAt: "2026-08-31T09:30Z" }), at("2026-09-01T00:00Z")),
      {
        base_until: "2027-02-28T09:30",
      },
    );
    await setGlobal("lead.protection.baseMonths", 1);
    try {
      expectDeadlines(
        await protection(await lead({ assignedAt: "2027-01-31T23:15Z" }), at("2027-02-01T00:00Z")),
        {
          base_until: "2027-02-28T23:15",
        },
      );
    } finally {
      await clearGlobal("lead.protection.baseMonths");
    }
  });

  it("counts a day as 24 hours across the DST change in Europe/Berlin, whatever the session time zone", async () => {
    const id = await lead({
      assignedAt: "2026-03-20T12:00Z",
      activities: [["QUALIFIED_CALL", "2026-03-25T12:00Z"]],
    });
    // Evaluated in a session on Berlin time: 2026-03-29 is the spring-forward night, and 60 days
    // after the activity are still 60 × 24 h; the base term keeps 12:00 UTC.
    const [row] = await withOrg(manager, async (tx) => {
      await tx.$executeRaw`SELECT set_config('timezone', 'Europe/Berlin', true), set_config('app.now', '2026-04-01T00:00Z', true)`;
      return tx.$queryRaw<{ progress_seconds: number; base_utc: string }[]>`
        SELECT extract(epoch FROM progress_until - last_progress_at)::float8 AS progress_seconds,
               to_char(base_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS base_utc
        FROM v_lead_protection WHERE lead_id = ${id}::uuid`;
    });
    expect(row).toEqual({ progress_seconds: 60 * 86400, base_utc: "2026-09-20T12:00" });
  });

  it("approved extensions add whole days to the base term", async () => {
    expectDeadlines(await protection(await lead({ assignedAt: "2026-03-01T00:00Z", extensions: [10, 5] })), {
      base_until: "2026-09-16T00:00",
    });
  });

  it("LEAST mode takes the earlier of the two deadlines", async () => {
    const id = await lead({
      assignedAt: "2026-03-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-05-01T00:00Z"]],
    });
    await setGlobal("lead.protection.mode", "LEAST");
    try {
      const p = await protection(id);
      expectDeadlines(p, {
        mode: "LEAST",
        base_until: "2026-09-01T00:00",
        progress_until: "2026-06-30T00:00",
        valid_until: "2026-06-30T00:00",
      });
    } finally {
      await clearGlobal("lead.protection.mode");
    }
    expectDeadlines(await protection(id), { mode: "GREATEST", valid_until: "2026-09-01T00:00" });
  });

  it("a qualifying activity during GRACE rescues the lead", async () => {
    const id = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-03-25T00:00Z"]],
    });
    expectDeadlines(await protection(id), { valid_until: "2026-05-24T00:00", status: "GRACE" });
    await withOrg(manager, (tx) =>
      tx.leadActivity.create({
        data: { orgId: org, leadId: id, kind: "CUSTOMER_REACTION", at: at("2026-05-31T10:00Z") },
      }),
    );
    expectDeadlines(await protection(id), { progress_until: "2026-07-30T10:00", status: "ACTIVE" });
  });
});

describe("who sees a lead's protection (RLS)", () => {
  const as = (userId: string, role: string) => ({ orgId: org, userId, roles: [role] });

  it("the owner while ACTIVE or GRACE, never once EXPIRED", async () => {
    const active = await lead({ assignedAt: "2026-03-01T00:00Z" });
    const expired = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
    });
    expect((await protection(active, NOW, as(partner, "sales")))?.status).toBe("ACTIVE");
    expect(await protection(expired, NOW, as(partner, "sales"))).toBeUndefined();
    // The same lead, seen a day before its grace ended: still the owner's.
    expect((await protection(expired, at("2026-04-25T00:00Z"), as(partner, "sales")))?.status).toBe("GRACE");
  });

  it("not another partner; collaborators, managers and auditors do", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z" });
    expect(await protection(id, NOW, as(otherPartner, "sales"))).toBeUndefined();
    expect(await protection(id, NOW, as(viewer, "sales"))).toBeUndefined();
    await withOrg(manager, (tx) =>
      tx.leadCollaborator.create({ data: { orgId: org, leadId: id, userId: viewer, role: "VIEW" } }),
    );
    expect((await protection(id, NOW, as(viewer, "sales")))?.status).toBe("ACTIVE");
    expect((await protection(id, NOW, as(auditor, "auditor")))?.status).toBe("ACTIVE");
  });

  it("nobody outside the organisation, and nobody without context", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z" });
    const elsewhere = (await createOrganization({ name: "Elsewhere", slug: "elsewhere" })).id;
    expect(
      await protection(id, NOW, { orgId: elsewhere, userId: partner, roles: ["manager"] }),
    ).toBeUndefined();
    const rows = await withoutOrg((tx) => tx.$queryRaw<unknown[]>`SELECT lead_id FROM v_lead_protection`);
    expect(rows).toEqual([]);
  });

  it("a partner cannot log activities on someone else's lead, nor on their own once it expired", async () => {
    const theirs = await lead({ assignedAt: "2026-03-01T00:00Z", owner: otherPartner });
    const expired = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
    });
    for (const leadId of [theirs, expired]) {
      await expect(
        withOrg(as(partner, "sales"), async (tx) => {
          await tx.$executeRaw`SELECT set_config('app.now', ${NOW.toISOString()}, true)`;
          await tx.leadActivity.createMany({
            data: [{ orgId: org, leadId, kind: "QUALIFIED_CALL", at: NOW }],
          });
        }),
      ).rejects.toThrow(/row-level security/);
    }
  });
});

describe("the cached moments (lead_assignment.progress_due_at, grace_due_at, expires_at) agree with the computation", () => {
  // A small deterministic generator, so a failure can be replayed.
  let seed = 20261129;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

  it("on randomised leads: each deadline is reached exactly from its cached moment on, at any later moment", async () => {
    const checked: string[] = [];
    for (let n = 0; n < 25; n++) {
      const assigned = -Math.floor(random() * 250);
      const activities: [string, string][] = [];
      for (let i = 0; i < Math.floor(random() * 3); i++) {
        activities.push([
          random() < 0.8 ? "QUALIFIED_CALL" : "NOTE",
          daysFromNow(assigned + random() * -assigned),
        ]);
      }
      const holds: [string, string | null][] = [];
      for (let i = 0; i < Math.floor(random() * 3); i++) {
        const start = assigned + random() * (320 - assigned) - 40; // past, present or future
        holds.push([daysFromNow(start), random() < 0.2 ? null : daysFromNow(start + 1 + random() * 40)]);
      }
      const id = await lead({
        assignedAt: daysFromNow(assigned),
        activities,
        holds,
        extensions: random() < 0.3 ? [14] : [],
      });
      const [cached] = await asSuperuser((c) =>
        c
          .query<{ progress_due_at: string; grace_due_at: string; expires_at: string }>(
            `SELECT progress_due_at::text, grace_due_at::text, expires_at::text
             FROM lead_assignment WHERE lead_id = $1 AND released_at IS NULL`,
            [id],
          )
          .then((r) => r.rows),
      );
      // Reached at `moment` exactly when `moment` is at or after the cached moment.
      const reached = (cachedMoment: string, moment: Date) =>
        cachedMoment !== "infinity" && moment.getTime() >= Date.parse(cachedMoment);
      for (let k = 0; k < 6; k++) {
        const moment = new Date(Date.now() + 60_000 + random() * 400 * 86_400_000);
        const p = (await protection(id, moment))!;
        expect({ id, moment, ...cached, status: p.status }).toEqual({
          id,
          moment,
          ...cached,
          status: reached(cached.expires_at, moment) ? "EXPIRED" : expect.stringMatching(/ACTIVE|GRACE/),
        });
        expect({ id, moment, ...cached, progressReached: p.progress_until <= moment }).toEqual({
          id,
          moment,
          ...cached,
          progressReached: reached(cached.progress_due_at, moment),
        });
        expect({ id, moment, ...cached, validReached: p.valid_until <= moment }).toEqual({
          id,
          moment,
          ...cached,
          validReached: reached(cached.grace_due_at, moment),
        });
        checked.push(p.status);
      }
    }
    // The sample covers both sides of the boundary.
    expect(checked).toContain("EXPIRED");
    expect(checked.some((s) => s !== "EXPIRED")).toBe(true);
  });

  it("follows every input: an activity, a hold and its end move it; a release clears the owner's access", async () => {
    const id = await lead({ assignedAt: "2026-01-01T00:00Z" });
    const expiry = async () =>
      (
        await asSuperuser((c) =>
          c.query<{ e: string | null }>(
            `SELECT expires_at::text AS e FROM lead_assignment WHERE lead_id = $1 AND released_at IS NULL`,
            [id],
          ),
        )
      ).rows[0]?.e;
    const before = await expiry();
    await withOrg(manager, (tx) =>
      tx.leadActivity.create({
        data: { orgId: org, leadId: id, kind: "QUALIFIED_CALL", at: new Date(Date.now() - 1000) },
      }),
    );
    const afterActivity = await expiry();
    expect(Date.parse(afterActivity!)).toBeGreaterThan(Date.parse(before!));
    const hold = await withOrg(manager, (tx) =>
      tx.leadHold.create({
        data: { orgId: org, leadId: id, reason: "OTHER", startAt: new Date(Date.now() - 1000) },
      }),
    );
    expect(await expiry()).toBe("infinity");
    await withOrg(manager, (tx) =>
      tx.leadHold.update({ where: { id: hold.id }, data: { endAt: new Date() } }),
    );
    expect(Date.parse((await expiry())!)).toBeGreaterThanOrEqual(Date.parse(afterActivity!));
  });
});
