import { randomUUID } from "node:crypto";

import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type OrgContext } from "@/lib/db";
import { runJob } from "@/lib/jobs/runner";

import { runLeadProtectionDaily } from "./daily";
import { listInAppNotifications } from "./outbox";
import { readProtection } from "./queries";

// The daily job's service against a real PostgreSQL, at fixed moments (`now` passed in): reminders
// exactly once, also under two concurrent runs; rescue; holds; recipients and channels from the
// settings; release of expired leads; escalation; pseudonymisation; who reads the outbox.

const NOW = new Date("2026-06-01T00:00:00Z");
const at = (iso: string) => new Date(iso);
const run = (now: Date) => runLeadProtectionDaily({ now });

let org = "";
const users: Record<"manager" | "admin" | "partner" | "other" | "retired", string> = {
  manager: "",
  admin: "",
  partner: "",
  other: "",
  retired: "",
};
let manager: OrgContext;
const as = (userId: string, role: string): OrgContext => ({ orgId: org, userId, roles: [role] });

beforeAll(async () => {
  org = (await createOrganization({ name: "Daily", slug: "daily" })).id;
  const member = (name: string, role: "admin" | "manager" | "sales") =>
    addMember({ email: `${name}@daily.test`, name, orgSlug: "daily", role, locale: "de" }).then(
      (m) => m.userId,
    );
  users.manager = await member("manager", "manager");
  users.admin = await member("admin", "admin");
  users.partner = await member("partner", "sales");
  users.other = await member("other", "sales");
  users.retired = await member("retired", "manager");
  await asSuperuser((c) => c.query("UPDATE app_user SET active = false WHERE id = $1", [users.retired]));
  manager = as(users.manager, "manager");
});

interface LeadFacts {
  assignedAt: string;
  owner?: string;
  activities?: [kind: string, at: string][];
  holds?: [start: string, end: string | null][];
  releasedAt?: string;
  contact?: boolean;
}

/** Arranges a lead as a manager would, through RLS; created when it was assigned. Returns its id. */
async function lead(facts: LeadFacts): Promise<string> {
  const id = randomUUID();
  const contact = facts.contact
    ? {
        stage: 1,
        contactFirstName: "Erika",
        contactLastName: "Muster",
        contactEmail: `erika.${id.slice(0, 8)}@example.test`,
        contactPhone: "+49 30 1234567",
      }
    : {};
  await withOrg(manager, async (tx) => {
    await tx.lead.createMany({
      data: [
        {
          id,
          orgId: org,
          companyName: `Lead ${id.slice(0, 8)}`,
          city: "Berlin",
          createdAt: at(facts.assignedAt),
          ...contact,
        },
      ],
    });
    await tx.leadAssignment.create({
      data: {
        orgId: org,
        leadId: id,
        ownerUserId: facts.owner ?? users.partner,
        assignedAt: at(facts.assignedAt),
        releasedAt: facts.releasedAt ? at(facts.releasedAt) : null,
        releaseReason: facts.releasedAt ? "MANUAL" : null,
      },
    });
    for (const [kind, when] of facts.activities ?? []) {
      await tx.leadActivity.create({ data: { orgId: org, leadId: id, kind, at: at(when) } });
    }
    for (const [start, end] of facts.holds ?? []) {
      await tx.leadHold.create({
        data: { orgId: org, leadId: id, reason: "OTHER", startAt: at(start), endAt: end ? at(end) : null },
      });
    }
  });
  return id;
}

/** Reminders recorded for a lead: type and due moment (ISO). */
async function remindersOf(leadId: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ type: string; due_at: Date }>(
      `SELECT r.type, r.due_at FROM lead_reminder r JOIN lead_assignment a ON a.id = r.assignment_id
       WHERE a.lead_id = $1 ORDER BY r.type, r.due_at`,
      [leadId],
    ),
  );
  return rows.map((r) => [r.type, r.due_at.toISOString()]);
}

