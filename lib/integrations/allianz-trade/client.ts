import "server-only";

import { createHash } from "node:crypto";

import type { z } from "zod";

import type { DbContext } from "@/lib/db";

import { httpError, IntegrationError, isNetworkError } from "../errors";
import { callVendor, policyFor, type CallRecorder, type ProviderPolicy } from "../resilience";
import {
  authorization,
  COVER_REQUEST_PATH,
  coverRequestBody,
  GRADES_BATCH_MAX,
  GRADES_BATCH_PATH,
  gradePath,
  gradesBatchQuery,
  jobPath,
  SEARCH_PATH,
  searchQuery,
  TOKEN_PATH,
  tokenBody,
  ZCoverResource,
  ZGradeAnswer,
  ZGradesBatchAnswer,
  ZJobAccepted,
  ZJobAnswer,
  ZSearchAnswer,
  ZTokenAnswer,
  type TCoverResource,
  type TJobAnswer,
  type TWireCompany,
  type TWireGrade,
} from "./wire";

/**
 * The Allianz Trade client: every call goes through callVendor (policy ALLIANZ_TRADE per
 * connection: timeout, retries for reads, breaker, bulkhead, quota). The access token (an hour,
 * no refresh token) is kept per connection and API key in this process, renewed `renewBeforeMs`
 * before it expires, and only ever by one renewal at a time: concurrent callers wait for the same
 * one. A 401 on a call renews once and repeats the call once. The token is fetched before a call
 * takes its bulkhead slot, so callers waiting for a token never hold the slots the token call needs.
 */

export interface AllianzTarget {
  orgId: string;
  connectionId: string;
  baseUrl: string;
  apiKey: string;
}

export interface AllianzClientOptions {
  policy?: ProviderPolicy;
  record?: CallRecorder;
  /** Renew this long before the token expires (default 5 minutes). */
  renewBeforeMs?: number;
}

interface TokenState {
  token?: string;
  expiresAt: number;
  renewing?: Promise<string>;
  /** How many tokens this process has asked for (tests, the health view). */
  renewals: number;
}

const globalForTokens = globalThis as unknown as { freshplanAllianzTokens?: Map<string, TokenState> };

function tokenStates(): Map<string, TokenState> {
  globalForTokens.freshplanAllianzTokens ??= new Map();
  return globalForTokens.freshplanAllianzTokens;
}

/** Forgets every cached token (tests; a changed API key gets a new entry anyway). */
export function resetAllianzTokens(): void {
  tokenStates().clear();
}

class Unauthorized extends Error {}

export class AllianzTradeClient {
  readonly target: AllianzTarget;
  private readonly options: AllianzClientOptions;
  private readonly state: TokenState;
  private readonly ctx: DbContext & { orgId: string };

  constructor(target: AllianzTarget, options: AllianzClientOptions = {}) {
    this.target = { ...target, baseUrl: target.baseUrl.replace(/\/+$/, "") };
    this.options = options;
    const key = `${target.connectionId}:${createHash("sha256").update(target.apiKey).digest("hex").slice(0, 16)}`;
    let state = tokenStates().get(key);
    if (!state) {
      state = { expiresAt: 0, renewals: 0 };
      tokenStates().set(key, state);
    }
    this.state = state;
    this.ctx = { orgId: target.orgId, userId: null, roles: ["system"] };
  }

  get policy(): ProviderPolicy {
    return this.options.policy ?? policyFor("ALLIANZ_TRADE", this.target.connectionId);
  }

  get tokenRenewals(): number {
    return this.state.renewals;
  }

  /**
   * A valid token: the cached one while it has more than renewBeforeMs left, else the one renewal
   * under way, else a new renewal. `rejected` is a token the vendor just refused: renew unless
   * another caller already has.
   */
  async token(rejected?: string): Promise<string> {
    const state = this.state;
    const margin = this.options.renewBeforeMs ?? 5 * 60_000;
    const valid = state.token !== undefined && Date.now() < state.expiresAt - margin;
    if (valid && state.token !== rejected) return state.token as string;
    state.renewing ??= this.fetchToken()
      .then(({ token, expiresInMs }) => {
        state.token = token;
        state.expiresAt = Date.now() + expiresInMs;
        return token;
      })
      .finally(() => {
        state.renewing = undefined;
      });
    return state.renewing;
  }

  /**
   * "Test connection": asks for a new token now (the cached one proves nothing about the key as it
   * is stored today) and keeps it; answers how long it is valid.
   */
  async verify(): Promise<{ expiresInMs: number }> {
    const { token, expiresInMs } = await this.fetchToken();
    this.state.token = token;
    this.state.expiresAt = Date.now() + expiresInMs;
    return { expiresInMs };
  }

