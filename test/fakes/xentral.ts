import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import { signWebhook } from "@/lib/integrations/webhook-signature";
import {
  CUSTOMERS_PATH,
  PAGE_SIZE_MAX,
  PAGE_SIZE_MIN,
  PROBLEM_BASE,
  PRODUCTS_PATH,
  RATE_LIMIT_PER_MINUTE,
  SALES_ORDER_IMPORT_PATH,
  readListQuery,
  type ListFilter,
  type ProductEventType,
} from "@/lib/integrations/xentral/wire";

/** A product as the fake keeps it (Xentral's fields; `updatedAt` ISO 8601). */
export interface FakeProduct {
  id: string;
  uuid: string;
  number: string;
  name: string;
  description: string | null;
  shortDescription: string | null;
  ean: string | null;
  unit: { name: string } | null;
  category: { id: string; name: string } | null;
  project: { id: string; name: string } | null;
  salesPriceNet: { amount: string; currency: string } | null;
  isDisabled: boolean;
  hasBestBeforeDate: boolean;
  stockCount: number;
  updatedAt: string;
}

export interface FakeCustomer {
  id: string;
  type: "company" | "person";
  general: {
    number: string;
    customerNumber: string;
    name: string;
    email: string | null;
    phone: string | null;
    vatNumber: string | null;
    address: { street: string; zip: string; city: string; country: string };
  };
  tags: string[];
  freeFields: unknown[];
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  at: number;
}

export interface FakeXentral {
  /** The instance's base URL (instead of https://{xentralId}.xentral.biz). */
  url: string;
  token: string;
  products: Map<string, FakeProduct>;
  customers: FakeCustomer[];
  /** Imported sales orders by their Xentral id, with the body as received. */
  salesOrders: Map<string, { body: Record<string, unknown>; released: boolean }>;
  requests: FakeRequest[];
  /** Latency of every answer (ms). */
  latencyMs: number;
  /** Requests per sliding minute before 429 (Xentral: 100). */
  perMinute: number;
  /** Share of requests (0–1) answered 503, at random. */
  failureRate: number;
  /** After `skip` requests, the next n answer 429 with Retry-After: seconds (whatever the limit says). */
  throttleNext(n: number, retryAfterSeconds: number, skip?: number): void;
  /** The next n requests answer with this status (problem+json, or text/html for 401). */
  failNext(n: number, status: number): void;
  /** Adds (or replaces) products, numbered from `from`; updatedAt as given or now. */
  seedProducts(count: number, options?: { from?: number; updatedAt?: Date; prefix?: string }): FakeProduct[];
  /** Changes a product (updatedAt moves to `at`, default now). */
  touch(id: string, change: Partial<FakeProduct>, at?: Date): FakeProduct;
  /** A signed product event (body and headers) as Xentral's webhook would send it. */
  signedEvent(
    secret: string,
    type: ProductEventType,
    product: Pick<FakeProduct, "id"> & Partial<FakeProduct>,
    eventId?: string,
  ): { body: string; headers: Record<string, string> };
  /** Signs and posts a product event to the app's webhook inbox, as Xentral's webhook would. */
  deliverWebhook(
    url: string,
    secret: string,
    type: ProductEventType,
    product: Pick<FakeProduct, "id"> & Partial<FakeProduct>,
    eventId?: string,
  ): Promise<Response>;
  close(): Promise<void>;
}

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};

const problem = (
  response: ServerResponse,
  status: number,
  type: "request-validation" | "generic-validation" | "conflict" | "conflictItems",
  title: string,
  violations: { propertyPath: string; message: string }[] = [],
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { "content-type": "application/problem+json", ...headers });
  response.end(JSON.stringify({ type: `${PROBLEM_BASE}${type}`, title, violations }));
};

function matches(value: unknown, filter: ListFilter): boolean {
  const text = value === null || value === undefined ? "" : String(value);
  switch (filter.op) {
    case "equals":
      return text === filter.value;
    case "notEquals":
      return text !== filter.value;
    case "greaterThan":
      return filter.key === "updatedAt" ? Date.parse(text) > Date.parse(filter.value) : text > filter.value;
    case "lesserThan":
      return filter.key === "updatedAt" ? Date.parse(text) < Date.parse(filter.value) : text < filter.value;
    case "in":
      return filter.value.split(",").includes(text);
    case "contains":
      return text.toLowerCase().includes(filter.value.toLowerCase());
    case "startsWith":
      return text.toLowerCase().startsWith(filter.value.toLowerCase());
  }
}

