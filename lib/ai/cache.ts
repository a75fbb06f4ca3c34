import "server-only";

import { createHash } from "node:crypto";

import type { Prisma, Tx, OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { readEffectiveValue } from "@/lib/settings/queries";
import { durationToMs } from "@/lib/settings/schemas";

import type { TAiTier, TAiUseCase } from "./types";

/**
 * The AI answer cache (table ai_cache): per organisation, keyed by a hash of what decides the
 * answer, valid for `ai.cache.ttl` (global setting, ISO 8601 duration, PT8H by default). The same
 * question asked twice within the TTL costs one provider call; a new prompt or output schema
 * (schemaVersion) or another model never reuses an old answer.
 */

/** Bumped when the normalisation below changes, so old keys are never matched by new rules. */
const KEY_FORMAT = 1;

function normaliseText(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * A value as canonical JSON: object keys sorted (and NFC-normalised), strings NFC-normalised,
 * trimmed and with runs of whitespace collapsed to one space, so inputs that differ only in key
 * order, line breaks or Unicode composition hash alike. Array order is kept (it carries meaning).
 * Like JSON.stringify: `toJSON` is honoured (dates), undefined and functions in objects drop out,
 * non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  const normalised = (item: unknown): unknown => {
    const json =
      item !== null && typeof item === "object" && typeof (item as { toJSON?: unknown }).toJSON === "function"
        ? (item as { toJSON: () => unknown }).toJSON()
        : item;
    if (typeof json === "string") return normaliseText(json);
    if (typeof json === "bigint") return json.toString();
    if (Array.isArray(json)) return json.map((entry) => normalised(entry) ?? null);
    if (json !== null && typeof json === "object") {
      const entries = Object.entries(json)
        .filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol")
        .map(([k, v]): [string, unknown] => [k.normalize("NFC"), normalised(v)])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries);
    }
    return typeof json === "function" || typeof json === "symbol" ? undefined : json;
  };
  // Sorted entries go into a fresh object in that order; JSON.stringify keeps insertion order
  // for string keys (integer-like keys come first in any object, the same way for every input).
  return JSON.stringify(normalised(value)) ?? "null";
}

export interface CacheKeyParts {
  useCase: TAiUseCase;
  tier: TAiTier;
  model: string;
  /** The use case's input, before scrubbing (the scrubbed text is a function of it). */
  input: unknown;
  schemaVersion: number;
}

/** The cache key: sha-256 (hex) of the canonical JSON of everything that decides the answer. */
export function cacheKey(parts: CacheKeyParts): string {
  const { useCase, tier, model, input, schemaVersion } = parts;
  const canonical = canonicalJson({ v: KEY_FORMAT, useCase, tier, model, schemaVersion, input });
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/** `ai.cache.ttl` in whole seconds (at least one). */
export async function cacheTtlSeconds(tx: Tx, ctx: OrgContext): Promise<number> {
  const ttl = await readEffectiveValue(tx, ctx, "ai.cache.ttl");
  const ms = durationToMs(ttl);
  if (ms === null) throw new Error(`ai.cache.ttl is not an ISO 8601 duration: ${ttl}`);
  return Math.max(1, Math.round(ms / 1000));
}

export interface CacheEntry {
  useCase: string;
  model: string;
  output: unknown;
  createdAt: Date;
  expiresAt: Date;
}

function checkKey(key: string): void {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new AppError("bad_request", "Not a cache key.");
}

/** The organisation's unexpired answer for `key`, or null. */
export async function cacheGet(tx: Tx, ctx: OrgContext, key: string): Promise<CacheEntry | null> {
  checkKey(key);
  const rows = await tx.$queryRaw<CacheEntry[]>`
    SELECT use_case AS "useCase", model, output, created_at AS "createdAt", expires_at AS "expiresAt"
    FROM ai_cache
    WHERE org_id = ${ctx.orgId}::uuid AND key = ${key} AND expires_at > clock_timestamp()`;
  return rows[0] ?? null;
}

export interface CachePut {
  key: string;
  useCase: TAiUseCase;
  model: string;
  output: Prisma.InputJsonValue;
  /** How long the answer stays valid; `ai.cache.ttl` when left out. */
  ttlSeconds?: number;
}

/** Stores an answer, replacing whatever the key held (an expired entry, or a concurrent writer's). */
export async function cachePut(tx: Tx, ctx: OrgContext, entry: CachePut): Promise<void> {
  checkKey(entry.key);
  const ttl = entry.ttlSeconds ?? (await cacheTtlSeconds(tx, ctx));
  if (!Number.isFinite(ttl) || ttl <= 0) throw new AppError("bad_request", "ttlSeconds must be positive.");
  await tx.$executeRaw`
    INSERT INTO ai_cache (org_id, key, use_case, model, output, created_at, expires_at)
    VALUES (${ctx.orgId}::uuid, ${entry.key}, ${entry.useCase}, ${entry.model},
            ${JSON.stringify(entry.output)}::jsonb, clock_timestamp(),
            clock_timestamp() + make_interval(secs => ${ttl}::float8))
    ON CONFLICT (org_id, key) DO UPDATE SET
      use_case = EXCLUDED.use_case, model = EXCLUDED.model, output = EXCLUDED.output,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`;
}

/** Deletes the organisation's expired entries (a job's housekeeping); returns how many. */
export async function cachePurgeExpired(tx: Tx, ctx: OrgContext): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM ai_cache WHERE org_id = ${ctx.orgId}::uuid AND expires_at <= now()`;
}
