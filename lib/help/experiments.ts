import "server-only";

import { recordAudit } from "@/lib/audit/service";
import { authorize, type Action } from "@/lib/auth/policy";
import { withOrg, type MemberContext, type OrgContext, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { decideStop, expectedLoss, probabilityToBeat, sampleRatioCheck, type Arm } from "./ab-stats";
import { listExperimentRows, readArmCounts, readExperiment, servedArticle } from "./experiment-queries";
import type {
  TArmOutcome,
  TCreateExperiment,
  TExperiment,
  TExperimentResults,
  TExperimentTransition,
} from "./experiment-schemas";
import type { THelpArticle } from "./schemas";
import { getArticle } from "./service";

/**
 * A/B tests of help articles (issue 14). An editor compares an article's published text (control,
 * arm 0) with one or more variants; while the experiment runs, each reader is shown the arm
 * `assignArm` gives them (experiment-queries.ts `servedArticle`, from the help drawer and the
 * article page) and their first sight is logged. The results count two outcomes per arm —
 * "helpful" votes after the first sight, and no question to the help within 24 h (deflection) —
 * and the statistics of ab-stats.ts judge them. The stop rule (on "helpful") is applied hourly by
 * the job `help-experiments-stop`; an editor may stop earlier and record the winner.
 *
 * A winner is recorded, not published: the variant's text reaches readers only when an editor saves
 * it into the article and a second editor publishes it (the four-eyes path), since saving a
 * published article takes it back to review.
 */

const resource = (orgId: string) => ({ type: "help_experiment", orgId });

function notFound(): AppError {
  return new AppError("not_found", "No such experiment.", {
    text: { code: "help.errors.experimentNotFound" },
  });
}

async function loadExperiment(tx: Tx, ctx: OrgContext, id: string, action: Action): Promise<TExperiment> {
  authorize(ctx, action, resource(ctx.orgId));
  const experiment = await readExperiment(tx, id);
  if (!experiment) throw notFound();
  return experiment;
}

export async function listExperiments(ctx: MemberContext, status?: string): Promise<TExperiment[]> {
  authorize(ctx, "help.experiment", resource(ctx.orgId));
  return withOrg(ctx, (tx) => listExperimentRows(tx, status));
}

export async function getExperiment(ctx: MemberContext, id: string): Promise<TExperiment> {
  return withOrg(ctx, (tx) => loadExperiment(tx, ctx, id, "help.experiment"));
}

/** A new experiment (DRAFT) of a published or draft article; control is the article's text. */
export async function createExperiment(ctx: MemberContext, input: TCreateExperiment): Promise<TExperiment> {
  authorize(ctx, "help.experiment", resource(ctx.orgId));
  return withOrg(ctx, async (tx) => {
    const article = await tx.helpArticle.findUnique({ where: { id: input.articleId }, select: { id: true } });
    if (!article) {
      throw new AppError("unprocessable", "No such help article.", {
        text: { code: "help.errors.notFound" },
        fieldErrors: [{ path: "articleId", message: "unknown", code: "help.errors.notFound" }],
      });
    }
    const experiment = await tx.helpExperiment.create({
      data: {
        orgId: ctx.orgId,
        articleId: input.articleId,
        name: input.name,
        // Until it starts, the window is its planned length from now; start moves it.
        endsAt: new Date(Date.now() + input.days * 86_400_000),
        minExposuresPerArm: input.minExposuresPerArm,
        winProbability: input.winProbability,
        createdBy: ctx.userId,
      },
      select: { id: true },
    });
    await tx.helpExperimentArm.createMany({
      data: [
        {
          orgId: ctx.orgId,
          experimentId: experiment.id,
          position: 0,
          label: "Control",
          weight: input.controlWeight,
        },
        ...input.variants.map((v, i) => ({
          orgId: ctx.orgId,
          experimentId: experiment.id,
          position: i + 1,
          label: v.label,
          title: v.title,
          bodyMd: v.bodyMd,
          weight: v.weight,
        })),
      ],
    });
    await recordAudit(tx, ctx, {
      action: "help.experiment.created",
      resourceType: "help_experiment",
      resourceId: experiment.id,
      after: {
        articleId: input.articleId,
        name: input.name,
        variants: input.variants.length,
        days: input.days,
      },
    });
    return (await readExperiment(tx, experiment.id))!;
  });
}

function wrongStatus(status: string): AppError {
  return new AppError("conflict", `The experiment is ${status}.`, {
    text: { code: "help.errors.experimentStatus", params: { status } },
  });
}

/** DRAFT → RUNNING (the window starts now) or RUNNING → STOPPED by an editor; audited. */
export async function transitionExperiment(
  ctx: MemberContext,
  id: string,
  input: TExperimentTransition,
): Promise<TExperiment> {
  return withOrg(ctx, async (tx) => {
    const experiment = await loadExperiment(tx, ctx, id, "help.experiment");
    if (input.action === "start") {
      if (experiment.status !== "DRAFT") throw wrongStatus(experiment.status);
      const running = await tx.helpExperiment.count({
        where: { articleId: experiment.articleId, status: "RUNNING" },
      });
      if (running > 0) {
        throw new AppError("conflict", "Another experiment of this article is running.", {
          text: { code: "help.errors.experimentRunning" },
        });
      }
      const article = await tx.helpArticle.findUnique({
        where: { id: experiment.articleId },
        select: { status: true },
      });
      if (article?.status !== "PUBLISHED") {
        throw new AppError("conflict", "Only a published article can be tested.", {
          text: { code: "help.errors.experimentNotPublished" },
        });
      }
      const now = new Date();
      const length = new Date(experiment.endsAt).getTime() - new Date(experiment.createdAt).getTime();
      await tx.helpExperiment.update({
        where: { id },
        data: {
          status: "RUNNING",
          startsAt: now,
          endsAt: new Date(now.getTime() + Math.max(length, 86_400_000)),
        },
      });
      await recordAudit(tx, ctx, {
        action: "help.experiment.started",
        resourceType: "help_experiment",
        resourceId: id,
        before: { status: "DRAFT" },
        after: { status: "RUNNING" },
      });
    } else {
      if (experiment.status !== "RUNNING") throw wrongStatus(experiment.status);
      const winner = input.winnerArm ?? null;
      if (winner !== null && !experiment.arms.some((a) => a.position === winner)) {
        throw new AppError("unprocessable", "No such arm.", {
          text: { code: "help.errors.experimentArm" },
          fieldErrors: [{ path: "winnerArm", message: "unknown", code: "help.errors.experimentArm" }],
        });
      }
      await stop(tx, ctx, experiment, { reason: "manual", winner, by: ctx.userId });
    }
    return (await readExperiment(tx, id))!;
  });
}

async function stop(
  tx: Tx,
  ctx: OrgContext,
  experiment: TExperiment,
  how: { reason: "winner" | "max_duration" | "manual"; winner: number | null; by: string | null },
): Promise<void> {
  await tx.helpExperiment.update({
    where: { id: experiment.id },
    data: {
      status: "STOPPED",
      stoppedReason: how.reason,
      winnerArm: how.winner,
      stoppedAt: new Date(),
      stoppedBy: how.by,
    },
  });
  await recordAudit(tx, ctx, {
    action: "help.experiment.stopped",
    resourceType: "help_experiment",
    resourceId: experiment.id,
    before: { status: "RUNNING" },
    after: { status: "STOPPED", reason: how.reason, winnerArm: how.winner },
  });
}

function outcomes(experiment: TExperiment, arms: readonly (Arm & { position: number })[]): TArmOutcome[] {
  const control = arms.find((a) => a.position === 0) ?? { exposures: 0, conversions: 0 };
  return arms.map((arm) => ({
    position: arm.position,
    label: experiment.arms.find((a) => a.position === arm.position)?.label ?? String(arm.position),
    exposures: arm.exposures,
    conversions: arm.conversions,
    rate: arm.exposures > 0 ? arm.conversions / arm.exposures : null,
    probabilityToBeat: arm.position === 0 ? null : probabilityToBeat(arm, control),
    expectedLoss: arm.position === 0 ? null : expectedLoss(arm, control),
  }));
}

/** The results and the statistics, as of `now`. */
async function resultsOf(tx: Tx, experiment: TExperiment, now: Date): Promise<TExperimentResults> {
  const counts = await readArmCounts(tx, experiment.id, now);
  const helpful = counts.map((c) => ({
    position: c.position,
    exposures: c.exposures,
    conversions: c.helpful,
  }));
  const deflection = counts.map((c) => ({
    position: c.position,
    exposures: c.matured,
    conversions: c.deflected,
  }));
  const srm = sampleRatioCheck(
    counts.map((c) => c.exposures),
    counts.map((c) => experiment.arms.find((a) => a.position === c.position)?.weight ?? 1),
  );
  const decision = decideStop(
    helpful,
    {
      minExposuresPerArm: experiment.minExposuresPerArm,
      winProbability: experiment.winProbability,
      endsAt: new Date(experiment.endsAt),
    },
    now,
  );
  return {
    experiment,
    helpful: outcomes(experiment, helpful),
    deflection: outcomes(experiment, deflection),
    srm: { chiSquare: srm.chiSquare, pValue: srm.pValue, mismatch: srm.mismatch },
    stopRule: {
      stop: decision.stop,
      reason: decision.reason,
      winner: decision.stop ? decision.winner : null,
    },
  };
}

export async function experimentResults(ctx: MemberContext, id: string): Promise<TExperimentResults> {
  return withOrg(ctx, async (tx) =>
    resultsOf(tx, await loadExperiment(tx, ctx, id, "help.experiment"), new Date()),
  );
}

/**
 * The stop job's work in one organisation: every running experiment whose stop rule decides (a
 * winner, or its time is over) is stopped, with the rule's winner; audited as the system.
 */
export async function applyStopRules(tx: Tx, ctx: OrgContext, now = new Date()): Promise<number> {
  authorize(ctx, "help.experiment", resource(ctx.orgId));
  let stopped = 0;
  for (const experiment of await listExperimentRows(tx, "RUNNING")) {
    const { stopRule } = await resultsOf(tx, experiment, now);
    if (!stopRule.stop) continue;
    await stop(tx, ctx, experiment, {
      reason: stopRule.reason === "winner" ? "winner" : "max_duration",
      winner: stopRule.winner,
      by: null,
    });
    stopped += 1;
  }
  return stopped;
}

/** The article page for a reader: the article in the version their experiment arm shows, logged. */
export async function showArticle(ctx: MemberContext, id: string): Promise<THelpArticle> {
  const article = await getArticle(ctx, id);
  return withOrg(ctx, (tx) => servedArticle(tx, ctx, article));
}
