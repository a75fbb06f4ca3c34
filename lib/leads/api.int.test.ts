import { beforeAll, describe, expect, it } from "vitest";

import * as decision from "@/app/api/v1/extension-requests/[id]/decision/route";
import * as lead from "@/app/api/v1/leads/[id]/route";
import * as activities from "@/app/api/v1/leads/[id]/activities/route";
import * as assignment from "@/app/api/v1/leads/[id]/assignment/route";
import * as collaborator from "@/app/api/v1/leads/[id]/collaborators/[userId]/route";
import * as collaborators from "@/app/api/v1/leads/[id]/collaborators/route";
import * as extensions from "@/app/api/v1/leads/[id]/extensions/route";
import * as hold from "@/app/api/v1/leads/[id]/holds/[holdId]/route";
import * as holds from "@/app/api/v1/leads/[id]/holds/route";
import * as protection from "@/app/api/v1/leads/[id]/protection/route";
import * as registeredAt from "@/app/api/v1/leads/[id]/registered-at/route";
import * as timeline from "@/app/api/v1/leads/[id]/timeline/route";
import * as leads from "@/app/api/v1/leads/route";
import * as queue from "@/app/api/v1/lead-queue/route";
import { addMember, createOrganization } from "@/lib/auth/service";
import { createToken } from "@/lib/auth/tokens";
import { withOrg } from "@/lib/db";
import { ZLead, ZLeadTimeline, ZManagerQueue } from "@/lib/leads/schemas";

// The lead-protection REST API end to end: the real route handlers, Bearer tokens, the services,
// RLS and the audit trail on a real PostgreSQL.

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
let orgId = "";

beforeAll(async () => {
  orgId = (await createOrganization({ name: "Lead API", slug: "lead-api" })).id;
  for (const [name, role] of [
    ["manager", "manager"],
    ["paula", "sales"],
    ["peter", "sales"],
    ["vera", "sales"],
    ["audrey", "auditor"],
  ] as const) {
    const { userId } = await addMember({
      email: `${name}@lead-api.test`,
      name,
      orgSlug: "lead-api",
      role,
      locale: "de",
    });
    ids[name] = userId;
    tokens[name] = (
      await createToken({ orgId, userId, roles: [role] }, { name: "t", expiresInDays: 1 })
    ).token;
  }
});

