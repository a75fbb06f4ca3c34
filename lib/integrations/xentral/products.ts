import "server-only";

import { withContext, withOrg, type DbContext, type OrgContext, type Tx } from "@/lib/db";

import { redactError } from "../errors";
import { flushCallRecords } from "../resilience";
import { clientOf, openXentralConnection } from "./connection";
import { PAGE_SIZE_MAX, type TXentralProduct } from "./wire";

/**
 * Xentral's products into the catalogue (`product`, source XENTRAL, external_id = Xentral's id):
 *
 * - **incremental**: `filter updatedAt greaterThan <cursor>`, ordered by updatedAt, page by page
 *   (page size 50, the spec's maximum). After each page the run's cursor moves to just before the
 *   newest updatedAt stored (a product of the same moment may follow on the next page), so a failed
 *   run resumes where it stopped; a 429 is retried after its Retry-After by the XENTRAL policy and
 *   loses no page. A finished run's cursor is the newest updatedAt seen, but never later than two
 *   seconds before the run started: a product changed while the run read is read again next time
 *   (harmless), while a bulk import's thousands of equal timestamps are not.
 * - **full** (weekly reconciliation): every page; products Xentral reports disabled become
 *   inactive, and catalogue products Xentral did not list are looked up once more by number
 *   (`filter number in …`) before they become inactive, so a product moving between pages while
 *   the walk runs is not taken for deleted.
 *
 * A row changes only when Xentral's updatedAt is not older than what is stored (webhooks and pulls
 * may arrive in any order). A catalogue product entered by hand with the same SKU becomes the
 * Xentral one; a SKU our catalogue cannot take (its pattern) or held by another Xentral product is
 * counted and skipped. Each run is a sync_run (`xentral.products.incremental` / `.full`).
 */

export type PullMode = "incremental" | "full";

