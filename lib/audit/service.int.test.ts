import { beforeAll, describe, expect, it } from "vitest";

import { addMember, createOrganization } from "@/lib/auth/service";
import { withOrg, type MemberContext, type OrgContext } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { rejectionOf } from "@/test/errors";

import { AUDIT_CSV_HEADER, berlinTime, UTF8_BOM } from "./csv";
import { auditQueryString, parseAuditSearch, type TAuditFilter } from "./schemas";
import { exportAuditEvents, listAuditActors, listAuditEvents, recordAudit } from "./service";

// Reading the audit trail: who may, what the filters find, paging, and the CSV export.

interface Tenant {
  orgId: string;
  admin: MemberContext;
  auditor: MemberContext;
  manager: MemberContext;
  sales: MemberContext;
}

async function tenant(slug: string): Promise<Tenant> {
  const org = await createOrganization({ name: `Org ${slug}`, slug });
  const member = async (role: "admin" | "auditor" | "manager" | "sales"): Promise<MemberContext> => {
    const { userId } = await addMember({
      email: `${role}@${slug}.example`,
      name: `${role[0].toUpperCase()}${role.slice(1)} ${slug}`,
      orgSlug: slug,
      role,
      locale: "en",
    });
    return { orgId: org.id, userId, roles: [role] };
  };
  return {
    orgId: org.id,
    admin: await member("admin"),
    auditor: await member("auditor"),
    manager: await member("manager"),
    sales: await member("sales"),
  };
}

async function record(ctx: OrgContext, action: string, resourceId: string, extra = {}) {
  await withOrg(ctx, (tx) => recordAudit(tx, ctx, { action, resourceType: "widget", resourceId, ...extra }));
}

/** The filter of a query string, as the page parses it. */
function filter(query: Record<string, string>): TAuditFilter {
  const parsed = parseAuditSearch(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filter;
}

async function actions(ctx: MemberContext, f: TAuditFilter): Promise<string[]> {
  return (await listAuditEvents(ctx, f)).events.map((e) => `${e.action} ${e.resourceId}`);
}

async function readAll(chunks: AsyncGenerator<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await tenant("read-a");
  b = await tenant("read-b");
  await record(a.admin, "widget.created", "w-1", { after: { colour: "green" } });
  await record(a.sales, "widget.updated", "w-1", { before: { colour: "green" }, after: { colour: "red" } });
  await record(
    { ...a.sales, actor: { type: "token", id: "7d2c5a8e-1b3f-4c6d-9e0a-1b2c3d4e5f60" } },
    "widget.updated",
    "w-2",
  );
  await record({ orgId: a.orgId, userId: null, roles: [] }, "widget.archived", "w-2");
  await record(b.admin, "widget.created", "w-b");
});

describe("who may read", () => {
  it("lets admins and auditors read and export", async () => {
    for (const ctx of [a.admin, a.auditor]) {
      expect((await listAuditEvents(ctx, {})).events.length).toBeGreaterThan(0);
      expect((await listAuditActors(ctx)).size).toBe(4);
      await readAll((await exportAuditEvents(ctx, { action: "widget." })).chunks);
    }
  });

  it("refuses managers and sales partners (403)", async () => {
    for (const ctx of [a.manager, a.sales]) {
      for (const attempt of [listAuditEvents(ctx, {}), listAuditActors(ctx), exportAuditEvents(ctx, {})]) {
        const error = await rejectionOf(attempt);
        expect(isAppError(error) && error.status).toBe(403);
      }
    }
  });

  it("shows an organisation's readers only their own organisation's events", async () => {
    const seenByB = await listAuditEvents(b.auditor, { action: "widget." });
    expect(seenByB.events.map((e) => e.resourceId)).toEqual(["w-b"]);
    const csv = await readAll((await exportAuditEvents(b.auditor, {})).chunks);
    expect(csv).not.toContain("w-1");
  });
});

describe("filters", () => {
  it("lists newest first", async () => {
    expect(await actions(a.auditor, filter({ action: "widget" }))).toEqual([
      "widget.archived w-2",
      "widget.updated w-2",
      "widget.updated w-1",
      "widget.created w-1",
    ]);
  });

  it("filter by action prefix, resource type and id", async () => {
    expect(await actions(a.auditor, filter({ action: "widget.upd" }))).toEqual([
      "widget.updated w-2",
      "widget.updated w-1",
    ]);
    expect(await actions(a.auditor, filter({ resourceType: "widget", resourceId: "w-2" }))).toEqual([
      "widget.archived w-2",
      "widget.updated w-2",
    ]);
    expect(await actions(a.auditor, filter({ resourceType: "gadget" }))).toEqual([]);
    // A prefix is a prefix, not a pattern: _ and % mean themselves.
    expect(await actions(a.auditor, filter({ action: "widget_" }))).toEqual([]);
  });

  it("filter by actor: a member, a token or the system", async () => {
    expect(await actions(a.auditor, filter({ actor: `user:${a.sales.userId}`, action: "widget" }))).toEqual([
      "widget.updated w-1",
    ]);
    expect(
      await actions(
        a.auditor,
        filter({ actor: "token:7d2c5a8e-1b3f-4c6d-9e0a-1b2c3d4e5f60", action: "widget" }),
      ),
    ).toEqual(["widget.updated w-2"]);
    expect(await actions(a.auditor, filter({ actor: "system", action: "widget" }))).toEqual([
      "widget.archived w-2",
    ]);
  });

  it("filter by time in Europe/Berlin, both ends inclusive to the minute", async () => {
    const [newest] = (await listAuditEvents(a.auditor, filter({ action: "widget.archived" }))).events;
    const minute = berlinTime(newest.createdAt).slice(0, 16).replace(" ", "T");
    const previous = berlinTime(new Date(newest.createdAt.getTime() - 60_000))
      .slice(0, 16)
      .replace(" ", "T");
    const next = berlinTime(new Date(newest.createdAt.getTime() + 60_000))
      .slice(0, 16)
      .replace(" ", "T");
    const found = (q: Record<string, string>) =>
      actions(a.auditor, filter({ action: "widget.archived", ...q }));
    expect(await found({ from: minute, to: minute })).toEqual(["widget.archived w-2"]);
    expect(await found({ from: minute.slice(0, 10), to: next.slice(0, 10) })).toEqual([
      "widget.archived w-2",
    ]);
    expect(await found({ to: previous })).toEqual([]);
    expect(await found({ from: next })).toEqual([]);
  });
});

