import { z } from "zod";

/**
 * Xentral's wire format, as its public OpenAPI document (`xentral/api-spec-public`,
 * `openapi/xentral-api.openapi-3.0.0.json`) and developer.xentral.com describe it — kept in this one
 * module, shared by the client (lib/integrations/xentral/client.ts) and the test fake
 * (test/fakes/xentral.ts), so both speak the same thing:
 *
 * - Base `https://{xentralId}.xentral.biz`, `Authorization: Bearer <personal access token>`.
 * - Lists: deepObject query parameters `page[number]`, `page[size]` (10–50), `filter[i][key]`,
 *   `filter[i][op]`, `filter[i][value]`, `order[i][field]`, `order[i][dir]`; the answer is
 *   `{data, extra: {totalCount, page: {number, size}}}`. Customers page by cursor instead:
 *   `cursor[nextCursor]`, `cursor[size]`, answer `extra.cursor`.
 * - Rate limit 100 requests/min per instance and client IP; `X-RateLimit-Limit`, `-Remaining`; on 429
 *   also `Retry-After` and `X-RateLimit-Reset`.
 * - Errors: 400 `application/problem+json` with `type` (`…/problems/request-validation`,
 *   `generic-validation`, `conflict`, `conflictItems`), `title` and `violations` or `messages`; 401
 *   is `text/html` "Unauthorized".
 *
 * Not public here, and so our choice (README "Xentral"): the shape of `tax` on a sales order's
 * position, the envelope of a webhook delivery and its signature header (the webhook inbox's
 * `X-Webhook-Signature`), and how Xentral answers a second import with the same
 * `externalOrderNumber` (the fake answers 409 `conflict`).
 */

export const PRODUCTS_PATH = "/api/v1/products";
export const CUSTOMERS_PATH = "/api/v1/customers";
export const SALES_ORDER_IMPORT_PATH = "/api/v1/salesOrders/actions/import";
export const SALES_ORDERS_PATH = "/api/v1/salesOrders";

/** The spec's page sizes for `page[size]`. */
export const PAGE_SIZE_MIN = 10;
export const PAGE_SIZE_MAX = 50;
/** Documented: 100 requests per minute per instance and client IP. */
export const RATE_LIMIT_PER_MINUTE = 100;

export const PROBLEM_BASE = "https://api.xentral.biz/problems/";
export type ProblemType = "request-validation" | "generic-validation" | "conflict" | "conflictItems";

/** The webhook event types of products (`com.xentral.product.updated.v1`, …). */
export const PRODUCT_EVENTS = {
  "com.xentral.product.created.v1": "created",
  "com.xentral.product.updated.v1": "updated",
  "com.xentral.product.deleted.v1": "deleted",
} as const;
export type ProductEventType = keyof typeof PRODUCT_EVENTS;

const ZMoney = z.object({ amount: z.string(), currency: z.string() });
const ZRef = z.object({ id: z.string(), name: z.string().nullish() });

/** A product as `GET /api/v1/products` lists it; fields we do not use pass through untouched. */
export const ZXentralProduct = z.looseObject({
  id: z.string().regex(/^\d+$/),
  uuid: z.string().nullish(),
  number: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  shortDescription: z.string().nullish(),
  ean: z.string().nullish(),
  unit: z.object({ name: z.string().nullish() }).nullish(),
  category: ZRef.nullish(),
  project: ZRef.nullish(),
  salesPriceNet: ZMoney.nullish(),
  salesPriceGross: ZMoney.nullish(),
  purchasePriceNet: ZMoney.nullish(),
  stockCount: z.number().nullish(),
  isDisabled: z.boolean().nullish(),
  hasBestBeforeDate: z.boolean().nullish(),
  updatedAt: z.string(),
});
export type TXentralProduct = z.infer<typeof ZXentralProduct>;

export const ZProductPage = z.object({
  data: z.array(z.unknown()),
  extra: z.object({
    totalCount: z.number().int(),
    page: z.object({ number: z.number().int(), size: z.number().int() }),
  }),
});

