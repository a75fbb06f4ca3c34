import { beforeAll, describe, expect, it, vi } from "vitest";

import { loadAccount } from "@/lib/auth/account";
import { createTokenAction } from "@/lib/auth/actions";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import type { ActionState } from "./action";

// What orgAction takes from the request around every server action, against the real database.
// Only Next.js's request scope is stood in for: the cookie session (its account is loaded from the
// database), the request headers (set per test) and the message catalogue.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async () => Object.assign((key: string) => key, { has: () => false }),
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
}));

let tenant: TestTenant;
const IDLE = { status: "idle" } as const;

beforeAll(async () => {
  tenant = await createTenant("action-edge");
  vi.mocked(currentAccount).mockResolvedValue(await loadAccount(tenant.admin.userId));
});

function ok<T>(state: ActionState<T>): T {
  if (state.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(state)}`);
  return state.data;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** The request id the audit trail stored for the token a server action created. */
async function auditedRequestId(tokenId: string): Promise<string | null> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ request_id: string | null }>(
      `SELECT request_id FROM audit_event WHERE action = 'token.created' AND resource_id = $1`,
      [tokenId],
    ),
  );
  return rows[0].request_id;
}

describe("the request id of a server action", () => {
  const createToken = async (headers: Record<string, string>) => {
    requestHeaders = new Headers(headers);
    const created = ok(await createTokenAction("action-edge", IDLE, form({ name: "t", expiresInDays: "1" })));
    return auditedRequestId(created.summary.id);
  };

  it("is the caller's when short and plain", async () => {
    expect(await createToken({ "x-request-id": "trace-42.a_b" })).toBe("trace-42.a_b");
  });

  it("is a fresh one when the caller's is long or carries other characters", async () => {
    for (const offered of ["r".repeat(4000), "a b", "<script>", "ümlaut", ""]) {
      const stored = await createToken({ "x-request-id": offered });
      expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
