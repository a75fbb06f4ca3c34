import "server-only";

import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { z } from "zod";

import { withoutOrg } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { setAuditChainHeads } from "@/lib/system/metrics";

import { auditKeyring, keyedMac, macMatches, type AuditKey, type AuditKeyring } from "./seal";

/**
 * Published chain heads: once a day (job audit-chain-heads) every chain's last event and hash leave
 * the database — as a log line, a Prometheus metric and a line appended to AUDIT_HEADS_FILE. Someone
 * who holds the key and rewrites history can make the seals fit again, but not the heads already
 * published elsewhere: `audit:verify` checks every head it is given against the chain as it is now.
 * A head also records from which event on its chain is sealed, so removing the seals does not turn
 * a chain back into the unsealed one of before the key (see the audit_seal migration).
 */

const ZPublishedHead = z.strictObject({
  publishedAt: z.iso.datetime(),
  /** null for the installation-wide chain. */
  orgId: z.uuid().nullable(),
  /** The organisation's slug, for people reading the log. */
  org: z.string().nullable(),
  eventId: z.string().regex(/^[1-9]\d{0,18}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The chain's first sealed event; null while none was. */
  sealedSince: z
    .string()
    .regex(/^[1-9]\d{0,18}$/)
    .nullable(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** HMAC of the head's fields under the key `keyId` names: the file cannot be edited unnoticed. */
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PublishedHead = z.infer<typeof ZPublishedHead>;

type HeadFields = Omit<PublishedHead, "keyId" | "mac">;

function headMac(key: AuditKey, head: HeadFields): string {
  return keyedMac(key, [
    "audit-head",
    head.publishedAt,
    head.orgId ?? "-",
    head.eventId,
    head.hash,
    head.sealedSince ?? "-",
  ]);
}

/** Whether a head was published by a holder of one of our keys, as it stands. */
export function headAuthenticity(
  keyring: AuditKeyring,
  head: PublishedHead,
): "ok" | "unknown-key" | "forged" {
  const key = keyring.byId.get(head.keyId);
  if (!key) return "unknown-key";
  return macMatches(headMac(key, head), head.mac) ? "ok" : "forged";
}

/** Every chain's head as the database holds it now (chains without events have none). */
async function currentHeads(publishedAt: string): Promise<HeadFields[]> {
  const rows = await withoutOrg(
    (tx) => tx.$queryRaw<
      {
        org_id: string | null;
        org_slug: string | null;
        event_id: string;
        hash: string;
        sealed_since: string | null;
      }[]
    >`SELECT org_id, org_slug, event_id::text AS event_id, hash, sealed_since::text AS sealed_since
      FROM app_audit_heads()`,
  );
  return rows.map((r) => ({
    publishedAt,
    orgId: r.org_id,
    org: r.org_slug,
    eventId: r.event_id,
    hash: r.hash,
    sealedSince: r.sealed_since,
  }));
}

/**
 * Publishes every chain's head: one log line each, the metric, and a line each appended to
 * AUDIT_HEADS_FILE (its folder is made when missing). Returns how many chains it published.
 */
export async function publishAuditHeads(now: Date = new Date()): Promise<{ chains: number }> {
  const key = auditKeyring().current;
  const heads: PublishedHead[] = (await currentHeads(now.toISOString())).map((head) => ({
    ...head,
    keyId: key.id,
    mac: headMac(key, head),
  }));
  for (const head of heads) console.info(`[audit] chain head ${JSON.stringify(head)}`);
  setAuditChainHeads(
    heads.map((h) => ({ chain: h.org ?? "installation", eventId: h.eventId, hash: h.hash })),
  );
  const file = env().AUDIT_HEADS_FILE;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, heads.map((head) => `${JSON.stringify(head)}\n`).join(""));
  return { chains: heads.length };
}

/**
 * The heads to check: those in `file`, or else in AUDIT_HEADS_FILE when it exists (none were
 * published yet otherwise).
 */
export async function publishedHeads(file?: string): Promise<PublishedHead[]> {
  if (file) return readPublishedHeads(file);
  const published = env().AUDIT_HEADS_FILE;
  return existsSync(published) ? readPublishedHeads(published) : [];
}

/** The heads a file holds, in its order. A line that is not a head is an error naming the line. */
async function readPublishedHeads(file: string): Promise<PublishedHead[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AppError(
      "bad_request",
      `Cannot read the published heads in ${file}: ${(error as Error).message}`,
    );
  }
  return text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const head = ZPublishedHead.safeParse(parsed);
    if (!head.success) throw new AppError("bad_request", `Line ${i + 1} of ${file} is not a published head.`);
    return [head.data];
  });
}
