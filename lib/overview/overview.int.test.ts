import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decideExtension, requestExtension } from "@/lib/leads/clock";
import { enqueue, LEAD_TEMPLATES } from "@/lib/leads/outbox";
import { listLeads } from "@/lib/leads/service";

import {
  getOverview,
  getOverviewCounts,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "./service";

// The home page's numbers per role, each equal to the length of the lead list its card links to,
// and the in-app inbox: a member reads and marks only their own rows. One organisation (and a
// stranger's) set up once for the file; the clock is the database's, leads are placed around it.

type Who = "admin" | "manager" | "auditor" | "paula" | "peter" | "stranger";
const ctx = {} as Record<Who, MemberContext>;
const system = (c: MemberContext) => ({ orgId: c.orgId, userId: null, roles: ["system"] });

/** A lead owned by `owner`, assigned `assigned` ago (an SQL interval), optionally with an open hold. */
async function lead(owner: MemberContext, assigned: string, holdOpen = false): Promise<string> {
  const id = randomUUID();
  const as = owner.orgId === ctx.manager.orgId ? ctx.manager : ctx.stranger;
  await withOrg(as, async (tx) => {
    await tx.lead.createMany({
      data: [{ id, orgId: owner.orgId, companyName: `Kantine ${id.slice(0, 6)}`, city: "Kiel" }],
    });
    const [{ at }] = await tx.$queryRaw<{ at: Date }[]>`SELECT now() - ${assigned}::interval AS at`;
    await tx.leadAssignment.create({
      data: { orgId: owner.orgId, leadId: id, ownerUserId: owner.userId, assignedAt: at },
    });
    if (holdOpen)
      await tx.leadHold.create({
        data: { orgId: owner.orgId, leadId: id, reason: "OTHER", startAt: new Date(Date.now() - 3_600_000) },
      });
  });
  return id;
}

let paulaRows: string[] = [];
let managerRow = "";

beforeAll(async () => {
  for (const [slug, people] of [
    [
      "overview",
      [
        ["admin", "admin"],
        ["manager", "manager"],
        ["auditor", "auditor"],
        ["paula", "sales"],
        ["peter", "sales"],
      ],
    ],
    ["overview-other", [["stranger", "manager"]]],
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
  // Paula: due in 3 days, in grace (ended 3 days ago), a hold open, a fresh one with a request
  // waiting, one whose request was approved today; Peter: due in 3 days, with an escalated request.
  await lead(ctx.paula, "6 months - 3 days");
  await lead(ctx.paula, "6 months 3 days");
  await lead(ctx.paula, "1 day", true);
  await lead(ctx.paula, "2 days");
  const waiting = await lead(ctx.paula, "5 days");
  await requestExtension(ctx.paula, waiting, { days: 14, reason: "Tasting next month" });
  const decided = await lead(ctx.paula, "6 days");
  const approved = await requestExtension(ctx.paula, decided, { days: 7, reason: "Budget round" });
  await decideExtension(ctx.manager, approved.id, { approve: true, comment: "Fine" });
  const peters = await lead(ctx.peter, "6 months - 3 days");
  const escalated = await requestExtension(ctx.peter, peters, { days: 30, reason: "Holidays" });
  await asSuperuser((c) =>
    c.query("UPDATE lead_extension_request SET escalated_at = now() WHERE id = $1", [escalated.id]),
  );
  // The stranger's organisation has a lead due this week too: it must never count here.
  await lead(ctx.stranger, "6 months - 2 days");

  // Reminders: one this week to two recipients through two channels (one reminder), one older.
  await withOrg(system(ctx.manager), async (tx) => {
    const message = (key: string) => ({
      template: LEAD_TEMPLATES.reminder60d,
      payload: {
        leadId: randomUUID(),
        companyName: "Kantine",
        city: "Kiel",
        dueAt: new Date().toISOString(),
      },
      dedupeKey: key,
    });
    await enqueue(
      tx,
      ctx.manager.orgId,
      [ctx.paula.userId, ctx.manager.userId],
      ["EMAIL", "INAPP"],
      message("r:1"),
    );
    await enqueue(tx, ctx.manager.orgId, [ctx.paula.userId], ["EMAIL"], message("r:old"));
    await enqueue(tx, ctx.manager.orgId, [ctx.paula.userId], ["INAPP"], {
      template: LEAD_TEMPLATES.expired,
      payload: {
        leadId: randomUUID(),
        companyName: "Mensa",
        city: "Kiel",
        releasedAt: new Date().toISOString(),
      },
      dedupeKey: "e:1",
    });
  });
  await asSuperuser((c) =>
    c.query(
      "UPDATE notification_outbox SET created_at = now() - interval '10 days' WHERE dedupe_key = 'r:old'",
    ),
  );
  const inbox = async (who: MemberContext) =>
    (await listNotifications(who, { limit: 30 })).items.map((n) => n.id);
  paulaRows = await inbox(ctx.paula);
  [managerRow] = await inbox(ctx.manager);
});

describe("overview numbers", () => {
  it("a partner counts their own leads only", async () => {
    const paula = await getOverview(ctx.paula);
    expect(paula.team).toBeNull();
    expect(paula.partner).toEqual({
      dueThisWeek: 2,
      inGrace: 1,
      holdOpen: 1,
      extensionsPending: 1,
      extensionsDecided: 1,
    });
    expect((await getOverview(ctx.peter)).partner).toEqual({
      dueThisWeek: 1,
      inGrace: 0,
      holdOpen: 0,
      extensionsPending: 1,
      extensionsDecided: 0,
    });
  });

  it("a manager sees the team's week, decisions waiting and reminders", async () => {
    const { partner, team } = await getOverview(ctx.manager);
    expect(partner).toBeNull();
    expect(team).toMatchObject({
      decisionsWaiting: 2,
      escalations: 1,
      expiringThisWeek: 3,
      inGrace: 1,
      holdOpen: 1,
      remindersSent: 1,
    });
    expect(team?.ai).toEqual({
      month: expect.stringMatching(/^\d{4}-\d{2}$/),
      spentEur: 0,
      capEur: expect.any(Number),
    });
    expect(await getOverview(ctx.admin)).toMatchObject({ team: { decisionsWaiting: 2, remindersSent: 1 } });
  });

  it("an auditor reads the team's numbers but not the outbox", async () => {
    const { team } = await getOverview(ctx.auditor);
    expect(team).toMatchObject({ decisionsWaiting: 2, expiringThisWeek: 3, remindersSent: null });
  });

  it("another organisation's manager counts none of these", async () => {
    const { team } = await getOverview(ctx.stranger);
    expect(team).toMatchObject({ decisionsWaiting: 0, expiringThisWeek: 1, holdOpen: 0, remindersSent: 0 });
  });

  it("each number is the length of the lead list its card links to", async () => {
    const length = async (who: MemberContext, query: Parameters<typeof listLeads>[1]) =>
      (await listLeads(who, query)).items.length;
    const list = { sort: "-createdAt", limit: 200 } as const;
    expect(await length(ctx.paula, { ...list, owner: "me", due: "7d" })).toBe(2);
    expect(await length(ctx.paula, { ...list, owner: "me", status: "GRACE" })).toBe(1);
    expect(await length(ctx.paula, { ...list, owner: "me", hold: "open" })).toBe(1);
    expect(await length(ctx.paula, { ...list, owner: "me", extension: "pending" })).toBe(1);
    expect(await length(ctx.paula, { ...list, owner: "me", extension: "decided" })).toBe(1);
    expect(await length(ctx.manager, { ...list, due: "7d" })).toBe(3);
    expect(await length(ctx.manager, { ...list, extension: "pending" })).toBe(2);
  });
});

describe("in-app inbox", () => {
  it("lists a member's own in-app rows, newest first, with the unread count", async () => {
    const page = await listNotifications(ctx.paula, { limit: 30 });
    expect(page.items.map((n) => n.template)).toEqual([LEAD_TEMPLATES.expired, LEAD_TEMPLATES.reminder60d]);
    expect(page.unread).toBe(2);
    expect(page.items[0]).toMatchObject({ readAt: null, payload: { companyName: "Mensa", city: "Kiel" } });
    expect((await getOverviewCounts(ctx.paula)).unreadNotifications).toBe(2);
    // A manager reads every outbox row (RLS), but their inbox is their own.
    expect((await listNotifications(ctx.manager, { limit: 30 })).items).toHaveLength(1);
  });

  it("the header counts decisions waiting for who decides them", async () => {
    expect(await getOverviewCounts(ctx.manager)).toEqual({ unreadNotifications: 1, decisionsWaiting: 2 });
    expect((await getOverviewCounts(ctx.paula)).decisionsWaiting).toBeNull();
    expect((await getOverviewCounts(ctx.auditor)).decisionsWaiting).toBeNull();
  });

  it("another member's row is not found, even for a manager who can read it", async () => {
    const notFound = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).kind).toBe("not_found");
    };
    await notFound(markNotificationRead(ctx.manager, paulaRows[0]));
    await notFound(markNotificationRead(ctx.paula, managerRow));
    await notFound(markNotificationRead(ctx.stranger, paulaRows[0]));
    expect((await listNotifications(ctx.paula, { limit: 30 })).unread).toBe(2);
  });

  it("the database refuses a member's update of another's row (RLS), whatever the app asks", async () => {
    const updated = await withOrg(
      ctx.manager,
      (tx) => tx.$executeRaw`UPDATE notification_outbox SET read_at = now() WHERE id = ${paulaRows[0]}::uuid`,
    );
    expect(updated).toBe(0);
  });

  it("marks one read, then all, and audits both", async () => {
    expect(await markNotificationRead(ctx.paula, paulaRows[0])).toEqual({ marked: 1 });
    expect(await markNotificationRead(ctx.paula, paulaRows[0])).toEqual({ marked: 0 });
    const after = await listNotifications(ctx.paula, { limit: 30 });
    expect(after.unread).toBe(1);
    expect(after.items[0].readAt).not.toBeNull();
    expect((await listNotifications(ctx.paula, { unread: true, limit: 30 })).items).toHaveLength(1);

    expect(await markAllNotificationsRead(ctx.paula)).toEqual({ marked: 1 });
    expect(await markAllNotificationsRead(ctx.paula)).toEqual({ marked: 0 });
    expect((await getOverviewCounts(ctx.paula)).unreadNotifications).toBe(0);
    // The manager's own row is untouched by Paula's "all".
    expect((await getOverviewCounts(ctx.manager)).unreadNotifications).toBe(1);

    const actions = await asSuperuser(
      async (c) =>
        (
          await c.query<{ action: string }>(
            "SELECT action FROM audit_event WHERE actor_id = $1 AND action LIKE 'notification.%' ORDER BY created_at",
            [ctx.paula.userId],
          )
        ).rows,
    );
    expect(actions.map((a) => a.action)).toEqual(["notification.read", "notification.read_all"]);
  });
});