  private async fetchToken(): Promise<{ token: string; expiresInMs: number }> {
    this.state.renewals += 1;
    const answer = await callVendor(
      {
        ctx: this.ctx,
        provider: "ALLIANZ_TRADE",
        connectionId: this.target.connectionId,
        operation: "token",
        idempotent: true,
        run: async ({ signal, observe }) => {
          const response = await send(`${this.target.baseUrl}${TOKEN_PATH}`, {
            method: "POST",
            headers: { "content-type": "application/json", accept: "application/json" },
            body: JSON.stringify(tokenBody(this.target.apiKey)),
            signal,
          });
          observe(response.headers);
          if (!response.ok) throw httpError(response, "Allianz Trade token");
          return parse(ZTokenAnswer, await response.json(), "token");
        },
      },
      { policy: this.policy, record: this.options.record },
    );
    return { token: answer.access_token, expiresInMs: answer.expires_in * 1000 };
  }

  /** One call with the token; a 401 renews the token once and repeats the call once. */
  private async call<S extends z.ZodType>(
    operation: string,
    request: { method: "GET" | "POST"; url: string; body?: unknown; idempotent: boolean; accept?: number[] },
    schema: S,
  ): Promise<z.infer<S>> {
    const attempt = async (token: string) =>
      callVendor(
        {
          ctx: this.ctx,
          provider: "ALLIANZ_TRADE",
          connectionId: this.target.connectionId,
          operation,
          idempotent: request.idempotent,
          run: async ({ signal, observe }) => {
            const response = await send(request.url, {
              method: request.method,
              headers: {
                authorization: authorization(token),
                accept: "application/json",
                ...(request.body !== undefined && { "content-type": "application/json" }),
              },
              body: request.body === undefined ? undefined : JSON.stringify(request.body),
              signal,
            });
            observe(response.headers);
            if (response.status === 401) {
              await response.body?.cancel();
              throw new Unauthorized("Allianz Trade refused the token");
            }
            if (!response.ok) throw httpError(response, `Allianz Trade ${operation}`);
            return parse(schema, await response.json(), operation);
          },
        },
        { policy: this.policy, record: this.options.record },
      );
    const token = await this.token();
    try {
      return await attempt(token);
    } catch (error) {
      if (!(error instanceof Unauthorized)) throw error;
      return attempt(await this.token(token));
    }
  }

  private url(path: string, query?: URLSearchParams): string {
    return `${this.target.baseUrl}${path}${query ? `?${query.toString()}` : ""}`;
  }

  async searchCompanies(input: {
    name: string;
    city?: string;
    vatNumber?: string;
    country?: string;
  }): Promise<TWireCompany[]> {
    const answer = await this.call(
      "companies.search",
      { method: "GET", url: this.url(SEARCH_PATH, searchQuery(input)), idempotent: true },
      ZSearchAnswer,
    );
    return answer.companies;
  }

  async readGrade(companyId: string): Promise<TWireGrade> {
    return this.call(
      "companies.grade",
      { method: "GET", url: this.url(gradePath(companyId)), idempotent: true },
      ZGradeAnswer,
    );
  }

  /** Grades of several companies: one read per GRADES_BATCH_MAX ids (or one per company). */
  async readGrades(companyIds: readonly string[]): Promise<TWireGrade[]> {
    if (GRADES_BATCH_MAX <= 1) return Promise.all(companyIds.map((id) => this.readGrade(id)));
    const chunks: string[][] = [];
    for (let i = 0; i < companyIds.length; i += GRADES_BATCH_MAX) {
      chunks.push(companyIds.slice(i, i + GRADES_BATCH_MAX));
    }
    const answers = await Promise.all(
      chunks.map((ids) =>
        this.call(
          "companies.grades",
          { method: "GET", url: this.url(GRADES_BATCH_PATH, gradesBatchQuery(ids)), idempotent: true },
          ZGradesBatchAnswer,
        ),
      ),
    );
    return answers.flatMap((a) => a.grades);
  }

  /** Asks for a cover (limit): a change, so not repeated on failure; answers the provider's jobId. */
  async requestCover(input: { companyId: string; amount: number; currency: string }): Promise<string> {
    const answer = await this.call(
      "covers.request",
      { method: "POST", url: this.url(COVER_REQUEST_PATH), body: coverRequestBody(input), idempotent: false },
      ZJobAccepted,
    );
    return answer.jobId;
  }

  async readJob(jobId: string): Promise<TJobAnswer> {
    return this.call(
      "jobs.read",
      { method: "GET", url: this.url(jobPath(jobId)), idempotent: true },
      ZJobAnswer,
    );
  }

  /**
   * The resource a processed job names. Only on the connection's own origin: the token never goes
   * to another host, whatever an answer names.
   */
  async readCover(ressourceUrl: string): Promise<TCoverResource> {
    const base = new URL(`${this.target.baseUrl}/`);
    const url = new URL(ressourceUrl, base);
    if (url.origin !== base.origin) {
      throw new IntegrationError("Allianz Trade named a resource on another host", { transient: false });
    }
    return this.call("covers.read", { method: "GET", url: url.toString(), idempotent: true }, ZCoverResource);
  }
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (isNetworkError(error)) {
      throw new IntegrationError(`Allianz Trade: ${(error as Error).message}`, { transient: true });
    }
    throw error;
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, operation: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new IntegrationError(`Allianz Trade ${operation}: unexpected answer`, { transient: false });
  }
  return parsed.data;
}
