import { beforeAll, describe, expect, it, vi } from "vitest";

import { loadAccount } from "@/lib/auth/account";
import { addMember } from "@/lib/auth/service";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type { ActionState } from "@/lib/http/action";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import * as budgetRoute from "@/app/api/v1/ai/budget/route";
import * as dashboardRoute from "@/app/api/v1/ai/dashboard/route";
import * as pricesRoute from "@/app/api/v1/ai/prices/route";
import { ORG_HEADER_NAME } from "@/lib/http/org-header";
import { PROBLEM_BASE } from "@/lib/http/problem";

import { setPriceAction } from "./actions";
import {
  ZAiDashboard,
  ZBudgetStatus,
  ZModelPrice,
  type TAiDashboard,
  type TBudgetStatus,
  type TModelPrice,
} from "./schemas";

// The AI page as the browser uses it, against the real database: it reads through GET /api/v1/ai/…
// with the session cookie, and saves a price through its server action. Only what needs Next.js's
// request scope is stood in for: the cookie session (the account behind it is loaded from the
// database, as on every request), the request headers and the message catalogue.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "ai-actions-test" }) }));
// Keys stand in for the texts, and no message code is "known", so errors keep their English message;
// the form's field errors are worded by the real German `fields` texts.
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async (namespace?: string) =>
    namespace === "fields"
      ? (await import("@/lib/i18n/fieldText")).fieldWords("de")
      : Object.assign((key: string) => key, { has: () => false }),
  getFormatter: async () => ({ dateTime: (d: Date) => d.toISOString() }),
}));

// Admins of the platform organisation are platform admins (ai.prices.edit).
setTestEnv({ PLATFORM_ORG_SLUG: "ai-actions-a" });

let a: TestTenant;
let b: TestTenant;
let managerId: string;

async function signedInAs(userId: string | null) {
  vi.mocked(currentAccount).mockResolvedValue(userId ? await loadAccount(userId) : null);
}

function ok<T>(state: ActionState<T>): T {
  if (state.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(state)}`);
  return state.data;
}

function failed<T>(state: ActionState<T>) {
  if (state.status !== "error") throw new Error(`expected an error, got ${JSON.stringify(state)}`);
  return state;
}

type Route = (request: Request, route: { params: Promise<unknown> }) => Promise<Response>;

/** A GET as the page's hooks send it (components/ui/apiFetch.ts): the cookie, the organisation's header. */
async function read(route: Route, orgSlug: string, path: string) {
  const response = await route(
    new Request(`http://localhost/api/v1${path}`, { headers: { [ORG_HEADER_NAME]: orgSlug } }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

async function readOk<T>(route: Route, orgSlug: string, path: string): Promise<T> {
  const answer = await read(route, orgSlug, path);
  if (answer.status !== 200) throw new Error(`expected 200, got ${JSON.stringify(answer)}`);
  return answer.body as T;
}

async function problem(route: Route, orgSlug: string, path: string, status: number) {
  const answer = await read(route, orgSlug, path);
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.type).toBe("application/problem+json");
  return answer.body as { type: string; detail: string; errors?: { path: string }[] };
}

const dashboard = (orgSlug: string, days: number | string) =>
  readOk<TAiDashboard>(dashboardRoute.GET, orgSlug, `/ai/dashboard?days=${days}`);
const prices = (orgSlug: string) =>
  readOk<{ items: TModelPrice[] }>(pricesRoute.GET, orgSlug, "/ai/prices").then((r) => r.items);

function priceForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

const IDLE = { status: "idle" } as const;

beforeAll(async () => {
  a = await createTenant("ai-actions-a");
  b = await createTenant("ai-actions-b");
  managerId = (
    await addMember({
      email: "manager@ai-actions-a.example",
      name: "Mara Manager",
      orgSlug: "ai-actions-a",
      role: "manager",
      locale: "de",
    })
  ).userId;
  // Two calls today (the manager's and the partner's), and 850 € of this month's 1000 € spent.
  await asSuperuser(async (c) => {
    for (const [userId, useCase, cost] of [
      [managerId, "lead.classify", 0.5],
      [a.sales.userId, "email.triage", 0.25],
    ] as const) {
      await c.query(
        `INSERT INTO ai_call (org_id, user_id, use_case, provider, model, tier, outcome, cost_eur, latency_ms)
         VALUES ($1, $2, $3, 'openai', 'gpt-4o-mini', 'small', 'ok', $4, 700)`,
        [a.orgId, userId, useCase, cost],
      );
    }
    await c.query(
      `INSERT INTO ai_budget_org_month (org_id, month, spent_eur, reserved_eur)
       VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 850, 0)`,
      [a.orgId],
    );
  });
});