async function call(
  handler: Handler,
  as: string,
  init: { method?: string; path?: string; params?: Json; body?: unknown; query?: string } = {},
) {
  const url = `http://localhost/api/v1${init.path ?? "/x"}${init.query ? `?${init.query}` : ""}`;
  const response = await handler(
    new Request(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { authorization: `Bearer ${tokens[as]}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (text ? JSON.parse(text) : null) as Json,
  };
}

let n = 0;
async function register(as = "paula", extra: Json = {}) {
  const res = await call(leads.POST, as, {
    body: { companyName: `Kantine ${++n} Nord`, city: `Stadt${n}`, ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const day = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * day).toISOString();

describe("registering leads", () => {
  it("registers a stage-0 lead for the partner, protected from now", async () => {
    const created = await register("paula", { industry: "Kantine" });
    // The answer is exactly what the OpenAPI document promises: every field declared, none more.
    expect(Object.keys(created).sort()).toEqual(Object.keys(ZLead.shape).sort());
    expect(ZLead.safeParse(created).success).toBe(true);
    expect(created).toMatchObject({
      stage: 0,
      contact: null,
      protection: { status: "ACTIVE", ownerUserId: ids.paula, dueSoon: false },
    });
    expect(Date.now() - Date.parse(created.protection.assignedAt)).toBeLessThan(60_000);
  });

  it("refuses an exact duplicate with 409: naming the lead to a manager, only its protection to another partner", async () => {
    const first = await call(leads.POST, "paula", {
      body: {
        companyName: "Müller GmbH & Co. KG",
        city: "Köln",
        contact: { email: "Einkauf@Mueller.example" },
      },
    });
    expect(first.status).toBe(201);
    expect(first.body.stage).toBe(1);
    const sameName = await call(leads.POST, "peter", { body: { companyName: "müller", city: "KÖLN" } });
    expect(sameName.status).toBe(409);
    expect(sameName.body).toMatchObject({
      code: "leads.errors.protected",
      detail: `This company is protected already, since ${first.body.protection.assignedAt}.`,
      errors: [{ path: "companyName", message: "protected already" }],
    });
    const sameEmail = await call(leads.POST, "peter", {
      body: { companyName: "Ganz anders", city: "Bonn", contact: { email: "einkauf@mueller.example" } },
    });
    expect(sameEmail.status).toBe(409);
    for (const refusal of [sameName, sameEmail]) {
      expect(JSON.stringify(refusal.body)).not.toContain(first.body.id);
      expect(JSON.stringify(refusal.body)).not.toContain(ids.paula);
      expect(JSON.stringify(refusal.body)).not.toContain("Müller GmbH");
    }
    const byManager = await call(leads.POST, "manager", { body: { companyName: "müller", city: "KÖLN" } });
    expect(byManager.status).toBe(409);
    expect(byManager.body.detail).toContain(first.body.id);
  });

  it("answers a close match with 202 and candidates; confirmed, it registers", async () => {
    const original = await call(leads.POST, "paula", {
      body: { companyName: "Bäckerei Schmidt", city: "Kiel" },
    });
    expect(original.status).toBe(201);
    const close = await call(leads.POST, "peter", {
      body: { companyName: "Baeckerei Schmitt", city: "Kiel" },
    });
    expect(close.status).toBe(202);
    // Another partner's lead: no id, but since when it is protected.
    expect(close.body.candidates).toEqual([
      {
        leadId: null,
        companyName: "Bäckerei Schmidt",
        city: "Kiel",
        match: "SIMILAR",
        similarity: expect.any(Number),
        protectedSince: original.body.protection.assignedAt,
      },
    ]);
    const confirmed = await call(leads.POST, "peter", {
      body: { companyName: "Baeckerei Schmitt", city: "Kiel", confirmSimilar: true },
    });
    expect(confirmed.status).toBe(201);
  });

  it("honours registeredAt for managers only, never in the future", async () => {
    expect(
      (
        await call(leads.POST, "paula", {
          body: { companyName: "Früh", city: "Ulm", registeredAt: daysAgo(10) },
        })
      ).status,
    ).toBe(403);
    const future = await call(leads.POST, "manager", {
      body: {
        companyName: "Zukunft",
        city: "Ulm",
        registeredAt: new Date(Date.now() + 3_600_000).toISOString(),
        ownerUserId: ids.paula,
      },
    });
    expect(future.status).toBe(400);
    const backdated = await call(leads.POST, "manager", {
      body: { companyName: "Früh", city: "Ulm", registeredAt: daysAgo(10), ownerUserId: ids.paula },
    });
    expect(backdated.status).toBe(201);
    expect(backdated.body.protection.ownerUserId).toBe(ids.paula);
    expect(Math.abs(Date.parse(backdated.body.protection.assignedAt) - (Date.now() - 10 * day))).toBeLessThan(
      60_000,
    );
  });

  it("refuses unknown fields and invalid values with field errors", async () => {
    const res = await call(leads.POST, "paula", { body: { companyName: "", city: "Ulm", owner: "x" } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: Json) => e.path)).toEqual(
      expect.arrayContaining(["body.companyName", "body"]),
    );
  });
});

describe("the clock", () => {
  it("moves the deadline when the partner logs a qualifying activity, not for a note", async () => {
    const created = await register("manager", { ownerUserId: ids.paula, registeredAt: daysAgo(30) });
    const before = created.protection.progressUntil;
    const note = await call(activities.POST, "paula", {
      params: { id: created.id },
      body: { kind: "NOTE", note: "called, nobody there" },
    });
    expect(note.status).toBe(201);
    expect(note.body.protection.progressUntil).toBe(before);
    const call1 = await call(activities.POST, "paula", {
      params: { id: created.id },
      body: { kind: "QUALIFIED_CALL" },
    });
    expect(call1.status).toBe(201);
    expect(Date.parse(call1.body.protection.progressUntil) - Date.parse(before)).toBeGreaterThan(29 * day);
    const read = await call(protection.GET, "paula", { params: { id: created.id } });
    expect(read.body.progressUntil).toBe(call1.body.protection.progressUntil);
  });

  it("refuses activities in the future, before the assignment, and on another partner's lead (404)", async () => {
    const created = await register("paula");
    const future = await call(activities.POST, "paula", {
      params: { id: created.id },
      body: { kind: "QUALIFIED_CALL", at: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(future.status).toBe(400);
    const early = await call(activities.POST, "paula", {
      params: { id: created.id },
      body: { kind: "QUALIFIED_CALL", at: daysAgo(1) },
    });
    expect(early.status).toBe(400);
    const foreign = await call(activities.POST, "peter", {
      params: { id: created.id },
      body: { kind: "QUALIFIED_CALL" },
    });
    expect(foreign.status).toBe(404);
    expect((await call(lead.GET, "peter", { params: { id: created.id } })).status).toBe(404);
  });

  it("holds: a past start only for managers; an open hold is ended once; none on an expired lead", async () => {
    const created = await register("paula");
    const past = await call(holds.POST, "paula", {
      params: { id: created.id },
      body: { reason: "FFZ_SAMPLE_DELAY", startAt: daysAgo(2) },
    });
    expect(past.status).toBe(403);
    const open = await call(holds.POST, "paula", {
      params: { id: created.id },
      body: { reason: "FFZ_SAMPLE_DELAY" },
    });
    expect(open.status).toBe(201);
    expect(open.body.protection.holdOpen).toBe(true);
    const params = { id: created.id, holdId: open.body.id };
    expect((await call(hold.DELETE, "paula", { method: "DELETE", params })).status).toBe(204);
    expect((await call(hold.DELETE, "paula", { method: "DELETE", params })).status).toBe(409);

    const expired = await register("manager", { ownerUserId: ids.paula, registeredAt: daysAgo(400) });
    expect(expired.protection.status).toBe("EXPIRED");
    const onExpired = await call(holds.POST, "manager", {
      params: { id: expired.id },
      body: { reason: "OTHER" },
    });
    expect(onExpired.status).toBe(409);
  });

  it("backdating is for managers, audited with its reason", async () => {
    const created = await register("paula");
    const body = {
      registeredAt: daysAgo(20),
      reason: "First contact at the trade fair",
      evidenceUrl: "https://crm.example/visit/1",
    };
    expect(
      (await call(registeredAt.PUT, "paula", { method: "PUT", params: { id: created.id }, body })).status,
    ).toBe(403);
    expect(
      (await call(registeredAt.PUT, "manager", { method: "PUT", params: { id: created.id }, body })).status,
    ).toBe(204);
    const read = await call(protection.GET, "paula", { params: { id: created.id } });
    expect(read.body.assignedAt.slice(0, 16)).toBe(body.registeredAt.slice(0, 16));
    const event = await withOrg({ orgId, userId: ids.manager, roles: ["manager", "auditor"] }, (tx) =>
      tx.auditEvent.findFirst({ where: { action: "lead.registered_at.backdated", resourceId: created.id } }),
    );
    expect(event?.after).toMatchObject({ reason: body.reason, evidenceUrl: body.evidenceUrl });
  });
});

describe("extensions", () => {
  it("requested by the owner, one at a time, decided by a manager: approval adds the days", async () => {
    const created = await register("paula");
    const asked = await call(extensions.POST, "paula", {
      params: { id: created.id },
      body: { days: 30, reason: "Tender runs until March" },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe("PENDING");
    expect(
      (
        await call(extensions.POST, "paula", {
          params: { id: created.id },
          body: { days: 5, reason: "again" },
        })
      ).status,
    ).toBe(409);

    const params = { id: asked.body.id };
    expect(
      (await call(decision.POST, "paula", { params, body: { approve: true, comment: "self" } })).status,
    ).toBe(403);
    const approved = await call(decision.POST, "manager", {
      params,
      body: { approve: true, comment: "Agreed" },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("APPROVED");
    expect(Date.parse(approved.body.protection.baseUntil) - Date.parse(created.protection.baseUntil)).toBe(
      30 * day,
    );
    expect(
      (await call(decision.POST, "manager", { params, body: { approve: false, comment: "late" } })).status,
    ).toBe(409);
  });
});

describe("collaborators", () => {
  it("share at most 100 % together; a VIEW collaborator reads but cannot log", async () => {
    const created = await register("paula");
    const params = { id: created.id };
    expect(
      (await call(collaborators.POST, "paula", { params, body: { userId: ids.paula, role: "VIEW" } })).status,
    ).toBe(422);
    const added = await call(collaborators.POST, "paula", {
      params,
      body: { userId: ids.vera, role: "VIEW", sharePercent: 60 },
    });
    expect(added.status).toBe(201);
    expect(added.body.items).toEqual([
      expect.objectContaining({ userId: ids.vera, role: "VIEW", sharePercent: 60 }),
    ]);
    const over = await call(collaborators.POST, "paula", {
      params,
      body: { userId: ids.peter, role: "ASSIST", sharePercent: 50 },
    });
    expect(over.status).toBe(422);
    expect((await call(lead.GET, "vera", { params })).status).toBe(200);
    expect((await call(activities.POST, "vera", { params, body: { kind: "QUALIFIED_CALL" } })).status).toBe(
      403,
    );
    expect(
      (
        await call(collaborator.DELETE, "paula", {
          method: "DELETE",
          params: { ...params, userId: ids.vera },
        })
      ).status,
    ).toBe(204);
    expect((await call(lead.GET, "vera", { params })).status).toBe(404);
  });
});

describe("collaborators are sales partners", () => {
  it("an auditor or a manager is refused with 422 problem+json on userId; a partner is added", async () => {
    const params = { id: (await register("paula")).id };
    for (const member of ["audrey", "manager"]) {
      const refused = await call(collaborators.POST, "paula", {
        params,
        body: { userId: ids[member], role: "ASSIST", sharePercent: 20 },
      });
      expect({ member, status: refused.status, type: refused.type }).toEqual({
        member,
        status: 422,
        type: "application/problem+json",
      });
      expect(refused.body).toMatchObject({
        code: "leads.errors.collaboratorNotPartner",
        errors: [{ path: "userId", message: "not a sales partner", code: "leads.fieldErrors.notPartner" }],
      });
    }
    const added = await call(collaborators.POST, "paula", {
      params,
      body: { userId: ids.vera, role: "ASSIST", sharePercent: 20 },
    });
    expect(added.status).toBe(201);
    expect(added.body.items.map((c: Json) => c.userId)).toEqual([ids.vera]);
  });
});

describe("reassignment and lists", () => {
  it("a manager reassigns; the former owner loses the lead at once, and their open request closes", async () => {
    const created = await register("paula");
    const params = { id: created.id };
    const asked = await call(extensions.POST, "paula", {
      params,
      body: { days: 10, reason: "Messe im Mai" },
    });
    expect(asked.status).toBe(201);
    expect((await call(assignment.POST, "paula", { params, body: { ownerUserId: ids.peter } })).status).toBe(
      403,
    );
    const moved = await call(assignment.POST, "manager", { params, body: { ownerUserId: ids.peter } });
    expect(moved.status).toBe(200);
    expect(moved.body.protection.ownerUserId).toBe(ids.peter);
    expect((await call(lead.GET, "paula", { params })).status).toBe(404);
    expect((await call(lead.GET, "peter", { params })).status).toBe(200);
    const late = await call(decision.POST, "manager", {
      params: { id: asked.body.id },
      body: { approve: true, comment: "zu spät" },
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/closed/);
  });

  it("lists only what the caller may see, filters by status and owner, and pages with a cursor", async () => {
    await register("manager", { ownerUserId: ids.peter });
    const mine = await call(leads.GET, "peter", { query: "owner=me&limit=2" });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.items.length).toBe(2);
    expect(mine.body.items.every((l: Json) => l.owner.id === ids.peter)).toBe(true);
    const next = await call(leads.GET, "peter", { query: `owner=me&limit=2&cursor=${mine.body.nextCursor}` });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    expect(next.body.items.length).toBeGreaterThan(0);
    const seen = [...mine.body.items, ...next.body.items].map((l: Json) => l.id);
    expect(new Set(seen).size).toBe(seen.length);

    const all = await call(leads.GET, "manager", { query: "limit=200" });
    const partner = await call(leads.GET, "paula", { query: "limit=200" });
    expect(all.body.items.length).toBeGreaterThan(partner.body.items.length);
    expect(partner.body.items.every((l: Json) => l.owner?.id === ids.paula)).toBe(true);
    const expired = await call(leads.GET, "audrey", { query: "status=EXPIRED" });
    expect(expired.body.items.length).toBeGreaterThan(0);
    expect(expired.body.items.every((l: Json) => l.status === "EXPIRED")).toBe(true);
    expect((await call(leads.GET, "paula", { query: "cursor=garbage" })).status).toBe(400);
  });

  it("sorts on the server by company, registration or end of protection, paging each order by its own cursor", async () => {
    for (const name of ["Zeughaus Mensa", "Alte Backstube", "Mühle am Bach"]) {
      await call(leads.POST, "manager", {
        body: { companyName: name, city: "Sortstadt", registeredAt: daysAgo(100 + name.length) },
      });
    }
    /** Every page of one order, following the cursors. */
    const walk = async (sort: string, as = "manager", extra = "") => {
      const items: Json[] = [];
      let cursor = "";
      do {
        const res = await call(leads.GET, as, { query: `sort=${sort}&limit=3${extra}${cursor}` });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        items.push(...res.body.items);
        cursor = res.body.nextCursor ? `&cursor=${res.body.nextCursor}` : "";
      } while (cursor);
      return items;
    };
    const byName = await walk("companyName");
    const names = byName.map((l) => l.companyName as string);
    expect(new Set(byName.map((l) => l.id)).size).toBe(byName.length);
    expect(names.indexOf("Alte Backstube")).toBeLessThan(names.indexOf("Mühle am Bach"));
    expect(names.indexOf("Mühle am Bach")).toBeLessThan(names.indexOf("Zeughaus Mensa"));
    expect((await walk("-companyName")).map((l) => l.id)).toEqual(byName.map((l) => l.id).reverse());

    const newest = await walk("-createdAt");
    const created = newest.map((l) => Date.parse(l.createdAt as string));
    expect(created).toEqual([...created].sort((a, b) => b - a));

    // Protection ends at grace_until (no future holds here); leads without an owner come last.
    const ending = await walk("protectedUntil");
    const ends = ending.map((l) => (l.graceUntil ? Date.parse(l.graceUntil as string) : Infinity));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));
    expect(ending.length).toBe(byName.length);

    // One owner's leads take the owner's indexes: the same orders, page by page.
    for (const sort of ["-createdAt", "createdAt", "protectedUntil", "-protectedUntil"]) {
      const own = await walk(sort, "paula", "&owner=me");
      // Her expired leads are not hers to see any more (RLS), though they still name her.
      const all = (await walk(sort)).filter((l) => l.owner?.id === ids.paula && l.status !== "EXPIRED");
      expect({ sort, ids: own.map((l) => l.id) }).toEqual({ sort, ids: all.map((l) => l.id) });
    }

    // A cursor belongs to its order.
    const first = await call(leads.GET, "manager", { query: "sort=companyName&limit=1" });
    const mixed = await call(leads.GET, "manager", {
      query: `sort=-createdAt&limit=1&cursor=${first.body.nextCursor}`,
    });
    expect(mixed.status).toBe(400);
    expect((await call(leads.GET, "manager", { query: "sort=owner" })).status).toBe(400);
  });

  it("auditors read everything and change nothing", async () => {
    const created = await register("paula");
    expect((await call(lead.GET, "audrey", { params: { id: created.id } })).status).toBe(200);
    expect(
      (await call(activities.POST, "audrey", { params: { id: created.id }, body: { kind: "NOTE" } })).status,
    ).toBe(403);
    expect(
      (await call(leads.POST, "audrey", { body: { companyName: "Audit", city: "Berlin" } })).status,
    ).toBe(403);
  });
});

describe("the lead pages' reads", () => {
  it("GET /leads/{id}/timeline: the history, the members and what the caller may do; 404 for whoever may not see it", async () => {
    const created = await register("paula");
    const params = { id: created.id };
    await call(activities.POST, "paula", { params, body: { kind: "QUALIFIED_CALL", note: "Küchenchef" } });

    const own = await call(timeline.GET, "paula", { params });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // The answer is what the OpenAPI document promises (the page's types are the same schema's).
    expect(ZLeadTimeline.safeParse(own.body).error).toBeUndefined();
    expect(own.body.activities.map((a: Json) => [a.kind, a.createdBy])).toEqual([
      ["QUALIFIED_CALL", ids.paula],
    ]);
    expect(own.body.assignments.map((a: Json) => a.ownerUserId)).toEqual([ids.paula]);
    expect(own.body.members.map((m: Json) => m.id)).toContain(ids.peter);
    expect(own.body.can).toEqual({ write: true, logActivity: true, manage: false, erase: false });
    expect((await call(timeline.GET, "manager", { params })).body.can.manage).toBe(true);

    expect((await call(timeline.GET, "peter", { params })).status).toBe(404);
    const other = await createOrganization({ name: "Lead API elsewhere", slug: "lead-api-b" });
    const { userId } = await addMember({
      email: "admin@lead-api-b.test",
      name: "B",
      orgSlug: "lead-api-b",
      role: "admin",
      locale: "de",
    });
    tokens.elsewhere = (
      await createToken({ orgId: other.id, userId, roles: ["admin"] }, { name: "t", expiresInDays: 1 })
    ).token;
    const stranger = await call(timeline.GET, "elsewhere", { params });
    expect(stranger.status).toBe(404);
    expect(stranger.type).toBe("application/problem+json");
    const malformed = await call(timeline.GET, "paula", { params: { id: "not-a-uuid" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: Json) => e.path)).toEqual(["params.id"]);
  });

  it("GET /lead-queue: managers see requests waiting and leads in grace; partners are refused", async () => {
    const created = await register("paula");
    const asked = await call(extensions.POST, "paula", {
      params: { id: created.id },
      body: { days: 5, reason: "Verkostung verschoben" },
    });
    const seen = await call(queue.GET, "manager");
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(ZManagerQueue.safeParse(seen.body).error).toBeUndefined();
    expect(seen.body.pending.map((p: Json) => p.id)).toContain(asked.body.id);
    expect((await call(queue.GET, "paula")).status).toBe(403);
    expect((await call(queue.GET, "elsewhere")).body.pending).toEqual([]);
  });
});
