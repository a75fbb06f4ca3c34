import "server-only";

import { csvRow, UTF8_BOM } from "@/lib/audit/csv";
import { authorize, can } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { listMemberRows } from "@/lib/leads/queries";

import {
  countBoxesByStatus,
  listBoxRows,
  medianHoursToFeedback,
  ratingsByProduct,
  responseByPartner,
  responseByProduct,
  type ResponseRow,
} from "./queries";
import { BOX_STATUSES, type TBoxStatus, type TSamplesFilter } from "./schemas";

/**
 * The Samples area: the pipeline of boxes by status, the filterable list, and how customers answer
 * (response rate per partner and per product, median time to an answer, average rating per product).
 * Every figure is computed under the caller's row-level security: a partner's figures are those of
 * the leads they may read, a manager's the organisation's.
 */

const LIST_LIMIT = 500;

export interface BoxListRow {
  id: string;
  leadId: string;
  companyName: string;
  status: TBoxStatus;
  ownerName: string | null;
  skus: string[];
  configuredAt: string;
  statusAt: string;
  feedbackCount: number;
}

export interface KpiRow {
  /** A partner's user id or a product's sku; null for leads without a partner. */
  key: string | null;
  name: string | null;
  invited: number;
  submitted: number;
  /** submitted / invited, 0…1; null when nobody was invited. */
  rate: number | null;
}

export interface ProductKpiRow extends KpiRow {
  averageRating: number | null;
  ratings: number;
}

export interface SamplesKpis {
  invited: number;
  submitted: number;
  rate: number | null;
  medianHoursToFeedback: number | null;
  byPartner: KpiRow[];
  byProduct: ProductKpiRow[];
}

export interface SamplesOverview {
  counts: Record<TBoxStatus, number>;
  boxes: BoxListRow[];
  /** More boxes match than the list shows. */
  truncated: boolean;
  kpis: SamplesKpis;
  /** The filters' choices: the organisation's members who own leads, the catalogue. */
  partners: { id: string; name: string }[];
  products: { sku: string; name: string }[];
  canManageProducts: boolean;
}

const rate = (submitted: number, invited: number) => (invited > 0 ? submitted / invited : null);
const withRate = (row: ResponseRow): KpiRow => ({ ...row, rate: rate(row.submitted, row.invited) });

async function readKpis(tx: Parameters<typeof listBoxRows>[0], orgId: string): Promise<SamplesKpis> {
  const byPartner = (await responseByPartner(tx, orgId)).map(withRate);
  const response = await responseByProduct(tx, orgId);
  const ratings = await ratingsByProduct(tx, orgId);
  const skus = [...new Set([...response.map((r) => r.key as string), ...ratings.map((r) => r.sku)])];
  const byProduct = skus
    .map((sku): ProductKpiRow => {
      const answered = response.find((r) => r.key === sku);
      const rated = ratings.find((r) => r.sku === sku);
      return {
        key: sku,
        name: answered?.name ?? rated?.name ?? sku,
        invited: answered?.invited ?? 0,
        submitted: answered?.submitted ?? 0,
        rate: answered ? rate(answered.submitted, answered.invited) : null,
        averageRating: rated ? Math.round(rated.average * 100) / 100 : null,
        ratings: rated?.ratings ?? 0,
      };
    })
    .sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "") || (a.key ?? "").localeCompare(b.key ?? ""));
  const invited = byPartner.reduce((sum, r) => sum + r.invited, 0);
  const submitted = byPartner.reduce((sum, r) => sum + r.submitted, 0);
  return {
    invited,
    submitted,
    rate: rate(submitted, invited),
    medianHoursToFeedback: await medianHoursToFeedback(tx, orgId),
    byPartner,
    byProduct,
  };
}

export async function samplesOverview(ctx: MemberContext, filter: TSamplesFilter): Promise<SamplesOverview> {
  authorize(ctx, "org.read", { type: "org", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    const rows = await listBoxRows(tx, ctx.orgId, filter, LIST_LIMIT + 1);
    const counted = await countBoxesByStatus(tx, ctx.orgId, filter);
    const counts = Object.fromEntries(BOX_STATUSES.map((s) => [s, 0])) as Record<TBoxStatus, number>;
    for (const c of counted) counts[c.status as TBoxStatus] = c.count;
    const members = await listMemberRows(tx, ctx.orgId);
    const products = await tx.product.findMany({
      where: { orgId: ctx.orgId },
      select: { sku: true, name: true },
      orderBy: [{ name: "asc" }, { sku: "asc" }],
      take: 1000,
    });
    return {
      counts,
      boxes: rows.slice(0, LIST_LIMIT).map((r) => ({
        id: r.id,
        leadId: r.leadId,
        companyName: r.companyName,
        status: r.status as TBoxStatus,
        ownerName: r.ownerName,
        skus: r.skus,
        configuredAt: r.configuredAt.toISOString(),
        statusAt: r.statusAt.toISOString(),
        feedbackCount: r.feedbackCount,
      })),
      truncated: rows.length > LIST_LIMIT,
      kpis: await readKpis(tx, ctx.orgId),
      partners: members
        .filter((m) => m.role === "sales" || m.role === "manager" || m.role === "admin")
        .map((m) => ({ id: m.user.id, name: m.user.name })),
      products,
      canManageProducts: can(ctx, "product.manage", { type: "product", orgId: ctx.orgId }),
    };
  });
}

/** The CSV export's columns; stable names for scripts, so they are not translated. */
export const KPI_CSV_HEADER = [
  "scope",
  "key",
  "name",
  "invited",
  "submitted",
  "response_rate",
  "average_rating",
  "ratings",
  "median_hours_to_feedback",
] as const;

/** The response figures as CSV: one row for all, one per partner, one per product. */
export async function samplesKpiCsv(ctx: MemberContext): Promise<string> {
  authorize(ctx, "org.read", { type: "org", orgId: ctx.orgId });
  const kpis = await withOrg(ctx, (tx) => readKpis(tx, ctx.orgId));
  const fixed = (value: number | null, digits: number) => (value === null ? null : value.toFixed(digits));
  const lines = [
    csvRow(KPI_CSV_HEADER),
    csvRow([
      "all",
      null,
      null,
      kpis.invited,
      kpis.submitted,
      fixed(kpis.rate, 4),
      null,
      null,
      fixed(kpis.medianHoursToFeedback, 1),
    ]),
    ...kpis.byPartner.map((r) =>
      csvRow(["partner", r.key, r.name, r.invited, r.submitted, fixed(r.rate, 4), null, null, null]),
    ),
    ...kpis.byProduct.map((r) =>
      csvRow([
        "product",
        r.key,
        r.name,
        r.invited,
        r.submitted,
        fixed(r.rate, 4),
        fixed(r.averageRating, 2),
        r.ratings,
        null,
      ]),
    ),
  ];
  return UTF8_BOM + lines.join("");
}