describe("paging", () => {
  it("pages through 120 events 50 at a time, by id, both ways", async () => {
    const ctx = { orgId: a.orgId, userId: null, roles: [] };
    await withOrg(ctx, async (tx) => {
      for (let i = 1; i <= 120; i++) {
        await recordAudit(tx, ctx, {
          action: "bulk.item.created",
          resourceType: "item",
          resourceId: String(i),
        });
      }
    });
    const f = filter({ action: "bulk." });
    const ids = (page: { events: { resourceId: string | null }[] }) =>
      page.events.map((e) => Number(e.resourceId));
    const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);

    const first = await listAuditEvents(a.auditor, f);
    expect(ids(first)).toEqual(range(120, 71));
    expect(first.newer).toBeNull();
    expect(first.older).toBe(first.events.at(-1)?.id);

    const second = await listAuditEvents(a.auditor, f, { before: first.older! });
    expect(ids(second)).toEqual(range(70, 21));
    const third = await listAuditEvents(a.auditor, f, { before: second.older! });
    expect(ids(third)).toEqual(range(20, 1));
    expect(third.older).toBeNull();

    const back = await listAuditEvents(a.auditor, f, { after: third.newer! });
    expect(ids(back)).toEqual(range(70, 21));
    expect(back.newer).not.toBeNull();
    // Close to the newest end, "newer" shows the full newest page rather than a short one.
    const top = await listAuditEvents(a.auditor, f, { after: first.events[10].id });
    expect(ids(top)).toEqual(range(120, 71));
    expect(top.newer).toBeNull();
  });

  it("finds nothing, with no cursors, when nothing matches", async () => {
    expect(await listAuditEvents(a.auditor, filter({ action: "nothing." }))).toEqual({
      events: [],
      newer: null,
      older: null,
      resourceNames: new Map(),
    });
  });
});

describe("CSV export", () => {
  it("writes a BOM, the header and one row per event, newest first, formula-safe", async () => {
    await record(a.admin, "widget.created", '=HYPERLINK("http://evil.example")', {
      after: { note: 'a, "b"' },
    });
    const result = await exportAuditEvents(a.auditor, filter({ action: "widget.created" }));
    expect(result).toMatchObject({ rows: 2, truncated: false });
    const csv = await readAll(result.chunks);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(","));
    expect(lines).toHaveLength(4); // header, two rows, and the empty string after the last CRLF
    expect(lines[3]).toBe("");
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"")",`);
    expect(lines[1]).toContain(`"{""note"":""a, \\""b\\""""}"`);
    expect(lines[1]).toContain(",Admin read-a,");
    expect(lines[2]).toContain(",w-1,");
  });

  it("keeps the newest rows up to the cap, and says it cut", async () => {
    const result = await exportAuditEvents(a.auditor, filter({ action: "bulk." }), 30);
    expect(result).toMatchObject({ rows: 30, truncated: true });
    const rows = (await readAll(result.chunks)).split("\r\n").slice(1, -1);
    expect(rows).toHaveLength(30);
    expect(rows[0].split(",")[8]).toBe("120");
    expect(rows[29].split(",")[8]).toBe("91");
  });

  it("records who exported what, and leaves later events out", async () => {
    const result = await exportAuditEvents(
      { ...a.admin, requestId: "req-export-1" },
      filter({ action: "widget." }),
    );
    await record(a.admin, "widget.created", "w-late");
    const csv = await readAll(result.chunks);
    expect(csv).not.toContain("w-late");
    const [event] = (await listAuditEvents(a.auditor, filter({ action: "audit.exported" }))).events;
    expect(event).toMatchObject({
      actorType: "user",
      actorId: a.admin.userId,
      resourceType: "audit",
      requestId: "req-export-1",
      after: { filter: { action: "widget." }, rows: result.rows, truncated: false },
    });
  });

  it("exports an empty trail as the header alone", async () => {
    const csv = await readAll((await exportAuditEvents(a.auditor, filter({ action: "nothing." }))).chunks);
    expect(csv).toBe(`${UTF8_BOM}${AUDIT_CSV_HEADER.join(",")}\r\n`);
  });

  it("takes the same filters as the page's query string", () => {
    const f = filter({ actor: "system", action: "widget.", from: "2026-01-01" });
    expect(auditQueryString(f)).toBe("?actor=system&action=widget.&from=2026-01-01T00%3A00");
  });
});
