import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

import {
  COVER_REQUEST_PATH,
  GRADES_BATCH_MAX,
  GRADES_BATCH_PATH,
  SEARCH_PATH,
  TOKEN_PATH,
} from "@/lib/integrations/allianz-trade/wire";

export interface FakeCompany {
  companyId: string;
  companyName: string;
  city: string;
  countryCode: string;
  vatNumber: string | null;
  grade: number;
  gradeDate: string;
  cover: { coverStatus: string; amount: { value: number; currency: string }; decisionDate: string } | null;
}

export interface FakeAllianzOptions {
  apiKey?: string;
  /** Every answer waits this long (ms). */
  latencyMs?: number;
  /** Share of answers (not the token's) that are 503, 0…1. */
  failureRate?: number;
  /** Requests per second (all endpoints); beyond it 429 with Retry-After. 0: no limit. */
  ratePerSecond?: number;
  /** The token's lifetime (expires_in), seconds. */
  tokenTtlSeconds?: number;
  /** How many polls a cover job answers `pending` before `processed`. */
  pendingPolls?: number;
}

export interface FakeAllianz {
  url: string;
  apiKey: string;
  companies: Map<string, FakeCompany>;
  options: Required<FakeAllianzOptions>;
  /** Every request: method, path (with query), when (performance.now()), the status answered. */
  requests: { method: string; path: string; at: number; status: number }[];
  tokensIssued: number;
  /** Requests that reached the data (search, grade, grades, covers, jobs), not the token's. */
  dataCalls(): number;
  /** Grades answered (each company in a batch counts once). */
  gradesServed: number;
  /** Invalidates every issued token (the vendor revoked them). */
  revokeTokens(): void;
  addCompany(company: Partial<FakeCompany> & { companyId: string; companyName: string }): FakeCompany;
  close(): Promise<void>;
}

/**
 * A fake of Allianz Trade's API on 127.0.0.1 speaking the wire format of
 * lib/integrations/allianz-trade/wire.ts: the documented token call (`{apiKey}` → `{access_token,
 * token_type, expires_in}`; tokens expire, a wrong or expired one is 401), the company search, a
 * company's grade and cover, the batch grade read, and cover requests answered 202 with a jobId
 * that is `pending` for `pendingPolls` polls and then `processed` with a `ressourceUrl`. Latency,
 * failure rate (503) and a rate limit (429 with Retry-After) are configurable, also while it runs.
 */
