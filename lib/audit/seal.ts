import "server-only";

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import type { Tx } from "@/lib/db";
import { env, type Env } from "@/lib/env";

/**
 * The keyed audit chain. PostgreSQL links every event to the one before it with plain SHA-256
 * (trigger app_audit_link), which whoever owns the tables can recompute after changing history. So
 * each event also gets a seal: HMAC-SHA-256 of its chained hash under AUDIT_CHAIN_KEY. The hash
 * covers the previous hash, so one event's seal vouches for everything before it in its chain.
 *
 * Why the app computes the HMAC, not the trigger: the key must never reach the database. A trigger
 * would need it handed in with every transaction (set_config), and there the database's owner — the
 * very party the seal guards against — could read it with a trigger of their own, statement logging
 * or pg_stat_activity, and then forge seals forever. So the database keeps what it does well (ids,
 * links and hashes under the chain's lock, as before) and returns the hashes it computed; the app
 * seals them in the same transaction. For the same reason verification is the app's (verify.ts):
 * the database hands over hashes and seals, the key stays here. It also keeps PGlite working, which
 * has sha256() but not pgcrypto's hmac().
 *
 * Rotation: a seal names its key by id (a fingerprint, not the key). Seals are written with the
 * current key; AUDIT_CHAIN_KEY_PREVIOUS lists retired keys whose seals still verify.
 */

export interface AuditKey {
  /** The first 16 hex digits of SHA-256 over the key: names the key, gives nothing of it away. */
  id: string;
  secret: string;
}

export interface AuditKeyring {
  /** The key new seals are made with. */
  current: AuditKey;
  /** Every key whose seals verify, the current one included, by id. */
  byId: ReadonlyMap<string, AuditKey>;
}

function keyOf(secret: string): AuditKey {
  const id = createHash("sha256").update(`freshplan-audit-key\0${secret}`).digest("hex").slice(0, 16);
  return { id, secret };
}

export function keyringOf(current: string, previous: readonly string[] = []): AuditKeyring {
  const keys = [current, ...previous].map(keyOf);
  return { current: keys[0], byId: new Map(keys.map((key) => [key.id, key])) };
}

let cached: { source: Env; keyring: AuditKeyring } | undefined;

/** The keyring the environment configures (AUDIT_CHAIN_KEY, AUDIT_CHAIN_KEY_PREVIOUS). */
export function auditKeyring(): AuditKeyring {
  const source = env();
  if (cached?.source !== source) {
    cached = { source, keyring: keyringOf(source.AUDIT_CHAIN_KEY, source.AUDIT_CHAIN_KEY_PREVIOUS) };
  }
  return cached.keyring;
}

/**
 * HMAC-SHA-256 (hex) of the parts, joined by NUL (which none of them contains). The first part names
 * what is sealed, so a seal of one kind can never pass for another.
 */
export function keyedMac(key: AuditKey, parts: readonly string[]): string {
  return createHmac("sha256", key.secret).update(parts.join("\0")).digest("hex");
}

/** Whether two hex MACs are equal, in time that does not depend on where they differ. */
export function macMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(actual, "hex");
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

export interface SealedEvent {
  /** null for the installation-wide chain. */
  orgId: string | null;
  eventId: string;
  /** The event's chained hash, as app_audit_link computed it. */
  hash: string;
}

/** An event's seal under `key`. */
export function sealOf(key: AuditKey, event: SealedEvent): string {
  return keyedMac(key, ["audit-seal", event.orgId ?? "-", event.eventId, event.hash]);
}

/**
 * Seals events just appended to `orgId`'s chain (their ids and hashes as the INSERT returned them),
 * in the caller's transaction: if it rolls back, events and seals go together.
 */
export async function sealEvents(
  tx: Tx,
  orgId: string | null,
  events: readonly { id: string; hash: string }[],
): Promise<void> {
  if (events.length === 0) return;
  const key = auditKeyring().current;
  const macs = events.map((e) => sealOf(key, { orgId, eventId: e.id, hash: e.hash }));
  await tx.$executeRaw`
    INSERT INTO audit_seal (event_id, org_id, key_id, mac)
    SELECT e.id, ${orgId}::uuid, ${key.id}, e.mac
    FROM unnest(${events.map((e) => e.id)}::text[]::bigint[], ${macs}::text[]) AS e(id, mac)`;
}