describe("GET /api/v1/ai/dashboard", () => {
  it("gives a manager the picked period with every member's calls and this month's budget", async () => {
    await signedInAs(managerId);
    const week = await dashboard("ai-actions-a", 7);
    // The answer is what the OpenAPI document promises (the page's types are the same schema's).
    expect(ZAiDashboard.safeParse(week).error).toBeUndefined();
    expect(week.days).toBe(7);
    expect(week.byDay).toHaveLength(7);
    expect(Date.parse(week.period.to) - Date.parse(week.period.from)).toBe(7 * 86_400_000);
    expect(week.stats).toMatchObject({ calls: 2, costEur: 0.75, smallShare: 1 });
    expect(week.byUseCase.map((r) => [r.useCase, r.costEur])).toEqual([
      ["lead.classify", 0.5],
      ["email.triage", 0.25],
    ]);
    expect(week.status.org).toMatchObject({ capEur: 1000, spentEur: 850, remainingEur: 150 });
    expect((await dashboard("ai-actions-a", 90)).byDay).toHaveLength(90);
    // Without a period, the page's default.
    expect((await readOk<TAiDashboard>(dashboardRoute.GET, "ai-actions-a", "/ai/dashboard")).days).toBe(30);
  });

  it("refuses a period the picker does not offer, a partner, and another organisation", async () => {
    await signedInAs(managerId);
    for (const days of ["14", "abc"]) {
      const refused = await problem(dashboardRoute.GET, "ai-actions-a", `/ai/dashboard?days=${days}`, 400);
      expect(refused.errors?.map((e) => e.path)).toEqual(["query.days"]);
    }
    const elsewhere = await problem(dashboardRoute.GET, "ai-actions-b", "/ai/dashboard?days=30", 404);
    expect(elsewhere.type).toBe(`${PROBLEM_BASE}not-found`);

    await signedInAs(a.sales.userId);
    for (const [route, path] of [
      [dashboardRoute.GET, "/ai/dashboard?days=30"],
      [pricesRoute.GET, "/ai/prices"],
    ] as const) {
      expect((await problem(route, "ai-actions-a", path, 403)).detail).toBe("You may not ai.dashboard.view.");
    }
  });

  it("tells a signed-out caller so", async () => {
    await signedInAs(null);
    await problem(dashboardRoute.GET, "ai-actions-a", "/ai/dashboard?days=30", 401);
  });
});

describe("GET /api/v1/ai/budget", () => {
  it("gives a partner their own line and the organisation's totals", async () => {
    await signedInAs(a.sales.userId);
    const status = await readOk<TBudgetStatus>(budgetRoute.GET, "ai-actions-a", "/ai/budget");
    expect(ZBudgetStatus.safeParse(status).error).toBeUndefined();
    expect(status.org).toMatchObject({ capEur: 1000, spentEur: 850 });
    expect(status.user).toMatchObject({ capEur: null, spentEur: 0, remainingEur: null });
    await problem(budgetRoute.GET, "ai-actions-b", "/ai/budget", 404);
  });
});

describe("setPriceAction", () => {
  const model = "self-hosted-test-model";

  it("lets a platform admin add and change a price typed with a decimal comma, audited", async () => {
    await signedInAs(a.admin.userId);
    const created = ok(
      await setPriceAction(
        "ai-actions-a",
        IDLE,
        priceForm({ model, provider: "openai", inputPerMillionEur: "0,5", outputPerMillionEur: "1.234,5" }),
      ),
    );
    expect(created).toMatchObject({ model, inputPerMillionEur: 0.5, outputPerMillionEur: 1234.5 });
    ok(
      await setPriceAction(
        "ai-actions-a",
        IDLE,
        priceForm({ model, provider: "openai", inputPerMillionEur: "0.75", outputPerMillionEur: "2" }),
      ),
    );
    const listed = await prices("ai-actions-a");
    expect(listed.map((p) => ZModelPrice.safeParse(p).error)).toEqual(listed.map(() => undefined));
    expect(listed.find((p) => p.model === model)).toMatchObject({
      inputPerMillionEur: 0.75,
      outputPerMillionEur: 2,
    });

    const { rows } = await asSuperuser((c) =>
      c.query<{ action: string; request_id: string }>(
        `SELECT action, request_id FROM audit_event
         WHERE org_id = $1 AND resource_type = 'ai_model_price' AND resource_id = $2 ORDER BY id`,
        [a.orgId, model],
      ),
    );
    expect(rows).toEqual([
      { action: "ai.price.created", request_id: "ai-actions-test" },
      { action: "ai.price.changed", request_id: "ai-actions-test" },
    ]);
  });

  it("returns field errors beside the fields and keeps what was typed", async () => {
    await signedInAs(a.admin.userId);
    const state = failed(
      await setPriceAction(
        "ai-actions-a",
        IDLE,
        priceForm({ model: "-bad", provider: "", inputPerMillionEur: "-1", outputPerMillionEur: "abc" }),
      ),
    );
    expect(Object.keys(state.fieldErrors).sort()).toEqual([
      "inputPerMillionEur",
      "model",
      "outputPerMillionEur",
      "provider",
    ]);
    expect(state.fieldErrors.outputPerMillionEur).toBe("Bitte einen Betrag in Euro angeben, z. B. 0,55.");
    expect(state.fieldErrors.inputPerMillionEur).toBe("Bitte einen Betrag ab 0 Euro angeben.");
    expect(state.values).toMatchObject({ inputPerMillionEur: "-1", outputPerMillionEur: "abc" });
  });

  it("refuses everyone but platform admins, and changes nothing", async () => {
    const form = priceForm({
      model,
      provider: "anthropic",
      inputPerMillionEur: "9",
      outputPerMillionEur: "9",
    });
    await signedInAs(managerId);
    expect(failed(await setPriceAction("ai-actions-a", IDLE, form)).message).toBe(
      "You may not ai.prices.edit.",
    );
    await signedInAs(b.admin.userId);
    expect(failed(await setPriceAction("ai-actions-b", IDLE, form)).message).toBe(
      "You may not ai.prices.edit.",
    );
    await signedInAs(managerId);
    expect((await prices("ai-actions-a")).find((p) => p.model === model)).toMatchObject({
      provider: "openai",
      inputPerMillionEur: 0.75,
    });
  });
});
