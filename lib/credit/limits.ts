import "server-only";

import { systemContext, withOrg, type OrgContext } from "@/lib/db";
import { forEachOrg } from "@/lib/db/orgs";
import { allianzClientFor } from "@/lib/integrations/allianz-trade/connection";
import { activeMembers, enqueue, recipientsOf } from "@/lib/leads/outbox";

/**
 * The job credit-limit-poll: every pending limit request is asked about at the provider (its
 * jobId). `pending` counts a poll; `processed` reads the cover the job names, records it on the
 * request and on the company's cached answer, and tells the member who asked (in-app); `failed`
 * records the failure and tells them too. Safe to run twice: a decided request is no longer pending
 * (the UPDATE policy only lets pending ones change) and the notification has a dedupe key.
 */

export const LIMIT_DECIDED_TEMPLATE = "credit.limit.decided";

/** Requests without an answer after this long are given up as failed. */
const GIVE_UP_MS = 14 * 24 * 3_600_000;

export interface LimitPollCounts {
  orgs: number;
  polled: number;
  processed: number;
  failed: number;
  orgsFailed: number;
}

interface PendingRow {
  id: string;
  orgId: string;
  leadId: string;
  providerJobId: string;
  requestedBy: string | null;
  requestedAt: Date;
  amount: unknown;
  currency: string;
  company: { id: string; companyId: string; name: string };
}

export async function pollLimitRequests(): Promise<LimitPollCounts> {
  const counts: LimitPollCounts = { orgs: 0, polled: 0, processed: 0, failed: 0, orgsFailed: 0 };
  const pending: PendingRow[] = [];
  const system = systemContext("credit-limit-poll");
  const { orgs, failed } = await forEachOrg(system, "credit-limit-poll", async (tx) => {
    pending.push(
      ...(await tx.creditLimitRequest.findMany({
        where: { state: "PENDING" },
        orderBy: { requestedAt: "asc" },
        take: 200,
        select: {
          id: true,
          orgId: true,
          leadId: true,
          providerJobId: true,
          requestedBy: true,
          requestedAt: true,
          amount: true,
          currency: true,
          company: { select: { id: true, companyId: true, name: true } },
        },
      })),
    );
  });
  counts.orgs = orgs;
  counts.orgsFailed = failed;
  for (const row of pending) {
    const ctx: OrgContext = { ...system, orgId: row.orgId };
    try {
      const outcome = await pollOne(ctx, row);
      counts.polled += 1;
      if (outcome === "PROCESSED") counts.processed += 1;
      if (outcome === "FAILED") counts.failed += 1;
    } catch (error) {
      console.warn(
        JSON.stringify({
          msg: "credit limit poll failed",
          requestId: row.id,
          error: (error as Error).message,
        }),
      );
    }
  }
  return counts;
}

async function pollOne(ctx: OrgContext, row: PendingRow): Promise<"PENDING" | "PROCESSED" | "FAILED"> {
  const client = await allianzClientFor(ctx.orgId);
  if (!client) return "PENDING";
  const job = await client.readJob(row.providerJobId);
  const now = new Date();
  if (job.status === "pending" && now.getTime() - row.requestedAt.getTime() < GIVE_UP_MS) {
    await withOrg(ctx, (tx) =>
      tx.creditLimitRequest.updateMany({
        where: { id: row.id, state: "PENDING" },
        data: { polls: { increment: 1 }, polledAt: now },
      }),
    );
    return "PENDING";
  }
  const cover =
    job.status === "processed" && job.ressourceUrl ? await client.readCover(job.ressourceUrl) : null;
  const state = cover ? "PROCESSED" : "FAILED";
  await withOrg(ctx, async (tx) => {
    const { count } = await tx.creditLimitRequest.updateMany({
      where: { id: row.id, state: "PENDING" },
      data: {
        state,
        polls: { increment: 1 },
        polledAt: now,
        decidedAt: cover ? new Date(cover.decisionDate) : now,
        coverStatus: cover?.coverStatus ?? null,
        grantedAmount: cover?.amount.value ?? null,
        error: cover
          ? null
          : (job.error ?? (job.status === "pending" ? "no answer in 14 days" : "failed")).slice(0, 500),
      },
    });
    if (count === 0) return;
    if (cover) {
      await tx.creditCompany.updateMany({
        where: { id: row.company.id },
        data: {
          coverStatus: cover.coverStatus,
          limitAmount: cover.amount.value,
          currency: cover.amount.currency,
          decidedAt: new Date(cover.decisionDate),
        },
      });
    }
    const recipients = recipientsOf(await activeMembers(tx, ctx.orgId), { userIds: [row.requestedBy] });
    await enqueue(tx, ctx.orgId, recipients, ["INAPP"], {
      template: "credit.limit.decided",
      payload: {
        leadId: row.leadId,
        companyName: row.company.name,
        state,
        coverStatus: cover?.coverStatus ?? null,
        amount: Number(row.amount),
        granted: cover?.amount.value ?? null,
        currency: row.currency,
      },
      dedupeKey: `${LIMIT_DECIDED_TEMPLATE}:${row.id}`,
    });
  });
  return state;
}
