import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { loadAccount } from "@/lib/auth/account";
import { createTokenAction } from "@/lib/auth/actions";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import { withOrg } from "@/lib/db";
import { MESSAGES } from "@/lib/i18n/messages";
import { createLeadAction } from "@/lib/leads/actions";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { orgAction, type ActionState } from "./action";

// What orgAction takes from the request around every server action, and what it makes of values
// PostgreSQL refuses, against the real database. Only Next.js's request scope is stood in for: the
// cookie session (its account is loaded from the database), the request headers (set per test) and
// next-intl, which reads the German messages as a German reader's request would.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async (namespace?: string) => {
    const text = (key: string) => {
      const path = (namespace ? `${namespace}.${key}` : key).split(".");
      const found = path.reduce<unknown>(
        (node, part) => (node as Record<string, unknown>)?.[part],
        MESSAGES.de,
      );
      return typeof found === "string" ? found : undefined;
    };
    return Object.assign((key: string) => text(key) ?? key, {
      has: (key: string) => text(key) !== undefined,
    });
  },
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

function failed<T>(state: ActionState<T>) {
  if (state.status !== "error") throw new Error(`expected an error, got ${JSON.stringify(state)}`);
  return state;
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

describe("values PostgreSQL refuses, in a server action", () => {
  const createLead = (fields: Record<string, string>) =>
    createLeadAction("action-edge", IDLE, form({ companyName: "Kantine Süd", city: "Ulm", ...fields }));

  it("are field errors of the form, not a failure on our side (a NUL byte)", async () => {
    expect(failed(await createLead({ companyName: "Kantine\u0000Süd" })).fieldErrors).toHaveProperty(
      "companyName",
    );
  });

  it("name the field in the reader's language when only the database knew (the schemas' net)", async () => {
    const result = failed(
      await orgAction(
        "action-edge",
        z.object({ amount: z.string() }),
        form({ amount: "99999999999" }),
        (session, input) => withOrg(session.ctx, (tx) => tx.$queryRaw`SELECT ${input.amount}::int`),
      ),
    );
    expect(result.fieldErrors).toEqual({ amount: MESSAGES.de.errors.unstorableValue });
    expect(result.message).toBe(MESSAGES.de.errors.unstorable);
  });
});
