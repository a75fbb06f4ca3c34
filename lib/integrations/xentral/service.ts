import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize } from "@/lib/auth/policy";
import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { tokenExpiry, type TokenExpiry } from "../health";
import { flushCallRecords } from "../resilience";
import { toAppError } from "./client";
import { ZXentralSettings, type TXentralSettings } from "./schemas";
import { PULL_KINDS, pullProducts, type PullCounts, type PullMode } from "./products";

/** The Xentral section of the Integrations page (admins) and its "sync now". */

export interface XentralRunView {
  id: string;
  kind: PullMode;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface XentralOverview {
  connection: {
    id: string;
    name: string;
    enabled: boolean;
    settings: TXentralSettings;
    tokenSet: boolean;
    tokenExpiry: TokenExpiry;
    /** Where Xentral posts product webhooks, on this app's origin. */
    webhookPath: string;
  } | null;
  products: { active: number; inactive: number };
  runs: XentralRunView[];
}

export async function getXentralOverview(ctx: MemberContext, now = new Date()): Promise<XentralOverview> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  return withOrg(ctx, async (tx) => {
    const row = await tx.integrationConnection.findFirst({
      where: { orgId: ctx.orgId, provider: "XENTRAL" },
      orderBy: [{ enabled: "desc" }, { updatedAt: "desc" }],
      select: { id: true, name: true, enabled: true, settings: true, secrets: true },
    });
    const settings = row ? ZXentralSettings.safeParse(row.settings) : null;
    const grouped = await tx.product.groupBy({
      by: ["active"],
      where: { orgId: ctx.orgId, source: "XENTRAL" },
      _count: { _all: true },
    });
    const runs = row
      ? await tx.syncRun.findMany({
          where: { orgId: ctx.orgId, connectionId: row.id, kind: { in: Object.values(PULL_KINDS) } },
          orderBy: { startedAt: "desc" },
          take: 10,
          select: { id: true, kind: true, startedAt: true, finishedAt: true, counts: true, error: true },
        })
      : [];
    return {
      connection:
        row && settings?.success
          ? {
              id: row.id,
              name: row.name,
              enabled: row.enabled,
              settings: settings.data,
              tokenSet: row.secrets !== null,
              tokenExpiry: tokenExpiry(settings.data.tokenExpiresAt, now),
              webhookPath: `/api/webhooks/xentral/${row.id}`,
            }
          : null,
      products: {
        active: grouped.find((g) => g.active)?._count._all ?? 0,
        inactive: grouped.find((g) => !g.active)?._count._all ?? 0,
      },
      runs: runs.map((r) => ({
        id: r.id,
        kind: r.kind === PULL_KINDS.full ? "full" : "incremental",
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        counts: Object.fromEntries(
          Object.entries((r.counts ?? {}) as Record<string, unknown>).filter(
            (e): e is [string, number] => typeof e[1] === "number",
          ),
        ),
        error: r.error,
      })),
    };
  });
}

/** "Sync now" (admins, audited): the job's pull for this organisation, run at once. */
export async function syncXentralNow(ctx: MemberContext, mode: PullMode): Promise<PullCounts> {
  authorize(ctx, "integration.manage", { type: "integration", orgId: ctx.orgId });
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "integration.xentral.sync_requested",
      resourceType: "integration_connection",
      resourceId: null,
      after: { mode },
    }),
  );
  try {
    const counts = await pullProducts({ orgId: ctx.orgId, userId: null, roles: ["system"] }, mode);
    if (counts.notConfigured) {
      throw new AppError("unprocessable", "No Xentral connection with a token is enabled.", {
        text: { code: "xentral.errors.notConfigured" },
      });
    }
    return counts;
  } catch (error) {
    throw toAppError(error);
  } finally {
    await flushCallRecords();
  }
}