export async function startFakeAllianz(options: FakeAllianzOptions = {}): Promise<FakeAllianz> {
  const opts: Required<FakeAllianzOptions> = {
    apiKey: options.apiKey ?? "allianz-test-api-key",
    latencyMs: options.latencyMs ?? 0,
    failureRate: options.failureRate ?? 0,
    ratePerSecond: options.ratePerSecond ?? 0,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    pendingPolls: options.pendingPolls ?? 1,
  };
  const tokens = new Map<string, number>();
  const jobs = new Map<
    string,
    { polls: number; coverId: string; companyId: string; value: number; currency: string }
  >();
  const covers = new Map<
    string,
    {
      coverId: string;
      companyId: string;
      coverStatus: string;
      value: number;
      currency: string;
      decisionDate: string;
    }
  >();
  let windowStart = 0;
  let windowCount = 0;

  const state: FakeAllianz = {
    url: "",
    apiKey: opts.apiKey,
    companies: new Map(),
    options: opts,
    requests: [],
    tokensIssued: 0,
    gradesServed: 0,
    dataCalls: () => state.requests.filter((r) => !r.path.startsWith(TOKEN_PATH)).length,
    revokeTokens: () => tokens.clear(),
    addCompany: (company) => {
      const full: FakeCompany = {
        city: "Berlin",
        countryCode: "DE",
        vatNumber: null,
        grade: 3,
        gradeDate: "2026-11-02T09:00:00Z",
        cover: null,
        ...company,
      };
      state.companies.set(full.companyId, full);
      return full;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const grade = (c: FakeCompany) => {
    state.gradesServed += 1;
    return { companyId: c.companyId, grade: c.grade, gradeDate: c.gradeDate, cover: c.cover };
  };

  const route = (
    method: string,
    url: URL,
    body: unknown,
    authorised: boolean,
  ): [number, unknown, Record<string, string>?] => {
    const path = url.pathname;
    if (method === "POST" && path === TOKEN_PATH) {
      if ((body as { apiKey?: unknown } | null)?.apiKey !== opts.apiKey)
        return [401, { error: "invalid apiKey" }];
      const token = randomBytes(16).toString("hex");
      tokens.set(token, Date.now() + opts.tokenTtlSeconds * 1000);
      state.tokensIssued += 1;
      return [200, { access_token: token, token_type: "Bearer", expires_in: opts.tokenTtlSeconds }];
    }
    if (!authorised) return [401, { error: "invalid or expired token" }];
    if (opts.failureRate > 0 && Math.random() < opts.failureRate) return [503, { error: "unavailable" }];
    if (method === "GET" && path === SEARCH_PATH) {
      const name = (url.searchParams.get("companyName") ?? "").toLowerCase();
      const city = url.searchParams.get("city")?.toLowerCase();
      const vat = url.searchParams.get("vatNumber");
      const found = [...state.companies.values()].filter(
        (c) =>
          (vat && c.vatNumber === vat) ||
          (c.companyName.toLowerCase().includes(name) && (!city || c.city.toLowerCase() === city)),
      );
      return [
        200,
        {
          companies: found.map((c) => ({
            companyId: c.companyId,
            companyName: c.companyName,
            address: { city: c.city, countryCode: c.countryCode },
            vatNumber: c.vatNumber,
          })),
        },
      ];
    }
    if (method === "GET" && path === GRADES_BATCH_PATH) {
      const ids = (url.searchParams.get("companyIds") ?? "").split(",").filter(Boolean);
      if (ids.length === 0 || ids.length > GRADES_BATCH_MAX) return [400, { error: "companyIds: 1 to 50" }];
      return [
        200,
        { grades: ids.flatMap((id) => (state.companies.has(id) ? [grade(state.companies.get(id)!)] : [])) },
      ];
    }
    const gradeMatch = /^\/v1\/companies\/([^/]+)\/grade$/.exec(path);
    if (method === "GET" && gradeMatch) {
      const company = state.companies.get(decodeURIComponent(gradeMatch[1]));
      return company ? [200, grade(company)] : [404, { error: "unknown company" }];
    }
    if (method === "POST" && path === COVER_REQUEST_PATH) {
      const request = body as {
        companyId?: string;
        requestedAmount?: { value?: number; currency?: string };
      } | null;
      const company = state.companies.get(request?.companyId ?? "");
      const value = request?.requestedAmount?.value;
      const currency = request?.requestedAmount?.currency;
      if (!company || typeof value !== "number" || value <= 0 || !/^[A-Z]{3}$/.test(currency ?? "")) {
        return [400, { error: "invalid cover request" }];
      }
      const jobId = `job-${randomBytes(6).toString("hex")}`;
      jobs.set(jobId, {
        polls: 0,
        coverId: `cov-${randomBytes(6).toString("hex")}`,
        companyId: company.companyId,
        value,
        currency: currency!,
      });
      return [202, { jobId }];
    }
    const jobMatch = /^\/v1\/jobs\/([^/]+)$/.exec(path);
    if (method === "GET" && jobMatch) {
      const job = jobs.get(decodeURIComponent(jobMatch[1]));
      if (!job) return [404, { error: "unknown job" }];
      job.polls += 1;
      if (job.polls <= opts.pendingPolls) return [200, { jobId: jobMatch[1], status: "pending" }];
      if (!covers.has(job.coverId)) {
        // Grades 1–5 get what they asked for, worse ones half of it.
        const company = state.companies.get(job.companyId)!;
        const granted = company.grade <= 5 ? job.value : Math.floor(job.value / 2);
        const decisionDate = new Date().toISOString();
        covers.set(job.coverId, {
          coverId: job.coverId,
          companyId: job.companyId,
          coverStatus: granted === job.value ? "GRANTED" : "PARTIALLY_GRANTED",
          value: granted,
          currency: job.currency,
          decisionDate,
        });
        company.cover = {
          coverStatus: covers.get(job.coverId)!.coverStatus,
          amount: { value: granted, currency: job.currency },
          decisionDate,
        };
      }
      return [200, { jobId: jobMatch[1], status: "processed", ressourceUrl: `/v1/covers/${job.coverId}` }];
    }
    const coverMatch = /^\/v1\/covers\/([^/]+)$/.exec(path);
    if (method === "GET" && coverMatch) {
      const cover = covers.get(decodeURIComponent(coverMatch[1]));
      if (!cover) return [404, { error: "unknown cover" }];
      return [
        200,
        {
          coverId: cover.coverId,
          companyId: cover.companyId,
          coverStatus: cover.coverStatus,
          amount: { value: cover.value, currency: cover.currency },
          decisionDate: cover.decisionDate,
        },
      ];
    }
    return [404, { error: "no such path" }];
  };

  const handle = (request: IncomingMessage, response: ServerResponse, raw: string) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const method = request.method ?? "GET";
    const entry = { method, path: `${url.pathname}${url.search}`, at: performance.now(), status: 0 };
    state.requests.push(entry);
    let status: number;
    let body: unknown;
    let headers: Record<string, string> = {};
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      windowCount = 0;
    }
    windowCount += 1;
    if (opts.ratePerSecond > 0 && windowCount > opts.ratePerSecond) {
      status = 429;
      body = { error: "too many requests" };
      headers = { "retry-after": "1" };
    } else {
      let parsed: unknown = null;
      try {
        parsed = raw ? JSON.parse(raw) : null;
      } catch {
        parsed = null;
      }
      const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      const expiresAt = bearer ? tokens.get(bearer) : undefined;
      [status, body, headers = {}] = route(method, url, parsed, expiresAt !== undefined && expiresAt > now);
    }
    if (opts.ratePerSecond > 0) {
      headers["x-ratelimit-limit"] = String(opts.ratePerSecond);
      headers["x-ratelimit-remaining"] = String(Math.max(0, opts.ratePerSecond - windowCount));
    }
    entry.status = status;
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(JSON.stringify(body));
    };
    if (opts.latencyMs > 0) setTimeout(send, opts.latencyMs);
    else send();
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, response, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