/** Outbox rows about a lead (or a request): "template recipient channel", sorted. */
async function outboxOf(key: string, field = "leadId") {
  const { rows } = await asSuperuser((c) =>
    c.query<{ template: string; recipient_user_id: string; channel: string }>(
      `SELECT template, recipient_user_id, channel FROM notification_outbox WHERE payload->>$2 = $1`,
      [key, field],
    ),
  );
  const name = (id: string) => Object.entries(users).find(([, v]) => v === id)?.[0] ?? id;
  return rows.map((r) => `${r.template} ${name(r.recipient_user_id)} ${r.channel}`).sort();
}

async function auditOf(resourceId: string, action: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ actor_type: string; actor_id: string; after: Record<string, unknown> }>(
      `SELECT actor_type, actor_id, after FROM audit_event WHERE resource_id = $1 AND action = $2 ORDER BY id`,
      [resourceId, action],
    ),
  );
  return rows;
}

async function countRows(table: "lead_reminder" | "notification_outbox"): Promise<number> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`),
  );
  return rows[0].n;
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

afterEach(async () => {
  await asSuperuser((c) => c.query(`DELETE FROM setting_value WHERE scope = 'global'`));
});

describe("reminders", () => {
  it("go out exactly once, even when two runs start at the same time, and not again later", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z" }); // worked example 1: due 2026-04-30
    const reminders = await countRows("lead_reminder");
    const outbox = await countRows("notification_outbox");

    const [first, second] = await Promise.all([run(NOW), run(NOW)]);

    expect(await remindersOf(id)).toEqual([["REMINDER_60D", "2026-04-30T00:00:00.000Z"]]);
    expect(await outboxOf(id)).toEqual([
      "lead.reminder_60d partner EMAIL",
      "lead.reminder_60d partner INAPP",
    ]);
    // Between them, the two runs counted each reminder and each outbox row once.
    expect(first.reminders + second.reminders).toBe((await countRows("lead_reminder")) - reminders);
    expect(first.notifications + second.notifications).toBe(
      (await countRows("notification_outbox")) - outbox,
    );
    expect(await auditOf(id, "lead.reminder.sent")).toHaveLength(1);

    await run(at("2026-06-02T00:00Z"));
    await run(NOW);
    expect(await remindersOf(id)).toHaveLength(1);
    expect(await outboxOf(id)).toHaveLength(2);
  });

  it("a lead rescued before its due moment gets none; it is due again at its new moment", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z" });
    await run(at("2026-04-29T00:00Z")); // a day before the 60 days are up
    expect(await remindersOf(id)).toEqual([]);
    await withOrg(manager, (tx) =>
      tx.leadActivity.create({
        data: { orgId: org, leadId: id, kind: "QUALIFIED_CALL", at: at("2026-04-29T12:00Z") },
      }),
    );
    await run(NOW);
    expect(await remindersOf(id)).toEqual([]);
    expect(await outboxOf(id)).toEqual([]);
    await run(at("2026-06-29T00:00Z"));
    expect(await remindersOf(id)).toEqual([["REMINDER_60D", "2026-06-28T12:00:00.000Z"]]);
  });

  it("nothing while a hold is open; once it ends, one reminder for the moved due moment", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z", holds: [["2026-05-10T00:00Z", null]] });
    const frozen = await withOrg(manager, (tx) => readProtection(tx, id, NOW));
    expect(frozen!.hold_open).toBe(true);
    expect(frozen!.progress_until.getTime()).toBeLessThan(NOW.getTime()); // overdue, but the clock stands
    await run(NOW);
    await run(at("2026-06-02T00:00Z"));
    expect(await remindersOf(id)).toEqual([]);

    await withOrg(manager, (tx) =>
      tx.leadHold.updateMany({ where: { leadId: id }, data: { endAt: at("2026-06-05T00:00Z") } }),
    );
    await run(at("2026-06-10T00:00Z"));
    await run(at("2026-06-11T00:00Z"));
    // 2026-04-30 plus the 26 days the hold lasted.
    expect(await remindersOf(id)).toEqual([["REMINDER_60D", "2026-05-26T00:00:00.000Z"]]);
  });

  it("GRACE_EXPIRY goes to the owner and the notify roles (active members only), REMINDER_60D to the owner", async () => {
    // Valid until 2026-05-24 (60 days after the call): in GRACE on 2026-06-01.
    const grace: LeadFacts = {
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-03-25T00:00Z"]],
    };
    const id = await lead(grace);
    await run(NOW);
    expect(await remindersOf(id)).toEqual([
      ["GRACE_EXPIRY", "2026-05-24T00:00:00.000Z"],
      ["REMINDER_60D", "2026-05-24T00:00:00.000Z"],
    ]);
    expect(await outboxOf(id)).toEqual([
      "lead.grace_expiry manager EMAIL",
      "lead.grace_expiry manager INAPP",
      "lead.grace_expiry partner EMAIL",
      "lead.grace_expiry partner INAPP",
      "lead.reminder_60d partner EMAIL",
      "lead.reminder_60d partner INAPP",
    ]);

    // The settings decide who besides the owner hears of it, and on which channels.
    await setGlobal("lead.protection.notify.roles", ["manager", "admin"]);
    const another = await lead(grace);
    await run(NOW);
    expect((await outboxOf(another)).filter((row) => row.startsWith("lead.grace_expiry"))).toEqual([
      "lead.grace_expiry admin EMAIL",
      "lead.grace_expiry admin INAPP",
      "lead.grace_expiry manager EMAIL",
      "lead.grace_expiry manager INAPP",
      "lead.grace_expiry partner EMAIL",
      "lead.grace_expiry partner INAPP",
    ]);
    await setGlobal("lead.protection.reminder.channels", ["INAPP"]);
    const inAppOnly = await lead(grace);
    await run(NOW);
    expect((await outboxOf(inAppOnly)).filter((row) => row.startsWith("lead.grace_expiry"))).toEqual([
      "lead.grace_expiry admin INAPP",
      "lead.grace_expiry manager INAPP",
      "lead.grace_expiry partner INAPP",
    ]);
  });

  it("no GRACE_EXPIRY while ACTIVE, and neither reminder once EXPIRED", async () => {
    const active = await lead({ assignedAt: "2026-05-01T00:00Z" });
    const expired = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
    });
    await run(NOW);
    expect(await remindersOf(active)).toEqual([]);
    expect(await remindersOf(expired)).toEqual([]);
  });
});

describe("release of expired leads", () => {
  it("releases, audits and notifies once; the former owner loses the lead", async () => {
    // Worked example 2: grace ended 2026-04-26.
    const id = await lead({
      assignedAt: "2025-10-01T00:00Z",
      activities: [["QUALIFIED_CALL", "2026-02-15T00:00Z"]],
    });
    const owner = as(users.partner, "sales");
    expect((await withOrg(owner, (tx) => readProtection(tx, id, at("2026-04-25T00:00Z"))))?.status).toBe(
      "GRACE",
    );
    // An extension the owner asked for during GRACE that nobody decided.
    const { rows: requested } = await asSuperuser((c) =>
      c.query<{ id: string }>(
        `INSERT INTO lead_extension_request (org_id, lead_id, assignment_id, days, reason, requested_at)
         SELECT org_id, lead_id, id, 14, 'Kunde im Urlaub', '2026-04-20T00:00Z' FROM lead_assignment
         WHERE lead_id = $1 RETURNING id`,
        [id],
      ),
    );

    const counts = await run(NOW);
    expect(counts.released).toBeGreaterThanOrEqual(1);
    const { rows } = await asSuperuser((c) =>
      c.query("SELECT released_at, release_reason FROM lead_assignment WHERE lead_id = $1", [id]),
    );
    expect(rows).toEqual([{ released_at: NOW, release_reason: "EXPIRED" }]);
    // The release closes it: nobody holds the protection it would extend.
    const { rows: closed } = await asSuperuser((c) =>
      c.query("SELECT status, decided_at FROM lead_extension_request WHERE id = $1", [requested[0].id]),
    );
    expect(closed).toEqual([{ status: "CLOSED", decided_at: NOW }]);
    expect(await auditOf(requested[0].id, "lead.extension.closed")).toHaveLength(1);
    const audit = await auditOf(id, "lead.protection.expired");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: "system",
      actor_id: "job:lead-protection-daily",
      after: {
        releaseReason: "EXPIRED",
        releasedAt: NOW.toISOString(),
        graceUntil: "2026-04-26T00:00:00.000Z",
      },
    });
    expect(await outboxOf(id)).toEqual([
      "lead.expired manager EMAIL",
      "lead.expired manager INAPP",
      "lead.expired partner EMAIL",
      "lead.expired partner INAPP",
    ]);

    // Released: not theirs even at a moment it was still in GRACE, and nothing they log can revive it.
    expect(await withOrg(owner, (tx) => readProtection(tx, id, at("2026-04-25T00:00Z")))).toBeUndefined();
    expect(await withOrg(owner, (tx) => tx.lead.findMany({ where: { id } }))).toEqual([]);
    const write = await rejectionOf(
      withOrg(owner, (tx) =>
        tx.leadActivity.createMany({ data: [{ orgId: org, leadId: id, kind: "QUALIFIED_CALL", at: NOW }] }),
      ),
    );
    expect(postgresCode(write)).toBe("42501");

    await Promise.all([run(at("2026-06-02T00:00Z")), run(at("2026-06-02T00:00Z"))]);
    expect(await auditOf(id, "lead.protection.expired")).toHaveLength(1);
    expect(await outboxOf(id)).toHaveLength(4);
    expect(await remindersOf(id)).toEqual([]);
  });
});

describe("escalation of extension requests", () => {
  it("escalates a request undecided for 48 hours to the admins, once", async () => {
    const id = await lead({ assignedAt: "2026-03-01T00:00Z" });
    const requestedAt = at("2026-06-10T00:00Z");
    const request = await withOrg(manager, async (tx) => {
      const { id: assignmentId } = await tx.leadAssignment.findFirstOrThrow({
        where: { leadId: id },
        select: { id: true },
      });
      return tx.leadExtensionRequest.create({
        data: { orgId: org, leadId: id, assignmentId, days: 14, reason: "Tasting next month", requestedAt },
      });
    });
    const escalatedAt = async () =>
      (
        await withOrg(manager, (tx) =>
          tx.leadExtensionRequest.findUniqueOrThrow({ where: { id: request.id } }),
        )
      ).escalatedAt;

    await run(at("2026-06-11T23:00Z")); // 47 hours
    expect(await escalatedAt()).toBeNull();
    expect(await outboxOf(request.id, "requestId")).toEqual([]);

    await Promise.all([run(at("2026-06-12T01:00Z")), run(at("2026-06-12T01:00Z"))]); // 49 hours, twice
    expect(await escalatedAt()).toEqual(at("2026-06-12T01:00Z"));
    expect(await outboxOf(request.id, "requestId")).toEqual([
      "lead.extension.escalated admin EMAIL",
      "lead.extension.escalated admin INAPP",
    ]);
    expect(await auditOf(request.id, "lead.extension.escalated")).toHaveLength(1);

    await run(at("2026-06-13T00:00Z"));
    expect(await escalatedAt()).toEqual(at("2026-06-12T01:00Z"));
    expect(await outboxOf(request.id, "requestId")).toHaveLength(2);
    expect(await auditOf(request.id, "lead.extension.escalated")).toHaveLength(1);
  });
});

describe("pseudonymisation", () => {
  const contactOf = async (id: string) =>
    (
      await asSuperuser((c) =>
        c.query(
          `SELECT contact_first_name, contact_last_name, contact_email, contact_phone, pseudonymised_at
           FROM lead WHERE id = $1`,
          [id],
        ),
      )
    ).rows[0];

  it("replaces the contact of a lead released past its retention, and marks an idle stage-0 lead", async () => {
    const releasedLong = await lead({
      assignedAt: "2025-10-01T00:00Z",
      releasedAt: "2026-02-01T00:00Z",
      contact: true,
    });
    const releasedRecently = await lead({
      assignedAt: "2025-10-01T00:00Z",
      releasedAt: "2026-05-01T00:00Z",
      contact: true,
    });
    const idle = await lead({ assignedAt: "2026-03-01T00:00Z" });
    const worked = await lead({
      assignedAt: "2026-03-01T00:00Z",
      activities: [["SAMPLE_FEEDBACK", "2026-05-15T00:00Z"]],
    });
    const protectedWithContact = await lead({ assignedAt: "2026-03-01T00:00Z", contact: true });

    await run(NOW);

    expect(await contactOf(releasedLong)).toEqual({
      contact_first_name: null,
      contact_last_name: null,
      contact_email: null,
      contact_phone: null,
      pseudonymised_at: NOW,
    });
    expect((await auditOf(releasedLong, "lead.personal_data.pseudonymised")).map((e) => e.after)).toEqual([
      {
        reason: "RELEASED_RETENTION",
        stage: 1,
        replaced: ["contactFirstName", "contactLastName", "contactEmail", "contactPhone"],
        pseudonymisedAt: NOW.toISOString(),
      },
    ]);
    expect((await auditOf(idle, "lead.personal_data.pseudonymised")).map((e) => e.after)).toEqual([
      { reason: "STAGE0_IDLE", stage: 0, replaced: [], pseudonymisedAt: NOW.toISOString() },
    ]);
    for (const untouched of [releasedRecently, worked, protectedWithContact]) {
      expect((await contactOf(untouched)).pseudonymised_at).toBeNull();
    }
    expect((await contactOf(releasedRecently)).contact_last_name).toBe("Muster");

    await run(at("2026-06-02T00:00Z"));
    expect(await auditOf(releasedLong, "lead.personal_data.pseudonymised")).toHaveLength(1);
    expect(await auditOf(idle, "lead.personal_data.pseudonymised")).toHaveLength(1);
  });
});

describe("the outbox", () => {
  it("shows a member only their own in-app notifications, managers the organisation's, nobody else anything", async () => {
    await lead({ assignedAt: "2026-03-01T00:00Z" });
    await lead({ assignedAt: "2026-03-01T00:00Z", owner: users.other });
    await run(NOW);

    const mine = await withOrg(as(users.partner, "sales"), (tx) => tx.notificationOutbox.findMany());
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((m) => `${m.recipientUserId} ${m.channel}`))).toEqual(
      new Set([`${users.partner} INAPP`]),
    );
    const inbox = await withOrg(as(users.partner, "sales"), (tx) =>
      listInAppNotifications(tx, users.partner),
    );
    expect(inbox.map((n) => n.id).sort()).toEqual(mine.map((m) => m.id).sort());

    const all = await withOrg(manager, (tx) => tx.notificationOutbox.findMany());
    expect(new Set(all.map((m) => m.channel))).toEqual(new Set(["EMAIL", "INAPP"]));
    expect(all.some((m) => m.recipientUserId === users.other)).toBe(true);

    const elsewhere = (await createOrganization({ name: "Elsewhere", slug: "elsewhere" })).id;
    expect(
      await withOrg({ orgId: elsewhere, userId: users.manager, roles: ["manager"] }, (tx) =>
        tx.notificationOutbox.findMany(),
      ),
    ).toEqual([]);

    // Only the system context queues messages, and nobody edits what was queued.
    const forged = await rejectionOf(
      withOrg(manager, (tx) =>
        tx.notificationOutbox.createMany({
          data: [
            {
              orgId: org,
              recipientUserId: users.partner,
              channel: "INAPP",
              template: "lead.expired",
              dedupeKey: "forged",
            },
          ],
        }),
      ),
    );
    expect(postgresCode(forged)).toBe("42501");
    const edited = await rejectionOf(
      withOrg(manager, (tx) => tx.notificationOutbox.updateMany({ data: { template: "lead.edited" } })),
    );
    expect(postgresCode(edited)).toBe("42501");
  });
});

describe("the job", () => {
  it("is registered and runs through the job runner, recording its counts", async () => {
    const result = await runJob("lead-protection-daily", "manual");
    expect(result.status).toBe("succeeded");
    expect(Object.keys(result.counts).sort()).toEqual(
      ["escalated", "failed", "notifications", "orgs", "pseudonymised", "released", "reminders"].sort(),
    );
    expect(result.counts.orgs).toBeGreaterThanOrEqual(1);
    expect(result.counts.failed).toBe(0);
    // Each organisation's counts of the day, for the KPI trend (one row per organisation and day).
    const days = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ orgs: number; days: number }>(
        `SELECT count(DISTINCT org_id)::int AS orgs, count(DISTINCT day)::int AS days
         FROM lead_protection_daily WHERE day = (now() AT TIME ZONE 'UTC')::date`,
      );
      return rows[0];
    });
    expect(days).toEqual({ orgs: result.counts.orgs, days: 1 });
  });
});
