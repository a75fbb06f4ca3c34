import "server-only";

import { IntegrationError, isNetworkError } from "../errors";
import { KAS_API_NS, KAS_AUTH_NS, parseSoapAnswer, soapRequest } from "./soap";

/**
 * all-inkl's KAS API over SOAP: KasAuth trades the KAS login and password for a session token,
 * then each KasApi call names a `kas_action` and its `KasRequestParams`. Every answer names a
 * KasFloodDelay (seconds) to wait before the next call of the same login; this client keeps one
 * gate per login, so calls of that login run one after the other, each after the delay the last
 * answer named. Errors are SOAP faults with a code, thrown as KasError.
 */

export interface KasTarget {
  /** The folder of KasAuth.php and KasApi.php (env KAS_API_URL). */
  baseUrl: string;
  login: string;
  password: string;
}

/** A KAS fault: its code (flood_protection, email_already_exists, …). Flood and in-progress are transient. */
export class KasError extends IntegrationError {
  readonly code: string;

  constructor(code: string, status: number | undefined, retryAfterMs?: number) {
    super(`KAS: ${code}`, {
      status,
      transient: code === "flood_protection" || code === "in_progress" || (status ?? 0) >= 502,
      retryAfterMs,
    });
    this.name = "KasError";
    this.code = code;
  }
}

/** How long a session token lives, and how long before its end it is renewed. */
const SESSION_SECONDS = 1800;
const RENEW_BEFORE_MS = 60_000;
/** all-inkl's usual delay, for a fault that names none. */
export const DEFAULT_FLOOD_DELAY_MS = 2_000;

interface Gate {
  /** The end of the previous call's wait: the next call starts after it. */
  tail: Promise<void>;
  nextAt: number;
  token?: { value: string; until: number };
}

const globalForKas = globalThis as unknown as { freshplanKasGates?: Map<string, Gate> };
function gateOf(target: KasTarget): Gate {
  const gates = (globalForKas.freshplanKasGates ??= new Map());
  const key = `${target.baseUrl}|${target.login}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = { tail: Promise.resolve(), nextAt: 0 };
    gates.set(key, gate);
  }
  return gate;
}

/** Forgets every login's gate and token (tests). */
export function resetKasGates(): void {
  globalForKas.freshplanKasGates?.clear();
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      },
      { once: true },
    );
  });

async function post(
  url: string,
  namespace: string,
  method: "KasAuth" | "KasApi",
  params: unknown,
  signal?: AbortSignal,
) {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${namespace}#${method}"` },
      body: soapRequest(namespace, method, params),
      signal,
    });
  } catch (error) {
    if (isNetworkError(error))
      throw new IntegrationError(`KAS: ${(error as Error).message}`, { transient: true });
    throw error;
  }
  const text = await response.text();
  let answer;
  try {
    answer = parseSoapAnswer(text);
  } catch {
    throw new IntegrationError(`KAS: HTTP ${response.status} without a SOAP answer`, {
      status: response.status,
      transient: response.status === 429 || response.status >= 500,
    });
  }
  if ("fault" in answer) {
    const code = answer.fault.code;
    throw new KasError(
      code,
      response.status,
      code === "flood_protection" ? DEFAULT_FLOOD_DELAY_MS : undefined,
    );
  }
  return answer.value;
}

/** Runs `work` when the login's previous call has ended and its flood delay has passed. */
async function inTurn<T>(gate: Gate, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  const previous = gate.tail;
  let release!: () => void;
  gate.tail = new Promise<void>((resolve) => (release = resolve));
  try {
    await previous;
    await sleep(gate.nextAt - Date.now(), signal);
    return await work();
  } finally {
    release();
  }
}

async function authenticate(target: KasTarget, signal?: AbortSignal): Promise<string> {
  const token = await post(
    `${target.baseUrl}/KasAuth.php`,
    KAS_AUTH_NS,
    "KasAuth",
    {
      kas_login: target.login,
      kas_auth_type: "plain",
      kas_auth_data: target.password,
      session_lifetime: SESSION_SECONDS,
      session_update_lifetime: "Y",
    },
    signal,
  );
  if (typeof token !== "string" || token === "") throw new KasError("no_session_token", undefined);
  return token;
}

/**
 * KasAuth alone, always asked afresh ("Test connection": do the login and password still work?),
 * in the login's turn. The session token it gets is kept for the login's next call.
 */
export async function kasAuthenticate(target: KasTarget, signal?: AbortSignal): Promise<void> {
  const gate = gateOf(target);
  await inTurn(gate, signal, async () => {
    try {
      const token = await authenticate(target, signal);
      gate.token = { value: token, until: Date.now() + SESSION_SECONDS * 1000 };
    } catch (error) {
      if (error instanceof KasError) gate.token = undefined;
      throw error;
    }
  });
}

function floodDelayMs(value: unknown): number {
  const response = (value as { Response?: { KasFloodDelay?: unknown } } | null)?.Response;
  const seconds = Number(response?.KasFloodDelay);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_FLOOD_DELAY_MS;
}

/** One KasApi call (with a session token, fetched or renewed first): the answer's ReturnInfo. */
export async function kasCall(
  target: KasTarget,
  action: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  const gate = gateOf(target);
  return inTurn(gate, signal, async () => {
    try {
      if (!gate.token || gate.token.until - RENEW_BEFORE_MS < Date.now()) {
        const token = await authenticate(target, signal);
        gate.token = { value: token, until: Date.now() + SESSION_SECONDS * 1000 };
      }
      const value = await post(
        `${target.baseUrl}/KasApi.php`,
        KAS_API_NS,
        "KasApi",
        {
          kas_login: target.login,
          kas_auth_type: "session",
          kas_auth_data: gate.token.value,
          kas_action: action,
          KasRequestParams: params,
        },
        signal,
      );
      gate.nextAt = Date.now() + floodDelayMs(value);
      // The session lives on with each call (session_update_lifetime "Y").
      gate.token = { value: gate.token.value, until: Date.now() + SESSION_SECONDS * 1000 };
      return (value as { Response?: { ReturnInfo?: unknown } } | null)?.Response?.ReturnInfo ?? null;
    } catch (error) {
      if (error instanceof KasError) {
        // A fault names no delay: wait the usual one; an expired session is fetched again next time.
        gate.nextAt = Date.now() + DEFAULT_FLOOD_DELAY_MS;
        if (error.code.includes("session")) gate.token = undefined;
      }
      throw error;
    }
  });
}
