import "server-only";

import { withoutOrg, withOrg } from "@/lib/db";

/**
 * Checks every organisation's audit chain (and the installation-wide one, org NULL) with the
 * database's own app_audit_verify(), which recomputes each hash and link. It runs as the app role:
 * the two functions it calls are the narrow SECURITY DEFINER answers granted for this, no
 * connection bypasses row-level security.
 */

export type ChainProblemKind = "link" | "hash";

export interface ChainProblem {
  /** null for the installation-wide chain. */
  orgId: string | null;
  /** The organisation's slug, when it still exists. */
  orgSlug: string | null;
  /** The first event of the chain that does not fit. */
  eventId: string;
  problem: ChainProblemKind;
}

export interface VerifyReport {
  events: number;
  chains: number;
  broken: ChainProblem[];
}

export const PROBLEM_TEXT: Record<ChainProblemKind, string> = {
  link: "does not link to the event before it (an event was removed, inserted or reordered)",
  hash: "does not match its hash (the event was changed)",
};

async function slugOf(orgId: string): Promise<string | null> {
  // The organisation's own context: its row is visible to it, and to nobody else.
  const org = await withOrg({ orgId, userId: null, roles: [] }, (tx) =>
    tx.organization.findUnique({ where: { id: orgId }, select: { slug: true } }),
  );
  return org?.slug ?? null;
}

export async function verifyAuditChains(): Promise<VerifyReport> {
  const { lengths, problems } = await withoutOrg(async (tx) => ({
    lengths: await tx.$queryRaw<{ org_id: string | null; events: number }[]>`
      SELECT org_id, events::int AS events FROM app_audit_chain_lengths()`,
    problems: await tx.$queryRaw<{ org_id: string | null; event_id: string; problem: ChainProblemKind }[]>`
      SELECT v.org_id, v.event_id::text AS event_id, v.problem FROM app_audit_verify() v ORDER BY v.event_id`,
  }));
  const broken: ChainProblem[] = [];
  for (const p of problems) {
    broken.push({
      orgId: p.org_id,
      orgSlug: p.org_id ? await slugOf(p.org_id) : null,
      eventId: p.event_id,
      problem: p.problem,
    });
  }
  return { events: lengths.reduce((sum, l) => sum + l.events, 0), chains: lengths.length, broken };
}

/** The report as the CLI prints it: one line per broken chain, then the summary. */
export function formatVerifyReport(report: VerifyReport): string[] {
  const lines = report.broken.map((b) => {
    const chain = b.orgId === null ? "installation-wide chain" : `organisation ${b.orgSlug ?? b.orgId}`;
    return `${chain}: event ${b.eventId} ${PROBLEM_TEXT[b.problem]}`;
  });
  const checked = `checked ${report.events} events in ${report.chains} ${report.chains === 1 ? "chain" : "chains"}`;
  lines.push(
    report.broken.length === 0
      ? `${checked}: ok`
      : `${checked}: ${report.broken.length} broken ${report.broken.length === 1 ? "chain" : "chains"}`,
  );
  return lines;
}
