import "server-only";

import { withContext, type WithContext } from "@/lib/db";

import { headAuthenticity, type PublishedHead } from "./heads";
import { auditKeyring, macMatches, sealOf, type AuditKeyring } from "./seal";

/**
 * Checks every organisation's audit chain (and the installation-wide one, org NULL) three ways:
 *   1. the database's own app_audit_verify() recomputes each plain SHA-256 hash and link;
 *   2. here, with the key, every event's seal (seal.ts) — which a rewrite that recomputed the plain
 *      chain cannot match;
 *   3. every published head it is given (heads.ts) against the chain as it is now — which even a
 *      rewrite with the key cannot match.
 * It runs as the app role: the functions it calls are narrow SECURITY DEFINER answers granted for
 * this, no connection bypasses row-level security.
 */

export type ChainProblemKind = "link" | "hash" | "seal" | "unsealed" | "unknown-key";

export interface ChainProblem {
  /** null for the installation-wide chain. */
  orgId: string | null;
  /** The organisation's slug, when it still exists. */
  orgSlug: string | null;
  /** The first event of the chain that does not fit. */
  eventId: string;
  problem: ChainProblemKind;
}

export type HeadProblemKind = "missing" | "changed" | "forged" | "unknown-key";

export interface HeadProblem {
  orgId: string | null;
  orgSlug: string | null;
  publishedAt: string;
  eventId: string;
  problem: HeadProblemKind;
}

export interface VerifyReport {
  events: number;
  chains: number;
  /** Events from before the chain was keyed: no seal, vouched for by the seals after them. */
  unsealed: number;
  /** The first broken event of each broken chain. */
  broken: ChainProblem[];
  heads: {
    checked: number;
    /** The first head of each chain that no longer matches, in the order they were published. */
    broken: HeadProblem[];
  };
}

export const PROBLEM_TEXT: Record<ChainProblemKind, string> = {
  link: "does not link to the event before it (an event was removed, inserted or reordered)",
  hash: "does not match its hash (the event was changed)",
  seal: "does not match its seal (it or an event before it was rewritten and the hashes recomputed, or it was sealed with another key)",
  unsealed:
    "has no seal, though its chain is sealed by then (it was written past the app, or its seal removed)",
  "unknown-key":
    "is sealed only with keys this installation does not know (a retired key belongs in AUDIT_CHAIN_KEY_PREVIOUS)",
};

export const HEAD_PROBLEM_TEXT: Record<HeadProblemKind, string> = {
  missing: "its event is gone",
  changed: "its event's hash is another now (the chain was rewritten)",
  forged: "the head does not match its own seal (the heads were edited)",
  "unknown-key": "it is sealed with a key this installation does not know",
};

const NO_ORG = { orgId: null, userId: null, roles: [] };

async function slugOf(within: WithContext, orgId: string): Promise<string | null> {
  // The organisation's own context: its row is visible to it, and to nobody else.
  const org = await within({ orgId, userId: null, roles: [] }, (tx) =>
    tx.organization.findUnique({ where: { id: orgId }, select: { slug: true } }),
  );
  return org?.slug ?? null;
}

/** A chain's key in the maps below: its organisation, or "-" for the installation-wide chain. */
const chainOf = (orgId: string | null) => orgId ?? "-";

interface SealedRow {
  org_id: string | null;
  event_id: string;
  hash: string;
  key_ids: string[];
  macs: string[];
}

/** Whether an event's seals hold: fine, wrong, or only by keys we do not know; undefined: none. */
function sealVerdict(keyring: AuditKeyring, row: SealedRow): "ok" | "seal" | "unknown-key" | undefined {
  if (row.key_ids.length === 0) return undefined;
  let known = false;
  for (const [i, keyId] of row.key_ids.entries()) {
    const key = keyring.byId.get(keyId);
    if (!key) continue;
    known = true;
    const expected = sealOf(key, { orgId: row.org_id, eventId: row.event_id, hash: row.hash });
    if (!macMatches(expected, row.macs[i])) return "seal";
  }
  return known ? "ok" : "unknown-key";
}

const PAGE = 5_000;

/**
 * The keyed pass over the whole trail, a page at a time, in id order. An event needs a seal once its
 * chain has one (or from where a published head says sealing began); before that it is from the
 * unsealed time. Also keeps the hashes of the events the heads name.
 */
async function checkSeals(
  within: WithContext,
  keyring: AuditKeyring,
  sealedFrom: ReadonlyMap<string, bigint>,
  wanted: ReadonlySet<string>,
) {
  const problems = new Map<string, { orgId: string | null; eventId: string; problem: ChainProblemKind }>();
  const sealedSeen = new Set<string>();
  const hashes = new Map<string, { orgId: string | null; hash: string }>();
  let unsealed = 0;
  let after = "0";
  for (;;) {
    const rows = await within(
      NO_ORG,
      (tx) => tx.$queryRaw<SealedRow[]>`
        SELECT org_id, event_id::text AS event_id, hash, key_ids, macs
        FROM app_audit_sealed_page(${after}::bigint, ${PAGE})`,
    );
    for (const row of rows) {
      const chain = chainOf(row.org_id);
      if (wanted.has(row.event_id)) hashes.set(row.event_id, { orgId: row.org_id, hash: row.hash });
      if (problems.has(chain)) continue;
      const verdict = sealVerdict(keyring, row);
      if (verdict === "ok") sealedSeen.add(chain);
      else if (verdict) problems.set(chain, { orgId: row.org_id, eventId: row.event_id, problem: verdict });
      else if (sealedSeen.has(chain) || BigInt(row.event_id) >= (sealedFrom.get(chain) ?? Infinity)) {
        problems.set(chain, { orgId: row.org_id, eventId: row.event_id, problem: "unsealed" });
      } else unsealed += 1;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].event_id;
  }
  return { problems, hashes, unsealed };
}