const PRODUCT_FILTERS: Record<string, (p: FakeProduct) => unknown> = {
  updatedAt: (p) => p.updatedAt,
  number: (p) => p.number,
  category: (p) => p.category?.id,
  id: (p) => p.id,
  isDisabled: (p) => p.isDisabled,
};
const CUSTOMER_FILTERS: Record<string, (c: FakeCustomer) => unknown> = {
  number: (c) => c.general.number,
  name: (c) => c.general.name,
  email: (c) => c.general.email,
  vatNumber: (c) => c.general.vatNumber,
  zip: (c) => c.general.address.zip,
};

/**
 * A Xentral instance on 127.0.0.1 speaking the wire format of lib/integrations/xentral/wire.ts:
 * Bearer token (401 text/html otherwise), products by page with filters and order, customers by
 * cursor, sales order import (201 + Location, 400 problem+json with violations, 409 for a repeated
 * externalOrderNumber), the rate limit with its headers and 429 + Retry-After/X-RateLimit-Reset,
 * and configurable latency, random 503s and scripted failures. Webhook deliveries are signed as
 * the webhook inbox checks them.
 */
export async function startFakeXentral(
  options: { latencyMs?: number; perMinute?: number; failureRate?: number; token?: string } = {},
): Promise<FakeXentral> {
  const starts: number[] = [];
  const throttles: (number | null)[] = [];
  const failures: number[] = [];
  let nextProductId = 1000;
  let nextOrderId = 5000;
  const state: FakeXentral = {
    url: "",
    token: options.token ?? `pat_${randomUUID().replaceAll("-", "")}`,
    products: new Map(),
    customers: [],
    salesOrders: new Map(),
    requests: [],
    latencyMs: options.latencyMs ?? 0,
    perMinute: options.perMinute ?? RATE_LIMIT_PER_MINUTE,
    failureRate: options.failureRate ?? 0,
    throttleNext: (n, seconds, skip = 0) =>
      void throttles.push(...Array<null>(skip).fill(null), ...Array<number>(n).fill(seconds)),
    failNext: (n, status) => void failures.push(...Array<number>(n).fill(status)),
    seedProducts(count, seed = {}) {
      const from = seed.from ?? state.products.size + 1;
      const made: FakeProduct[] = [];
      for (let i = from; i < from + count; i++) {
        const id = String(nextProductId++);
        const product: FakeProduct = {
          id,
          uuid: randomUUID(),
          number: `${seed.prefix ?? "XN"}-${String(i).padStart(5, "0")}`,
          name: `Produkt ${i}`,
          description: `Beschreibung ${i}`,
          shortDescription: null,
          ean: String(4000000000000 + i),
          unit: { name: "Stück" },
          category: { id: String(1 + (i % 4)), name: ["Obst", "Gemüse", "Molkerei", "Backwaren"][i % 4] },
          project: { id: "1", name: "Standard" },
          salesPriceNet: { amount: (1 + (i % 50) / 10).toFixed(2), currency: "EUR" },
          isDisabled: false,
          hasBestBeforeDate: i % 3 === 0,
          stockCount: i % 100,
          updatedAt: (seed.updatedAt ?? new Date()).toISOString(),
        };
        state.products.set(id, product);
        made.push(product);
      }
      return made;
    },
    touch(id, change, at = new Date()) {
      const product = state.products.get(id);
      if (!product) throw new Error(`no product ${id}`);
      Object.assign(product, change, { updatedAt: at.toISOString() });
      return product;
    },
    signedEvent(secret, type, product, eventId = randomUUID()) {
      const body = JSON.stringify({ id: eventId, type, occurredAt: new Date().toISOString(), data: product });
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        body,
        headers: {
          "content-type": "application/json",
          "x-webhook-timestamp": String(timestamp),
          "x-webhook-signature": signWebhook(secret, timestamp, body),
        },
      };
    },
    async deliverWebhook(url, secret, type, product, eventId) {
      const { body, headers } = state.signedEvent(secret, type, product, eventId);
      return fetch(url, { method: "POST", headers, body });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const quotaHeaders = (now: number) => {
    while (starts.length > 0 && starts[0] <= now - 60_000) starts.shift();
    const remaining = Math.max(0, state.perMinute - starts.length);
    return {
      "x-ratelimit-limit": String(state.perMinute),
      "x-ratelimit-remaining": String(remaining),
    };
  };

  const listProducts = (
    query: URLSearchParams,
    response: ServerResponse,
    headers: Record<string, string>,
  ) => {
    const { page, filters, order } = readListQuery(query);
    const size = page?.size ?? PAGE_SIZE_MIN;
    const number = page?.number ?? 1;
    const violations: { propertyPath: string; message: string }[] = [];
    if (!Number.isInteger(size) || size < PAGE_SIZE_MIN || size > PAGE_SIZE_MAX) {
      violations.push({
        propertyPath: "page[size]",
        message: `This value should be between ${PAGE_SIZE_MIN} and ${PAGE_SIZE_MAX}.`,
      });
    }
    if (!Number.isInteger(number) || number < 1) {
      violations.push({ propertyPath: "page[number]", message: "This value should be 1 or more." });
    }
    for (const f of filters) {
      if (!PRODUCT_FILTERS[f.key])
        violations.push({ propertyPath: "filter", message: `Unknown filter ${f.key}.` });
    }
    if (violations.length > 0) {
      return problem(response, 400, "request-validation", "Request validation failed", violations, headers);
    }
    let rows = [...state.products.values()].filter((p) =>
      filters.every((f) => matches(PRODUCT_FILTERS[f.key](p), f)),
    );
    const sorters = order.length > 0 ? order : [{ field: "id", dir: "asc" as const }];
    rows = rows.sort((a, b) => {
      for (const o of sorters) {
        const key = o.field as keyof FakeProduct;
        const x = key === "id" ? Number(a.id) : String(a[key]);
        const y = key === "id" ? Number(b.id) : String(b[key]);
        if (x !== y) return (x < y ? -1 : 1) * (o.dir === "desc" ? -1 : 1);
      }
      return Number(a.id) - Number(b.id);
    });
    const data = rows.slice((number - 1) * size, number * size);
    json(response, 200, { data, extra: { totalCount: rows.length, page: { number, size } } }, headers);
  };

  const listCustomers = (
    query: URLSearchParams,
    response: ServerResponse,
    headers: Record<string, string>,
  ) => {
    const { cursor, filters } = readListQuery(query);
    const size = cursor?.size ?? PAGE_SIZE_MIN;
    if (!Number.isInteger(size) || size < PAGE_SIZE_MIN || size > PAGE_SIZE_MAX) {
      return problem(
        response,
        400,
        "request-validation",
        "Request validation failed",
        [
          {
            propertyPath: "cursor[size]",
            message: `This value should be between ${PAGE_SIZE_MIN} and ${PAGE_SIZE_MAX}.`,
          },
        ],
        headers,
      );
    }
    for (const f of filters) {
      if (!CUSTOMER_FILTERS[f.key]) {
        return problem(
          response,
          400,
          "request-validation",
          "Request validation failed",
          [{ propertyPath: "filter", message: `Unknown filter ${f.key}.` }],
          headers,
        );
      }
    }
    const offset = cursor?.next ? Number(Buffer.from(cursor.next, "base64").toString("utf8")) : 0;
    const rows = state.customers.filter((c) => filters.every((f) => matches(CUSTOMER_FILTERS[f.key](c), f)));
    const data = rows.slice(offset, offset + size);
    const next = offset + size < rows.length ? Buffer.from(String(offset + size)).toString("base64") : null;
    json(response, 200, { data, extra: { cursor: { nextCursor: next, size } } }, headers);
  };

  const importOrder = (raw: string, response: ServerResponse, headers: Record<string, string>) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return problem(response, 400, "request-validation", "Malformed JSON", [], headers);
    }
    const violations: { propertyPath: string; message: string }[] = [];
    const need = (path: string, value: unknown) => {
      if (value === undefined || value === null || value === "") {
        violations.push({ propertyPath: path, message: "This value should not be blank." });
      }
    };
    const get = (path: string) =>
      path
        .split(".")
        .reduce<unknown>(
          (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
          body,
        );
    for (const path of [
      "date",
      "customer.id",
      "project.id",
      "financials.paymentMethod.id",
      "financials.currency",
      "delivery.shippingMethod.id",
      "delivery.autoShipping",
    ]) {
      need(path, get(path));
    }
    const positions = Array.isArray(body.positions) ? (body.positions as Record<string, unknown>[]) : [];
    if (positions.length === 0)
      violations.push({
        propertyPath: "positions",
        message: "This collection should contain 1 element or more.",
      });
    positions.forEach((p, i) => {
      const productId = (p.product as { id?: string } | undefined)?.id;
      if (!productId || !state.products.has(productId)) {
        violations.push({ propertyPath: `positions[${i}].product.id`, message: "Product not found." });
      }
      if (typeof p.quantity !== "number" || p.quantity <= 0) {
        violations.push({
          propertyPath: `positions[${i}].quantity`,
          message: "This value should be positive.",
        });
      }
      need(`positions[${i}].price.amount`, (p.price as { amount?: string } | undefined)?.amount);
    });
    const customerId = get("customer.id");
    if (customerId && !state.customers.some((c) => c.id === customerId)) {
      violations.push({ propertyPath: "customer.id", message: "Customer not found." });
    }
    if (violations.length > 0) {
      return problem(response, 400, "request-validation", "Request validation failed", violations, headers);
    }
    const external = body.externalOrderNumber;
    if (external && [...state.salesOrders.values()].some((o) => o.body.externalOrderNumber === external)) {
      return problem(
        response,
        409,
        "conflict",
        `A sales order with external number ${String(external)} exists.`,
        [],
        headers,
      );
    }
    const id = String(nextOrderId++);
    state.salesOrders.set(id, { body, released: get("delivery.autoShipping") !== false });
    response.writeHead(201, {
      location: `${SALES_ORDER_IMPORT_PATH.replace("/actions/import", "")}/${id}`,
      ...headers,
    });
    response.end();
  };

  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://fake");
      const log: FakeRequest = {
        method: request.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        status: 0,
        at: Date.now(),
      };
      state.requests.push(log);
      const answer = () => {
        if (response.destroyed) return;
        const original = response.writeHead.bind(response);
        response.writeHead = ((status: number, ...rest: unknown[]) => {
          log.status = status;
          return original(status, ...(rest as [Record<string, string>]));
        }) as typeof response.writeHead;
        const now = Date.now();
        if (request.headers.authorization !== `Bearer ${state.token}`) {
          response.writeHead(401, { "content-type": "text/html; charset=UTF-8" });
          return response.end("<html><body><h1>Unauthorized</h1></body></html>");
        }
        const throttle = throttles.shift();
        const headers = quotaHeaders(now);
        if ((throttle !== undefined && throttle !== null) || starts.length >= state.perMinute) {
          const wait = throttle ?? Math.ceil((starts[0] + 60_000 - now) / 1000);
          const reset = Math.ceil(now / 1000) + wait;
          return problem(response, 429, "generic-validation", "Too Many Requests", [], {
            ...headers,
            "x-ratelimit-remaining": "0",
            "retry-after": String(wait),
            "x-ratelimit-reset": String(reset),
          });
        }
        starts.push(now);
        Object.assign(headers, quotaHeaders(now));
        const failure = failures.shift() ?? (Math.random() < state.failureRate ? 503 : undefined);
        if (failure !== undefined) {
          if (failure === 401) {
            response.writeHead(401, { "content-type": "text/html; charset=UTF-8", ...headers });
            return response.end("<html><body><h1>Unauthorized</h1></body></html>");
          }
          return problem(response, failure, "generic-validation", `Fake failure ${failure}`, [], headers);
        }
        const body = Buffer.concat(chunks).toString("utf8");
        if (request.method === "GET" && url.pathname === PRODUCTS_PATH)
          return listProducts(url.searchParams, response, headers);
        if (request.method === "GET" && url.pathname === CUSTOMERS_PATH)
          return listCustomers(url.searchParams, response, headers);
        if (request.method === "POST" && url.pathname === SALES_ORDER_IMPORT_PATH)
          return importOrder(body, response, headers);
        json(response, 404, { type: `${PROBLEM_BASE}generic-validation`, title: "Not Found" }, headers);
      };
      if (state.latencyMs > 0) setTimeout(answer, state.latencyMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
