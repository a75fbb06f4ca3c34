import { beforeAll, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/(admin)/[org]/audit/export/route";
import { loadAccount } from "@/lib/auth/account";
import { addMember, createOrganization } from "@/lib/auth/service";
import { currentAccount } from "@/lib/auth/session";
import { PROBLEM_BASE } from "@/lib/http/problem";
import { asSuperuser } from "@/test/pg";
import type * as SessionModule from "@/lib/auth/session";

import { AUDIT_CSV_HEADER, berlinTime, UTF8_BOM } from "./csv";

// The CSV download as Next.js calls it. Only the cookie session is stood in for (next-auth needs a
// request scope): the account behind it is loaded from the database like on every real request.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));

const users: Record<string, string> = {};

async function signedInAs(who: string | null) {
  vi.mocked(currentAccount).mockResolvedValue(who ? await loadAccount(users[who]) : null);
}

function get(slug: string, query = "", headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost/${slug}/audit/export${query}`, { headers }), {
    params: Promise.resolve({ org: slug }),
  });
}

beforeAll(async () => {
  await createOrganization({ name: "Export GmbH", slug: "export-a" });
  await createOrganization({ name: "Elsewhere", slug: "export-b" });
  for (const [key, slug, role] of [
    ["auditor", "export-a", "auditor"],
    ["sales", "export-a", "sales"],
    ["outsider", "export-b", "admin"],
  ] as const) {
    users[key] = (
      await addMember({ email: `${key}@export.example`, name: key, orgSlug: slug, role, locale: "de" })
    ).userId;
  }
});

describe("GET /[org]/audit/export", () => {
  it("401 when not signed in", async () => {
    await signedInAs(null);
    const response = await get("export-a");
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("404 for an organisation the caller is not a member of, as for one that does not exist", async () => {
    await signedInAs("outsider");
    for (const slug of ["export-a", "no-such-org"]) {
      const response = await get(slug);
      expect(response.status).toBe(404);
      // The same problem type as every /api/v1 route answers (lib/http/api.ts, errorResponse).
      expect((await response.json()).type).toBe(`${PROBLEM_BASE}not-found`);
    }
  });

  it("403 for a member who may not export", async () => {
    await signedInAs("sales");
    const response = await get("export-a");
    expect(response.status).toBe(403);
    expect((await response.json()).type).toMatch(/forbidden$/);
  });

  it("400 with the fields for filters that are not valid", async () => {
    await signedInAs("auditor");
    const response = await get("export-a", "?action=DROP%20TABLE&from=someday");
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["action", "from"]);
  });

  it("streams the CSV with BOM, header and rows, as an attachment named after org and date", async () => {
    await signedInAs("auditor");
    const response = await get("export-a", "?action=member.");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="audit-export-a-${berlinTime(new Date()).slice(0, 10)}.csv"`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-export-rows")).toBe("2");
    expect(response.headers.get("x-export-truncated")).toBe("false");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_HEADER.join(","));
    expect(lines.slice(1).map((l) => l.split(",")[6])).toEqual(["member.added", "member.added"]);
  });

  it("records the download with the caller, request id and client address", async () => {
    await signedInAs("auditor");
    // As the server hands it over: the client's claim, then the socket address (lib/http/client-ip.ts).
    const response = await get("export-a", "?resourceType=membership", {
      "x-request-id": "req-download-1",
      "x-forwarded-for": "203.0.113.7, 10.0.0.1",
    });
    expect(response.headers.get("x-request-id")).toBe("req-download-1");
    await response.arrayBuffer();
    const [event] = await asSuperuser(
      async (client) =>
        (
          await client.query(
            "SELECT actor_type, actor_id, action, request_id, ip, after FROM audit_event WHERE request_id = $1",
            ["req-download-1"],
          )
        ).rows,
    );
    expect(event).toEqual({
      actor_type: "user",
      actor_id: users.auditor,
      action: "audit.exported",
      request_id: "req-download-1",
      ip: "10.0.0.1",
      after: { filter: { resourceType: "membership" }, rows: 2, truncated: false },
    });
  });
});