/** Each chain's first head (in publication order) that no longer matches the chain. */
function checkHeads(
  keyring: AuditKeyring,
  heads: readonly PublishedHead[],
  hashes: ReadonlyMap<string, { orgId: string | null; hash: string }>,
): Omit<HeadProblem, "orgSlug">[] {
  const broken = new Map<string, Omit<HeadProblem, "orgSlug">>();
  for (const head of heads) {
    const chain = chainOf(head.orgId);
    if (broken.has(chain)) continue;
    const stored = hashes.get(head.eventId);
    const authentic = headAuthenticity(keyring, head);
    const problem: HeadProblemKind | null =
      authentic !== "ok"
        ? authentic
        : !stored || stored.orgId !== head.orgId
          ? "missing"
          : stored.hash !== head.hash
            ? "changed"
            : null;
    if (problem) {
      broken.set(chain, { orgId: head.orgId, publishedAt: head.publishedAt, eventId: head.eventId, problem });
    }
  }
  return [...broken.values()];
}

/** Where published heads say each chain is sealed from: the earliest such event of authentic heads. */
function sealedFromHeads(keyring: AuditKeyring, heads: readonly PublishedHead[]): Map<string, bigint> {
  const from = new Map<string, bigint>();
  for (const head of heads) {
    if (head.sealedSince === null || headAuthenticity(keyring, head) !== "ok") continue;
    const chain = chainOf(head.orgId);
    const since = BigInt(head.sealedSince);
    const earlier = from.get(chain);
    if (earlier === undefined || since < earlier) from.set(chain, since);
  }
  return from;
}

export async function verifyAuditChains(
  options: {
    heads?: readonly PublishedHead[];
    keyring?: AuditKeyring;
    /** Another database's transactions (the restore drill's copy); DATABASE_URL's by default. */
    within?: WithContext;
  } = {},
): Promise<VerifyReport> {
  const within = options.within ?? withContext;
  const keyring = options.keyring ?? auditKeyring();
  const heads = options.heads ?? [];
  const { lengths, plain } = await within(NO_ORG, async (tx) => ({
    lengths: await tx.$queryRaw<{ org_id: string | null; events: number }[]>`
      SELECT org_id, events::int AS events FROM app_audit_chain_lengths()`,
    plain: await tx.$queryRaw<{ org_id: string | null; event_id: string; problem: ChainProblemKind }[]>`
      SELECT v.org_id, v.event_id::text AS event_id, v.problem FROM app_audit_verify() v ORDER BY v.event_id`,
  }));
  const keyed = await checkSeals(
    within,
    keyring,
    sealedFromHeads(keyring, heads),
    new Set(heads.map((h) => h.eventId)),
  );

  // Per chain, whichever problem comes first; at the same event the plain one says more.
  const first = new Map(keyed.problems);
  for (const p of plain) {
    const other = first.get(chainOf(p.org_id));
    if (!other || BigInt(p.event_id) <= BigInt(other.eventId)) {
      first.set(chainOf(p.org_id), { orgId: p.org_id, eventId: p.event_id, problem: p.problem });
    }
  }
  const slug = async (orgId: string | null) => (orgId ? await slugOf(within, orgId) : null);
  const broken: ChainProblem[] = [];
  for (const p of [...first.values()].sort((a, b) => (BigInt(a.eventId) < BigInt(b.eventId) ? -1 : 1))) {
    broken.push({ ...p, orgSlug: await slug(p.orgId) });
  }
  const brokenHeads: HeadProblem[] = [];
  for (const h of checkHeads(keyring, heads, keyed.hashes))
    brokenHeads.push({ ...h, orgSlug: await slug(h.orgId) });

  return {
    events: lengths.reduce((sum, l) => sum + l.events, 0),
    chains: lengths.length,
    unsealed: keyed.unsealed,
    broken,
    heads: { checked: heads.length, broken: brokenHeads },
  };
}

const chainName = (p: { orgId: string | null; orgSlug: string | null }) =>
  p.orgId === null ? "installation-wide chain" : `organisation ${p.orgSlug ?? p.orgId}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The report as the CLI prints it: one line per broken chain and head, then the summary. */
export function formatVerifyReport(report: VerifyReport): string[] {
  const lines = report.broken.map((b) => `${chainName(b)}: event ${b.eventId} ${PROBLEM_TEXT[b.problem]}`);
  for (const h of report.heads.broken) {
    lines.push(
      `${chainName(h)}: the head published ${h.publishedAt} (event ${h.eventId}) no longer matches: ${HEAD_PROBLEM_TEXT[h.problem]}`,
    );
  }
  if (report.unsealed > 0) {
    lines.push(
      `${plural(report.unsealed, "event is", "events are")} from before the chain was keyed: no seal, vouched for by the seals after them`,
    );
  }
  if (report.heads.checked > 0) {
    const checked = `checked ${plural(report.heads.checked, "published head", "published heads")}`;
    const broken = report.heads.broken.length;
    lines.push(
      broken === 0
        ? `${checked}: ok`
        : `${checked}: ${plural(broken, "no longer matches", "no longer match")}`,
    );
  }
  const checked = `checked ${report.events} events in ${plural(report.chains, "chain", "chains")}`;
  lines.push(
    report.broken.length === 0
      ? `${checked}: ok`
      : `${checked}: ${plural(report.broken.length, "broken chain", "broken chains")}`,
  );
  return lines;
}

/** Whether the report found anything broken: a chain or a published head. */
export function isBroken(report: VerifyReport): boolean {
  return report.broken.length > 0 || report.heads.broken.length > 0;
}