export const ZXentralCustomer = z.looseObject({
  id: z.string().regex(/^\d+$/),
  type: z.string().nullish(),
  general: z.looseObject({
    number: z.string().nullish(),
    customerNumber: z.string().nullish(),
    name: z.string().nullish(),
    email: z.string().nullish(),
    phone: z.string().nullish(),
    vatNumber: z.string().nullish(),
    address: z
      .looseObject({
        street: z.string().nullish(),
        zip: z.string().nullish(),
        city: z.string().nullish(),
        country: z.string().nullish(),
      })
      .nullish(),
  }),
});
export type TXentralCustomer = z.infer<typeof ZXentralCustomer>;

export const ZCustomerPage = z.object({
  data: z.array(z.unknown()),
  extra: z.object({
    cursor: z.object({ nextCursor: z.string().nullish(), size: z.number().int().nullish() }).nullish(),
  }),
});

export const ZProblem = z.looseObject({
  type: z.string(),
  title: z.string().nullish(),
  violations: z
    .array(z.looseObject({ propertyPath: z.string().nullish(), message: z.string().nullish() }))
    .nullish(),
  messages: z.array(z.unknown()).nullish(),
});
export type TProblem = z.infer<typeof ZProblem>;

/** A list filter: `filter[i][key|op|value]`. */
export interface ListFilter {
  key: string;
  op: "equals" | "notEquals" | "greaterThan" | "lesserThan" | "in" | "contains" | "startsWith";
  value: string;
}

export interface ListOrder {
  field: string;
  dir: "asc" | "desc";
}

/** deepObject query parameters as Xentral reads them. */
export function listQuery(options: {
  page?: { number: number; size: number };
  cursor?: { next?: string | null; size: number };
  filters?: ListFilter[];
  order?: ListOrder[];
}): URLSearchParams {
  const q = new URLSearchParams();
  if (options.page) {
    q.set("page[number]", String(options.page.number));
    q.set("page[size]", String(options.page.size));
  }
  if (options.cursor) {
    if (options.cursor.next) q.set("cursor[nextCursor]", options.cursor.next);
    q.set("cursor[size]", String(options.cursor.size));
  }
  options.filters?.forEach((f, i) => {
    q.set(`filter[${i}][key]`, f.key);
    q.set(`filter[${i}][op]`, f.op);
    q.set(`filter[${i}][value]`, f.value);
  });
  options.order?.forEach((o, i) => {
    q.set(`order[${i}][field]`, o.field);
    q.set(`order[${i}][dir]`, o.dir);
  });
  return q;
}

/** The filters and orders of a query string, read back (the fake's side of listQuery). */
export function readListQuery(q: URLSearchParams): {
  page: { number: number; size: number } | null;
  cursor: { next: string | null; size: number } | null;
  filters: ListFilter[];
  order: ListOrder[];
} {
  const indexed = (prefix: string) => {
    const rows = new Map<number, Record<string, string>>();
    for (const [name, value] of q) {
      const m = new RegExp(`^${prefix}\\[(\\d+)\\]\\[(\\w+)\\]$`).exec(name);
      if (!m) continue;
      const row = rows.get(Number(m[1])) ?? Object.create(null);
      row[m[2]] = value;
      rows.set(Number(m[1]), row);
    }
    return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  };
  const pageNumber = q.get("page[number]");
  const pageSize = q.get("page[size]");
  const cursorSize = q.get("cursor[size]");
  return {
    page:
      pageNumber !== null || pageSize !== null
        ? { number: Number(pageNumber ?? 1), size: Number(pageSize ?? PAGE_SIZE_MIN) }
        : null,
    cursor: cursorSize !== null ? { next: q.get("cursor[nextCursor]"), size: Number(cursorSize) } : null,
    filters: indexed("filter").map((r) => ({
      key: r.key ?? "",
      op: (r.op ?? "equals") as ListFilter["op"],
      value: r.value ?? "",
    })),
    order: indexed("order").map((r) => ({
      field: r.field ?? "",
      dir: r.dir === "desc" ? "desc" : "asc",
    })),
  };
}

/** The body of `POST /api/v1/salesOrders/actions/import`. */
export interface SalesOrderImport {
  date: string;
  externalOrderNumber: string;
  customerOrderNumber?: string;
  customer: { id: string };
  project: { id: string };
  financials: { paymentMethod: { id: string }; currency: string };
  delivery: { shippingMethod: { id: string }; autoShipping: boolean };
  positions: {
    product: { id: string };
    quantity: number;
    price: { amount: string; currency: string };
    tax: { rate: string };
  }[];
}
