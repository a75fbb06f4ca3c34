import { beforeAll, describe, expect, it, vi } from "vitest";

import { loadAccount } from "@/lib/auth/account";
import { addMember } from "@/lib/auth/service";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import type { ActionState } from "@/lib/http/action";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { aiBudgetAction, aiDashboardAction, aiPricesAction, setPriceAction } from "./actions";

// The AI page's server actions as the browser calls them, against the real database. Only what
// needs Next.js's request scope is stood in for: the cookie session (the account behind it is
// loaded from the database, as on every request), the request headers and the message catalogue.
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "ai-actions-test" }) }));
// Keys stand in for the texts, and no message code is "known", so errors keep their English message.
vi.mock("next-intl/server", () => ({
  getLocale: async () => "de",
  getTranslations: async () => Object.assign((key: string) => key, { has: () => false }),
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

describe("aiDashboardAction", () => {
  it("gives a manager the picked period with every member's calls and this month's budget", async () => {
    await signedInAs(managerId);
    const week = ok(await aiDashboardAction("ai-actions-a", 7));
    expect(week.days).toBe(7);
    expect(week.byDay).toHaveLength(7);
    expect(Date.parse(week.period.to) - Date.parse(week.period.from)).toBe(7 * 86_400_000);
    expect(week.stats).toMatchObject({ calls: 2, costEur: 0.75, smallShare: 1 });
    expect(week.byUseCase.map((r) => [r.useCase, r.costEur])).toEqual([
      ["lead.classify", 0.5],
      ["email.triage", 0.25],
    ]);
    expect(week.status.org).toMatchObject({ capEur: 1000, spentEur: 850, remainingEur: 150 });
    expect(ok(await aiDashboardAction("ai-actions-a", 90)).byDay).toHaveLength(90);
  });

  it("refuses a period the picker does not offer, a partner, and another organisation", async () => {
    await signedInAs(managerId);
    expect(failed(await aiDashboardAction("ai-actions-a", 14)).fieldErrors).toHaveProperty("_");
    expect(failed(await aiDashboardAction("ai-actions-b", 30)).message).toBe("notFoundText");

    await signedInAs(a.sales.userId);
    expect(failed(await aiDashboardAction("ai-actions-a", 30)).message).toBe(
      "You may not ai.dashboard.view.",
    );
    expect(failed(await aiPricesAction("ai-actions-a")).message).toBe("You may not ai.dashboard.view.");
  });

  it("tells a signed-out caller so", async () => {
    await signedInAs(null);
    expect(failed(await aiDashboardAction("ai-actions-a", 30)).message).toBe("signedOut");
  });
});

describe("aiBudgetAction", () => {
  it("gives a partner their own line and the organisation's totals", async () => {
    await signedInAs(a.sales.userId);
    const status = ok(await aiBudgetAction("ai-actions-a"));
    expect(status.org).toMatchObject({ capEur: 1000, spentEur: 850 });
    expect(status.user).toMatchObject({ capEur: null, spentEur: 0, remainingEur: null });
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
    const prices = ok(await aiPricesAction("ai-actions-a"));
    expect(prices.find((p) => p.model === model)).toMatchObject({
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
    expect(state.fieldErrors.outputPerMillionEur).toMatch(/erhalten string/);
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
    const prices = ok(await aiPricesAction("ai-actions-a"));
    expect(prices.find((p) => p.model === model)).toMatchObject({
      provider: "openai",
      inputPerMillionEur: 0.75,
    });
  });
});