export interface PullCounts {
  pages: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  deactivated: number;
  notConfigured: number;
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const SETTLE_MS = 2_000;
export const PULL_KINDS = {
  incremental: "xentral.products.incremental",
  full: "xentral.products.full",
} as const;

const clip = (value: string | null | undefined, max: number) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

export interface ProductRow {
  externalId: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string | null;
  price: string | null;
  currency: string | null;
  active: boolean;
  updatedAt: Date;
}

/** A Xentral product as a catalogue row, or null when its SKU does not fit the catalogue. */
export function rowOf(product: TXentralProduct): ProductRow | null {
  const sku = product.number.trim();
  const updatedAt = new Date(product.updatedAt);
  if (!SKU.test(sku) || Number.isNaN(updatedAt.getTime())) return null;
  const price =
    product.salesPriceNet && /^\d+(\.\d+)?$/.test(product.salesPriceNet.amount)
      ? product.salesPriceNet
      : null;
  return {
    externalId: product.id,
    sku,
    name: clip(product.name, 200) ?? sku,
    category: clip(product.category?.name, 100),
    unit: clip(product.unit?.name, 40),
    price: price?.amount ?? null,
    currency: price && /^[A-Z]{3}$/.test(price.currency) ? price.currency : price ? "EUR" : null,
    active: product.isDisabled !== true,
    updatedAt,
  };
}

/** Upserts one page of rows; answers how many were inserted, updated and left as they were. */
export async function upsertProducts(
  tx: Tx,
  orgId: string,
  rows: ProductRow[],
): Promise<{ inserted: number; updated: number; unchanged: number; skipped: number }> {
  const unique = [...new Map(rows.map((r) => [r.externalId, r])).values()];
  if (unique.length === 0) return { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
  const ids = unique.map((r) => r.externalId);
  const skus = unique.map((r) => r.sku);
  // A product entered by hand with a Xentral SKU becomes that Xentral product.
  await tx.$executeRaw`
    UPDATE product p SET source = 'XENTRAL', external_id = i.external_id, updated_at = now()
    FROM unnest(${ids}::text[], ${skus}::text[]) AS i(external_id, sku)
    WHERE p.org_id = ${orgId}::uuid AND p.source = 'MANUAL' AND p.sku = i.sku
      AND NOT EXISTS (SELECT 1 FROM product x WHERE x.org_id = p.org_id AND x.source = 'XENTRAL'
                      AND x.external_id = i.external_id)`;
  const result = await tx.$queryRaw<{ inserted: boolean }[]>`
    WITH incoming AS (
      SELECT * FROM unnest(
        ${ids}::text[], ${skus}::text[], ${unique.map((r) => r.name)}::text[],
        ${unique.map((r) => r.category)}::text[], ${unique.map((r) => r.unit)}::text[],
        ${unique.map((r) => r.price)}::numeric[], ${unique.map((r) => r.currency)}::text[],
        ${unique.map((r) => r.active)}::boolean[], ${unique.map((r) => r.updatedAt.toISOString())}::timestamptz[]
      ) AS t(external_id, sku, name, category, unit, price, currency, active, changed_at)
      WHERE NOT EXISTS (
        SELECT 1 FROM product p WHERE p.org_id = ${orgId}::uuid AND p.sku = t.sku
          AND (p.source <> 'XENTRAL' OR p.external_id <> t.external_id))
    )
    INSERT INTO product (org_id, sku, name, category, unit, active, source, external_id,
                         external_updated_at, sales_price_net, currency)
    SELECT ${orgId}::uuid, sku, name, category, unit, active, 'XENTRAL', external_id, changed_at, price, currency
    FROM incoming
    ON CONFLICT (org_id, source, external_id) DO UPDATE
    SET sku = EXCLUDED.sku, name = EXCLUDED.name, category = EXCLUDED.category, unit = EXCLUDED.unit,
        active = EXCLUDED.active, external_updated_at = EXCLUDED.external_updated_at,
        sales_price_net = EXCLUDED.sales_price_net, currency = EXCLUDED.currency, updated_at = now()
    WHERE product.external_updated_at IS NULL OR product.external_updated_at < EXCLUDED.external_updated_at
       OR (product.external_updated_at = EXCLUDED.external_updated_at
           AND (product.sku, product.name, product.category, product.unit, product.active,
                product.sales_price_net, product.currency)
               IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.name, EXCLUDED.category, EXCLUDED.unit,
                                 EXCLUDED.active, EXCLUDED.sales_price_net, EXCLUDED.currency))
    RETURNING (xmax = 0) AS inserted`;
  const [{ eligible }] = await tx.$queryRaw<{ eligible: number }[]>`
    SELECT count(*)::int AS eligible FROM unnest(${ids}::text[], ${skus}::text[]) AS t(external_id, sku)
    WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.org_id = ${orgId}::uuid AND p.sku = t.sku
                      AND (p.source <> 'XENTRAL' OR p.external_id <> t.external_id))`;
  const inserted = result.filter((r) => r.inserted).length;
  const updated = result.length - inserted;
  return { inserted, updated, unchanged: eligible - result.length, skipped: unique.length - eligible };
}

/** Marks Xentral products inactive (a delete event, or missing at reconciliation). */
export async function deactivateProducts(
  tx: Tx,
  orgId: string,
  externalIds: string[],
  at?: Date,
): Promise<number> {
  if (externalIds.length === 0) return 0;
  return tx.$executeRaw`
    UPDATE product SET active = false, updated_at = now(),
                       external_updated_at = greatest(external_updated_at, ${at ?? null}::timestamptz)
    WHERE org_id = ${orgId}::uuid AND source = 'XENTRAL' AND active
      AND external_id = ANY(${externalIds}::text[])
      AND (${at ?? null}::timestamptz IS NULL OR external_updated_at IS NULL OR external_updated_at <= ${at ?? null}::timestamptz)`;
}

async function lastCursor(tx: Tx, connectionId: string): Promise<string | null> {
  const run = await tx.syncRun.findFirst({
    where: { connectionId, kind: { in: Object.values(PULL_KINDS) }, cursor: { not: null } },
    orderBy: { startedAt: "desc" },
    select: { cursor: true },
  });
  return run?.cursor ?? null;
}

export interface PullOptions {
  pageSize?: number;
}

/** One organisation's pull (the job's and "sync now"'s work), in the given context. */
export async function pullProducts(
  ctx: OrgContext,
  mode: PullMode,
  options: PullOptions = {},
): Promise<PullCounts> {
  const counts: PullCounts = {
    pages: 0,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    deactivated: 0,
    notConfigured: 0,
  };
  const found = await withOrg(ctx, async (tx) => {
    const connection = await openXentralConnection(tx, ctx.orgId);
    if (!connection) return null;
    const cursor = mode === "incremental" ? await lastCursor(tx, connection.id) : null;
    const run = await tx.syncRun.create({
      data: { orgId: ctx.orgId, connectionId: connection.id, kind: PULL_KINDS[mode], cursor },
      select: { id: true },
    });
    return { connection, cursor, runId: run.id };
  });
  if (!found) {
    counts.notConfigured = 1;
    return counts;
  }
  const { connection, runId } = found;
  const client = clientOf(ctx, connection);
  const size = options.pageSize ?? PAGE_SIZE_MAX;
  const since = found.cursor;
  const settled = new Date(Date.now() - SETTLE_MS).toISOString();
  const earliest = (a: string | null, b: string) => (a === null || b < a ? b : a);
  let cursor = since;
  let newest: string | null = null;
  const seen = new Set<string>();
  let error: string | null = null;
  try {
    for (let page = 1; ; page++) {
      const answer = await client.listProducts({
        page,
        size,
        filters: since ? [{ key: "updatedAt", op: "greaterThan", value: since }] : [],
        order: [{ field: "updatedAt", dir: "asc" }],
      });
      counts.pages += 1;
      counts.read += answer.products.length;
      counts.skipped += answer.invalid;
      const rows: ProductRow[] = [];
      for (const product of answer.products) {
        seen.add(product.id);
        const row = rowOf(product);
        if (row) rows.push(row);
        else counts.skipped += 1;
      }
      for (const r of rows) {
        const at = r.updatedAt.toISOString();
        if (newest === null || at > newest) newest = at;
      }
      // Resume point: just before the newest moment stored (more of that moment may follow).
      const progress =
        newest === null ? cursor : earliest(new Date(new Date(newest).getTime() - 1).toISOString(), settled);
      await withOrg(ctx, async (tx) => {
        const done = await upsertProducts(tx, ctx.orgId, rows);
        counts.inserted += done.inserted;
        counts.updated += done.updated;
        counts.unchanged += done.unchanged;
        counts.skipped += done.skipped;
        await tx.syncRun.update({ where: { id: runId }, data: { cursor: progress, counts: { ...counts } } });
      });
      cursor = progress;
      if (answer.products.length + answer.invalid < size || page * size >= answer.totalCount) break;
    }
    if (newest !== null) cursor = earliest(newest, settled);
    if (mode === "full") counts.deactivated = await reconcile(ctx, client, seen);
  } catch (failure) {
    error = redactError(failure instanceof Error ? failure.message : String(failure), 2000);
    throw failure;
  } finally {
    await withOrg(ctx, (tx) =>
      tx.syncRun.update({
        where: { id: runId },
        data: { finishedAt: new Date(), counts: { ...counts }, error, cursor },
      }),
    );
  }
  return counts;
}

/** After a full walk: active Xentral products it did not list, checked once more, become inactive. */
async function reconcile(
  ctx: OrgContext,
  client: ReturnType<typeof clientOf>,
  seen: Set<string>,
): Promise<number> {
  const missing = await withOrg(ctx, (tx) =>
    tx.product.findMany({
      where: { orgId: ctx.orgId, source: "XENTRAL", active: true, externalId: { notIn: [...seen] } },
      select: { externalId: true, sku: true },
    }),
  );
  const gone: string[] = [];
  for (let i = 0; i < missing.length; i += PAGE_SIZE_MAX) {
    const chunk = missing.slice(i, i + PAGE_SIZE_MAX);
    const answer = await client.listProducts({
      page: 1,
      size: PAGE_SIZE_MAX,
      filters: [{ key: "number", op: "in", value: chunk.map((p) => p.sku).join(",") }],
    });
    const still = new Map(answer.products.map((p) => [p.id, p]));
    const rows: ProductRow[] = [];
    for (const p of chunk) {
      const product = p.externalId ? still.get(p.externalId) : undefined;
      const row = product ? rowOf(product) : null;
      if (row) rows.push(row);
      else if (p.externalId) gone.push(p.externalId);
    }
    await withOrg(ctx, (tx) => upsertProducts(tx, ctx.orgId, rows));
  }
  return withOrg(ctx, (tx) => deactivateProducts(tx, ctx.orgId, gone));
}

/** Every organisation with a Xentral connection, each in its own context (the jobs). */
export async function pullAllProducts(
  system: DbContext,
  mode: PullMode,
): Promise<PullCounts & { orgs: number; orgsFailed: number }> {
  const orgIds = await withContext(
    system,
    (tx) => tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM app_job_org_ids() AS id`,
  );
  const total = {
    orgs: orgIds.length,
    orgsFailed: 0,
    pages: 0,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    deactivated: 0,
    notConfigured: 0,
  };
  for (const { id } of orgIds) {
    try {
      const counts = await pullProducts({ ...system, orgId: id }, mode);
      for (const key of Object.keys(counts) as (keyof PullCounts)[]) total[key] += counts[key];
    } catch (error) {
      total.orgsFailed += 1;
      console.error(`[xentral-products] organisation ${id} failed`, redactError(String(error)));
    }
  }
  await flushCallRecords();
  return total;
}
