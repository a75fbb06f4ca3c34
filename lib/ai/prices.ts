import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { Prisma, type Tx, type OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { ZModelPriceInput, type TModelPrice, type TModelPriceInput } from "./schemas";
import type { ModelPrice, TAiProvider } from "./types";

/**
 * Model prices (table ai_model_price): one installation-wide row per model, in EUR per million
 * tokens, read by the router to estimate a reservation and to charge a call (costEur in types.ts),
 * and set by platform admins. A model without a row costs nothing: the way to run a self-hosted
 * model (Ollama, vLLM) without a budget, and the reason the dashboards name every model they saw.
 */

type StoredRow = Omit<TModelPrice, "provider" | "updatedAt"> & { provider: string; updatedAt: Date };

const COLUMNS = Prisma.sql`model, provider,
  input_per_million_eur::float8 AS "inputPerMillionEur",
  output_per_million_eur::float8 AS "outputPerMillionEur",
  updated_at AS "updatedAt", updated_by::text AS "updatedBy"`;

const fromRow = (row: StoredRow): TModelPrice => ({
  ...row,
  provider: row.provider as TAiProvider,
  updatedAt: row.updatedAt.toISOString(),
});

/** What the audit event records of a price: the price, not who set it when (the event says that). */
const withoutMeta = ({ model, provider, inputPerMillionEur, outputPerMillionEur }: TModelPrice) => ({
  model,
  provider,
  inputPerMillionEur,
  outputPerMillionEur,
});

/** Every price, by model name. Any signed-in context may read them. */
export async function listPrices(tx: Tx): Promise<TModelPrice[]> {
  const rows = await tx.$queryRaw<StoredRow[]>`SELECT ${COLUMNS} FROM ai_model_price ORDER BY model`;
  return rows.map(fromRow);
}

/**
 * The price of `model`. Providers answer with a dated snapshot name (`gpt-4o-mini-2024-07-18`,
 * `claude-haiku-4-5-20251001`), so when there is no exact row the longest priced name that the
 * model's name continues with a `-` applies (`gpt-4o-mini`, not `gpt-4o`). Without either, the
 * model is free (0 EUR).
 */
export function priceOf(prices: readonly ModelPrice[], model: string): ModelPrice {
  const exact = prices.find((p) => p.model === model);
  if (exact) return exact;
  const family = prices
    .filter((p) => model.startsWith(`${p.model}-`))
    .sort((a, b) => b.model.length - a.model.length)[0];
  return family ? { ...family, model } : { model, inputPerMillionEur: 0, outputPerMillionEur: 0 };
}

/**
 * Sets one model's price (platform admins: prices are the same for every organisation). The
 * change is audited in the admin's organisation with the old and the new price, in the same
 * transaction; row-level security refuses the write a second time for anyone else.
 */
export async function setPrice(tx: Tx, ctx: OrgContext, input: TModelPriceInput): Promise<TModelPrice> {
  authorize(ctx, "ai.prices.edit", {
    type: "ai_model_price",
    orgId: ctx.orgId,
  });
  const parsed = ZModelPriceInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = parsed.error.issues.map((i) => ({
      path: i.path.join(".") || "_",
      message: i.message,
    }));
    throw new AppError("bad_request", fieldErrors.map((f) => `${f.path}: ${f.message}`).join("; "), {
      fieldErrors,
    });
  }
  const price = parsed.data;
  const before = await tx.$queryRaw<StoredRow[]>`
    SELECT ${COLUMNS} FROM ai_model_price WHERE model = ${price.model} FOR UPDATE`;
  const updatedBy = ctx.actor?.type === "system" ? null : ctx.userId;
  const [row] = await tx.$queryRaw<StoredRow[]>`
    INSERT INTO ai_model_price (model, provider, input_per_million_eur, output_per_million_eur, updated_by)
    VALUES (${price.model}, ${price.provider}, ${price.inputPerMillionEur}::numeric,
            ${price.outputPerMillionEur}::numeric, ${updatedBy}::uuid)
    ON CONFLICT (model) DO UPDATE SET
      provider = EXCLUDED.provider,
      input_per_million_eur = EXCLUDED.input_per_million_eur,
      output_per_million_eur = EXCLUDED.output_per_million_eur,
      updated_at = now(),
      updated_by = EXCLUDED.updated_by
    RETURNING ${COLUMNS}`;
  const stored = fromRow(row);
  await recordAudit(tx, ctx, {
    action: before.length > 0 ? "ai.price.changed" : "ai.price.created",
    resourceType: "ai_model_price",
    resourceId: price.model,
    before: before[0] && withoutMeta(fromRow(before[0])),
    after: withoutMeta(stored),
  });
  return stored;
}
