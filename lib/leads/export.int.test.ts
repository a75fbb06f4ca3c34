import { beforeAll, describe, expect, it } from "vitest";

import * as registeredAt from "@/app/api/v1/leads/[id]/registered-at/route";
import * as exportRoute from "@/app/api/v1/leads/export/route";
import * as leads from "@/app/api/v1/leads/route";
import { addMember, createOrganization } from "@/lib/auth/service";
import { createToken } from "@/lib/auth/tokens";
import { withOrg, type MemberContext } from "@/lib/db";

import { exportLeads } from "./export";
import { ZLeadPage, ZListLeads } from "./schemas";

// The lead list's order, pages by number, the registration moment it shows, and its CSV export:
// the real route handlers with Bearer tokens, the services, RLS and the audit trail on PostgreSQL.

type Handler = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const tokenIds: Record<string, string> = {};
let orgId = "";
const day = 86_400_000;

async function call(
  handler: Handler,
  as: string,
  init: { method?: string; params?: Json; body?: unknown; query?: string; headers?: Json } = {},
) {
  const response = await handler(
    new Request(`http://localhost/api/v1/leads${init.query ? `?${init.query}` : ""}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: {
        authorization: `Bearer ${tokens[as]}`,
        "content-type": "application/json",
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
  // Decoded with the BOM kept (Response.text() drops it), so the test sees the bytes as sent.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, text };
}
const json = async (...args: Parameters<typeof call>) => {
  const res = await call(...args);
  return { ...res, body: (res.text ? JSON.parse(res.text) : null) as Json };
};

/** CSV text → rows of cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== "" || row.length > 0)
    throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

const TRICKY = {
  comma: 'Kantine "Süd", Halle 2',
  formula: '=HYPERLINK("http://evil.example","klick")',
  plus: "+49 Bistro",
  at: "@Mensa",
};

beforeAll(async () => {
  orgId = (await createOrganization({ name: "Lead Export", slug: "lead-export" })).id;
  for (const [name, role] of [
    ["manager", "manager"],
    ["paula", "sales"],
    ["peter", "sales"],
  ] as const) {
    const { userId } = await addMember({
      email: `${name}@lead-export.test`,
      name: name === "paula" ? "Paula, die Partnerin" : name,
      orgSlug: "lead-export",
      role,
      locale: "de",
    });
    ids[name] = userId;
    const issued = await createToken({ orgId, userId, roles: [role] }, { name: "t", expiresInDays: 1 });
    tokens[name] = issued.token;
    tokenIds[name] = issued.summary.id;
  }
  const other = await createOrganization({ name: "Lead Export B", slug: "lead-export-b" });
  const { userId } = await addMember({
    email: "admin@lead-export-b.test",
    name: "B",
    orgSlug: "lead-export-b",
    role: "admin",
    locale: "de",
  });
  tokens.elsewhere = (
    await createToken({ orgId: other.id, userId, roles: ["admin"] }, { name: "t", expiresInDays: 1 })
  ).token;

  const register = async (as: string, companyName: string, city: string) => {
    const res = await json(leads.POST, as, { body: { companyName, city } });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  ids.comma = await register("paula", TRICKY.comma, "Aachen");
  ids.formula = await register("paula", TRICKY.formula, "Bremen");
  ids.plus = await register("paula", TRICKY.plus, "Celle");
  ids.at = await register("peter", TRICKY.at, "Dresden");
  ids.old = await register("peter", "Alte Kantine", "Erfurt");
  // Registered today, but under the contract forty days ago: the list shows the contract's moment.
  const backdated = await call(registeredAt.PUT, "manager", {
    method: "PUT",
    params: { id: ids.old },
    body: { registeredAt: new Date(Date.now() - 40 * day).toISOString(), reason: "Vertrag vom Vormonat" },
  });
  expect(backdated.status, backdated.text).toBe(204);
});

describe("the lead list's order and pages", () => {
  it("refuses a sort outside the allowlist with a 400 problem naming the field", async () => {
    for (const sort of ["owner", "created_at; DROP TABLE lead", "-status"]) {
      const res = await json(leads.GET, "manager", { query: new URLSearchParams({ sort }).toString() });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body.errors.map((e: Json) => e.path)).toEqual(["query.sort"]);
    }
  });

  it("shows and sorts by the registration moment after backdating, not the row's creation", async () => {
    const res = await json(leads.GET, "manager", { query: "sort=registeredAt&limit=10" });
    expect(res.status, res.text).toBe(200);
    expect(ZLeadPage.safeParse(res.body).error).toBeUndefined();
    const [first] = res.body.items;
    expect(first.id).toBe(ids.old);
    expect(Date.now() - Date.parse(first.registeredAt)).toBeGreaterThan(39 * day);
    expect(Date.now() - Date.parse(first.createdAt)).toBeLessThan(day);
    const times = res.body.items.map((l: Json) => Date.parse(l.registeredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // One owner's leads go through the owner's path: the same moment there.
    const own = await json(leads.GET, "peter", { query: "owner=me&sort=registeredAt" });
    expect(own.body.items.map((l: Json) => [l.id, l.registeredAt])).toEqual(
      res.body.items.filter((l: Json) => l.owner?.id === ids.peter).map((l: Json) => [l.id, l.registeredAt]),
    );
  });

  it("sorts by city both ways and pages by number as it pages by cursor", async () => {
    const byCity = await json(leads.GET, "manager", { query: "sort=city" });
    const cities = byCity.body.items.map((l: Json) => l.city);
    expect(cities).toEqual(["Aachen", "Bremen", "Celle", "Dresden", "Erfurt"]);
    const reversed = await json(leads.GET, "manager", { query: "sort=-city" });
    expect(reversed.body.items.map((l: Json) => l.city)).toEqual([...cities].reverse());

    const pages = await Promise.all(
      [1, 2, 3].map((page) => json(leads.GET, "manager", { query: `sort=city&limit=2&page=${page}` })),
    );
    expect(pages.map((p) => p.body.items.map((l: Json) => l.city))).toEqual([
      ["Aachen", "Bremen"],
      ["Celle", "Dresden"],
      ["Erfurt"],
    ]);
    expect(pages.map((p) => p.body.nextCursor !== null)).toEqual([true, true, false]);
    const byCursor = await json(leads.GET, "manager", {
      query: `sort=city&limit=2&cursor=${pages[0].body.nextCursor}`,
    });
    expect(byCursor.body.items).toEqual(pages[1].body.items);
    // A filter that needs the protection of every candidate pages the same way.
    const active = await json(leads.GET, "manager", { query: "status=ACTIVE&sort=city&limit=2&page=2" });
    expect(active.body.items.map((l: Json) => l.city)).toEqual(["Celle", "Dresden"]);

    const both = await json(leads.GET, "manager", {
      query: `sort=city&limit=2&page=2&cursor=${pages[0].body.nextCursor}`,
    });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: Json) => e.path)).toEqual(["page"]);
    expect((await json(leads.GET, "manager", { query: "page=0" })).status).toBe(400);
  });
});

describe("GET /leads/export", () => {
  it("answers a UTF-8 CSV with BOM, RFC 4180 quoting and formula-safe cells, headers in the reader's language", async () => {
    const res = await call(exportRoute.GET, "manager", { query: "sort=city" });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="leads-lead-export-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.text.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(res.text.slice(1));
    expect(rows[0]).toEqual([
      "Firma",
      "Ort",
      "Branche",
      "Inhaber",
      "Status",
      "Registriert am",
      "Geschützt bis",
      "Nachfrist bis",
      "Letzte qualifizierende Aktivität",
      "Bald fällig",
      "Pause offen",
      "Lead-ID",
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      TRICKY.comma,
      `'${TRICKY.formula}`,
      `'${TRICKY.plus}`,
      `'${TRICKY.at}`,
      "Alte Kantine",
    ]);
    // The raw text: the comma and quotes quoted and doubled, the owner's comma too.
    expect(res.text).toContain(`"Kantine ""Süd"", Halle 2",Aachen,,"Paula, die Partnerin",Aktiv,`);
    expect(rows[5][5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(rows.slice(1).map((r) => r[11])).toEqual([ids.comma, ids.formula, ids.plus, ids.at, ids.old]);

    const english = await call(exportRoute.GET, "manager", {
      query: "sort=city",
      headers: { cookie: "other=1; freshplan_locale=en" },
    });
    const [header, first] = parseCsv(english.text.slice(1));
    expect(header.slice(0, 6)).toEqual(["Company", "City", "Industry", "Owner", "Status", "Registered at"]);
    expect(first[4]).toBe("Active");
    const asked = await call(exportRoute.GET, "manager", {
      query: "lang=en",
      headers: { cookie: "freshplan_locale=de" },
    });
    expect(parseCsv(asked.text.slice(1))[0][0]).toBe("Company");
  });

  it("exports the list's filters and order, only what the caller may list, and is audited", async () => {
    const filtered = parseCsv(
      (await call(exportRoute.GET, "manager", { query: "q=kantine&sort=-city" })).text.slice(1),
    );
    expect(filtered.slice(1).map((r) => r[1])).toEqual(["Erfurt", "Aachen"]);

    const partner = parseCsv((await call(exportRoute.GET, "paula", { query: "sort=city" })).text.slice(1));
    expect(partner.slice(1).map((r) => r[11])).toEqual([ids.comma, ids.formula, ids.plus]);

    // Another organisation's member exports their own (empty) list: the header and nothing of ours.
    const stranger = await call(exportRoute.GET, "elsewhere");
    expect(stranger.status).toBe(200);
    expect(parseCsv(stranger.text.slice(1))).toHaveLength(1);
    expect(stranger.text).not.toContain("Kantine");

    const manager = { orgId, userId: ids.manager, roles: ["manager", "auditor"] } as const;
    const events = await withOrg({ ...manager, roles: [...manager.roles] }, (tx) =>
      tx.auditEvent.findMany({ where: { action: "lead.exported", actorId: tokenIds.paula } }),
    );
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ format: "csv", filter: { sort: "city" } });
  });

  it("refuses what the list refuses, and strangers", async () => {
    const bad = await json(exportRoute.GET, "manager", { query: "sort=owner&status=SLEEPING" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.body.errors.map((e: Json) => e.path).sort()).toEqual(["query.sort", "query.status"]);
    expect((await json(exportRoute.GET, "manager", { query: "limit=5" })).status).toBe(400);
    // A token nobody issued (the cookie session needs Next.js's request scope, which tests lack).
    tokens.forged = `fpa_${"x".repeat(43)}`;
    const anonymous = await json(exportRoute.GET, "forged");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
  });

  it("reads the list in keyset batches and stops at the cap", async () => {
    const ctx: MemberContext = { orgId, userId: ids.manager, roles: ["manager"] };
    const query = ZListLeads.omit({ cursor: true, page: true, limit: true }).parse({ sort: "city" });
    const read = async (options: { batch?: number; cap?: number }) => {
      let text = "";
      for await (const chunk of await exportLeads(ctx, query, "de", options)) text += chunk;
      return parseCsv(text.slice(1))
        .slice(1)
        .map((r) => r[1]);
    };
    expect(await read({ batch: 2 })).toEqual(["Aachen", "Bremen", "Celle", "Dresden", "Erfurt"]);
    expect(await read({ batch: 1 })).toEqual(["Aachen", "Bremen", "Celle", "Dresden", "Erfurt"]);
    expect(await read({ batch: 2, cap: 3 })).toEqual(["Aachen", "Bremen", "Celle"]);
  });
});
