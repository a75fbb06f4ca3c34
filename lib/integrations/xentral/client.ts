import "server-only";

import type { DbContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { IntegrationError, isNetworkError, retryAfterMs } from "../errors";
import { callVendor, type CallOptions } from "../resilience";
import {
  CUSTOMERS_PATH,
  PAGE_SIZE_MAX,
  PRODUCTS_PATH,
  SALES_ORDER_IMPORT_PATH,
  ZCustomerPage,
  ZProblem,
  ZProductPage,
  ZXentralCustomer,
  ZXentralProduct,
  listQuery,
  type ListFilter,
  type ListOrder,
  type SalesOrderImport,
  type TProblem,
  type TXentralCustomer,
  type TXentralProduct,
} from "./wire";

/**
 * The Xentral REST client: Bearer personal access token, every request through `callVendor` (the
 * XENTRAL policy: 100/min quota fed by X-RateLimit-Remaining/-Reset, retries of reads on 429 after
 * Retry-After, breaker). A failed answer becomes a XentralError: 429 and 5xx transient, the rest
 * the vendor refusing this request — its problem+json (`violations`) or, for 401, text/html.
 */

export interface XentralTarget {
  ctx: DbContext & { orgId: string };
  connectionId: string;
  /** `https://{xentralId}.xentral.biz`, or the fake's loopback URL in tests. */
  baseUrl: string;
  token: string;
}

export class XentralError extends IntegrationError {
  readonly problem: TProblem | null;

  constructor(message: string, status: number, problem: TProblem | null, retryAfter?: number) {
    super(message, { status, transient: status === 429 || status >= 500, retryAfterMs: retryAfter });
    this.name = "XentralError";
    this.problem = problem;
  }
}

async function failure(response: Response, operation: string): Promise<XentralError> {
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text().catch(() => "");
  let problem: TProblem | null = null;
  if (type.includes("json")) {
    try {
      const parsed = ZProblem.safeParse(JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // not JSON after all: the status alone speaks
    }
  }
  const retry =
    retryAfterMs(response.headers.get("retry-after")) ??
    (response.status === 429 ? resetMs(response.headers.get("x-ratelimit-reset")) : undefined);
  const title = problem?.title ? `: ${problem.title}` : response.status === 401 ? ": Unauthorized" : "";
  return new XentralError(
    `Xentral ${operation}: HTTP ${response.status}${title}`,
    response.status,
    problem,
    retry,
  );
}

/** X-RateLimit-Reset as a wait: epoch seconds when large, else seconds from now. */
function resetMs(value: string | null, now = Date.now()): number | undefined {
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  return n > 1_000_000_000 ? Math.max(0, n * 1000 - now) : n * 1000;
}

/** Our error for a Xentral failure the user sees (services call this on what callVendor threw). */
export function toAppError(error: unknown): unknown {
  if (!(error instanceof XentralError)) return error;
  const status = error.status ?? 0;
  if (status === 401 || status === 403) {
    return new AppError(
      "unavailable",
      "Xentral refused the access token (expired, revoked or lacking rights).",
      {
        text: { code: "xentral.errors.tokenRefused" },
      },
    );
  }
  if (status === 409) {
    return new AppError("conflict", error.problem?.title ?? "Xentral reports a conflict.", {
      text: { code: "xentral.errors.conflict" },
    });
  }
  if (status === 400 || status === 422) {
    const violations = error.problem?.violations ?? [];
    return new AppError("unprocessable", error.problem?.title ?? "Xentral refused the request.", {
      text: { code: "xentral.errors.refused", params: { title: error.problem?.title ?? String(status) } },
      fieldErrors: violations.map((v) => ({
        path: v.propertyPath ?? "",
        message: v.message ?? "invalid",
      })),
    });
  }
  if (status === 429) {
    return new AppError("rate_limited", "Xentral's rate limit is used up; try again later.", {
      retryAfterSeconds: Math.ceil((error.retryAfterMs ?? 60_000) / 1000),
    });
  }
  return new AppError("unavailable", `Xentral answered HTTP ${status}.`, {
    text: { code: "xentral.errors.unavailable", params: { status } },
  });
}

export class XentralClient {
  readonly target: XentralTarget;
  private readonly options: CallOptions;

  constructor(target: XentralTarget, options: CallOptions = {}) {
    this.target = target;
    this.options = options;
  }

  /** One call; `read` takes the answer inside the attempt (its signal ends with the attempt). */
  private async request<T>(
    operation: string,
    method: "GET" | "POST",
    path: string,
    init: { query?: URLSearchParams; body?: unknown; idempotent: boolean },
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const url = new URL(path, this.target.baseUrl);
    if (init.query) url.search = init.query.toString();
    return callVendor(
      {
        ctx: this.target.ctx,
        provider: "XENTRAL",
        connectionId: this.target.connectionId,
        operation,
        idempotent: init.idempotent,
        run: async ({ signal, observe }) => {
          let response: Response;
          try {
            response = await fetch(url, {
              method,
              headers: {
                authorization: `Bearer ${this.target.token}`,
                accept: "application/json",
                ...(init.body === undefined ? {} : { "content-type": "application/json" }),
              },
              body: init.body === undefined ? undefined : JSON.stringify(init.body),
              signal,
              redirect: "error",
            });
          } catch (error) {
            if (isNetworkError(error)) {
              throw new IntegrationError(`Xentral ${operation}: ${(error as Error).message}`, {
                transient: true,
              });
            }
            throw error;
          }
          observe(response.headers);
          if (!response.ok) throw await failure(response, operation);
          return read(response);
        },
      },
      this.options,
    );
  }

  /** One page of products (`page[number]` from 1), optionally filtered and ordered. */
  async listProducts(options: {
    page: number;
    size?: number;
    filters?: ListFilter[];
    order?: ListOrder[];
  }): Promise<{ products: TXentralProduct[]; invalid: number; totalCount: number }> {
    const query = listQuery({
      page: { number: options.page, size: options.size ?? PAGE_SIZE_MAX },
      filters: options.filters,
      order: options.order,
    });
    const page = await this.request(
      "products.list",
      "GET",
      PRODUCTS_PATH,
      { query, idempotent: true },
      async (r) => ZProductPage.parse(await r.json()),
    );
    const products: TXentralProduct[] = [];
    let invalid = 0;
    for (const row of page.data) {
      const parsed = ZXentralProduct.safeParse(row);
      if (parsed.success) products.push(parsed.data);
      else invalid += 1;
    }
    return { products, invalid, totalCount: page.extra.totalCount };
  }

  /** One cursor page of customers. */
  async listCustomers(options: {
    cursor?: string | null;
    size?: number;
    filters?: ListFilter[];
  }): Promise<{ customers: TXentralCustomer[]; nextCursor: string | null }> {
    const query = listQuery({
      cursor: { next: options.cursor, size: options.size ?? PAGE_SIZE_MAX },
      filters: options.filters,
    });
    const page = await this.request(
      "customers.list",
      "GET",
      CUSTOMERS_PATH,
      { query, idempotent: true },
      async (r) => ZCustomerPage.parse(await r.json()),
    );
    const customers = page.data.flatMap((row) => {
      const parsed = ZXentralCustomer.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
    return { customers, nextCursor: page.extra.cursor?.nextCursor ?? null };
  }

  /**
   * Imports a sales order; answers the new order's `Location`. Never retried (not idempotent on
   * Xentral's side): the caller keeps the externalOrderNumber and knows what was sent.
   */
  async importSalesOrder(order: SalesOrderImport): Promise<{ location: string }> {
    return this.request(
      "sales_orders.import",
      "POST",
      SALES_ORDER_IMPORT_PATH,
      { body: order, idempotent: false },
      async (response) => {
        await response.arrayBuffer();
        const location = response.headers.get("location");
        if (!location)
          throw new XentralError("Xentral sales_orders.import: 201 without Location", response.status, null);
        return { location: new URL(location, this.target.baseUrl).toString() };
      },
    );
  }
}
