import { beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { withOrg, withoutOrg, type OrgContext } from "@/lib/db";
import { type AppError } from "@/lib/errors";

import { listPrices, priceOf, setPrice } from "./prices";
import { costEur } from "./types";

// Model prices: the seeded list every signed-in context reads, pricing a provider's dated model
// names by their family and unknown models at zero, and edits only by platform admins, audited.

let a: TestTenant;
let b: TestTenant;
let platformAdmin: OrgContext;

beforeAll(async () => {
  a = await createTenant("prices-a");
  b = await createTenant("prices-b");
  platformAdmin = { ...a.admin, roles: ["admin", "platform_admin"] };
});

async function priceEvents(orgId: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ action: string; resource_id: string; actor_id: string; before: unknown; after: unknown }>(
      `SELECT action, resource_id, actor_id, before, after FROM audit_event
       WHERE org_id = $1 AND resource_type = 'ai_model_price' ORDER BY id`,
      [orgId],
    ),
  );
  return rows;
}

describe("listPrices and priceOf", () => {
  it("reads the seeded prices in any organisation, and nothing without one", async () => {
    const prices = await withOrg(a.sales, (tx) => listPrices(tx));
    expect(prices.map((p) => [p.model, p.provider, p.inputPerMillionEur, p.outputPerMillionEur])).toEqual([
      ["claude-haiku-4-5", "anthropic", 0.92, 4.6],
      ["claude-sonnet-4-5", "anthropic", 2.76, 13.8],
      ["gpt-4o", "openai", 2.3, 9.2],
      ["gpt-4o-mini", "openai", 0.14, 0.55],
    ]);
    expect(await withoutOrg((tx) => listPrices(tx))).toEqual([]);
  });

  it("prices a dated snapshot by its family, and an unknown (self-hosted) model at zero", async () => {
    const prices = await withOrg(a.sales, (tx) => listPrices(tx));
    expect(priceOf(prices, "gpt-4o-mini").inputPerMillionEur).toBe(0.14);
    expect(priceOf(prices, "gpt-4o-mini-2024-07-18")).toMatchObject({ inputPerMillionEur: 0.14 });
    expect(priceOf(prices, "gpt-4o-2024-08-06")).toMatchObject({ inputPerMillionEur: 2.3 });
    expect(priceOf(prices, "claude-haiku-4-5-20251001")).toMatchObject({ outputPerMillionEur: 4.6 });
    expect(priceOf(prices, "gpt-4")).toEqual({
      model: "gpt-4",
      inputPerMillionEur: 0,
      outputPerMillionEur: 0,
    });
    expect(costEur(priceOf(prices, "llama3.1:8b"), { inputTokens: 10_000, outputTokens: 5_000 })).toBe(0);
    // 1 000 000 input and 100 000 output tokens of gpt-4o: 2.30 + 0.92 EUR.
    expect(costEur(priceOf(prices, "gpt-4o"), { inputTokens: 1_000_000, outputTokens: 100_000 })).toBeCloseTo(
      3.22,
      10,
    );
  });
});

describe("setPrice", () => {
  it("is refused for an organisation's admin who is no platform admin, by ABAC and by RLS", async () => {
    const refused = await rejectionOf(
      withOrg(a.admin, (tx) =>
        setPrice(tx, a.admin, {
          model: "gpt-4o",
          provider: "openai",
          inputPerMillionEur: 0,
          outputPerMillionEur: 0,
        }),
      ),
    );
    expect((refused as AppError).kind).toBe("forbidden");
    const updated = await withOrg(
      a.admin,
      (tx) => tx.$executeRaw`UPDATE ai_model_price SET input_per_million_eur = 0`,
    );
    expect(updated).toBe(0);
    const inserted = await rejectionOf(
      withOrg(
        a.admin,
        (tx) => tx.$executeRaw`
          INSERT INTO ai_model_price (model, provider, input_per_million_eur, output_per_million_eur)
          VALUES ('free-lunch', 'openai', 0, 0)`,
      ),
    );
    expect(postgresCode(inserted)).toBe("42501");
    expect(await priceEvents(a.orgId)).toEqual([]);
  });

  it("changes and creates prices for every organisation when a platform admin sets them, audited", async () => {
    const changed = await withOrg(platformAdmin, (tx) =>
      setPrice(tx, platformAdmin, {
        model: "gpt-4o-mini",
        provider: "openai",
        inputPerMillionEur: 0.15,
        outputPerMillionEur: 0.123456, // numeric(12, 4): kept as 0.1235
      }),
    );
    expect(changed).toMatchObject({
      model: "gpt-4o-mini",
      inputPerMillionEur: 0.15,
      outputPerMillionEur: 0.1235,
      updatedBy: a.admin.userId,
    });
    await withOrg(platformAdmin, (tx) =>
      setPrice(tx, platformAdmin, {
        model: "mistral-small",
        provider: "openai",
        inputPerMillionEur: 0.2,
        outputPerMillionEur: 0.6,
      }),
    );

    const seenByB = await withOrg(b.sales, (tx) => listPrices(tx));
    expect(priceOf(seenByB, "gpt-4o-mini")).toMatchObject({ inputPerMillionEur: 0.15 });
    expect(priceOf(seenByB, "mistral-small")).toMatchObject({ outputPerMillionEur: 0.6 });

    expect(await priceEvents(a.orgId)).toEqual([
      {
        action: "ai.price.changed",
        resource_id: "gpt-4o-mini",
        actor_id: a.admin.userId,
        before: {
          model: "gpt-4o-mini",
          provider: "openai",
          inputPerMillionEur: 0.14,
          outputPerMillionEur: 0.55,
        },
        after: {
          model: "gpt-4o-mini",
          provider: "openai",
          inputPerMillionEur: 0.15,
          outputPerMillionEur: 0.1235,
        },
      },
      {
        action: "ai.price.created",
        resource_id: "mistral-small",
        actor_id: a.admin.userId,
        before: null,
        after: {
          model: "mistral-small",
          provider: "openai",
          inputPerMillionEur: 0.2,
          outputPerMillionEur: 0.6,
        },
      },
    ]);
  });

  it("refuses a malformed price with the field at fault", async () => {
    const error = await rejectionOf(
      withOrg(platformAdmin, (tx) =>
        setPrice(tx, platformAdmin, {
          model: " ",
          provider: "openai",
          inputPerMillionEur: -1,
          outputPerMillionEur: 1,
        }),
      ),
    );
    expect((error as AppError).kind).toBe("bad_request");
    expect(new Set((error as AppError).fieldErrors.map((f) => f.path))).toEqual(
      new Set(["inputPerMillionEur", "model"]),
    );
  });
});
