import "server-only";

import { Prisma, type MemberContext, type Tx } from "@/lib/db";

import { assignArm } from "./ab-stats";
import type { TExperiment } from "./experiment-schemas";
import type { THelpArticle } from "./schemas";

/**
 * Reads and the one reader-side write of the help A/B tests; they take a tx and check no
 * permission: row-level security shows a reader only running experiments of articles they may
 * read, and only their own exposures (experiments.ts asks the access rules for everything else).
 */

interface ExperimentRow {
  id: string;
  article_id: string;
  article_title: string;
  name: string;
  status: TExperiment["status"];
  starts_at: Date | null;
  ends_at: Date;
  min_exposures_per_arm: number;
  win_probability: number;
  winner_arm: number | null;
  stopped_reason: TExperiment["stoppedReason"];
  stopped_at: Date | null;
  created_at: Date;
  arms: { position: number; label: string; title: string | null; body_md: string | null; weight: number }[];
}

const experimentColumns = Prisma.sql`
  e.id, e.article_id, a.title AS article_title, e.name, e.status, e.starts_at, e.ends_at,
  e.min_exposures_per_arm, e.win_probability, e.winner_arm, e.stopped_reason, e.stopped_at, e.created_at,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('position', r.position, 'label', r.label, 'title', r.title,
                                                'body_md', r.body_md, 'weight', r.weight) ORDER BY r.position), '[]')
     FROM help_experiment_arm r WHERE r.org_id = e.org_id AND r.experiment_id = e.id) AS arms`;

function experimentView(row: ExperimentRow): TExperiment {
  return {
    id: row.id,
    articleId: row.article_id,
    articleTitle: row.article_title,
    name: row.name,
    status: row.status,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at.toISOString(),
    minExposuresPerArm: row.min_exposures_per_arm,
    winProbability: row.win_probability,
    winnerArm: row.winner_arm,
    stoppedReason: row.stopped_reason,
    stoppedAt: row.stopped_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    arms: row.arms.map((r) => ({
      position: r.position,
      label: r.label,
      title: r.title,
      bodyMd: r.body_md,
      weight: r.weight,
    })),
  };
}

export async function readExperiment(tx: Tx, id: string): Promise<TExperiment | null> {
  const [row] = await tx.$queryRaw<ExperimentRow[]>`
    SELECT ${experimentColumns} FROM help_experiment e
    JOIN help_article a ON a.org_id = e.org_id AND a.id = e.article_id
    WHERE e.id = ${id}::uuid`;
  return row ? experimentView(row) : null;
}

export async function listExperimentRows(tx: Tx, status?: string): Promise<TExperiment[]> {
  const rows = await tx.$queryRaw<ExperimentRow[]>`
    SELECT ${experimentColumns} FROM help_experiment e
    JOIN help_article a ON a.org_id = e.org_id AND a.id = e.article_id
    WHERE (${status ?? null}::text IS NULL OR e.status = ${status ?? null})
    ORDER BY e.status = 'RUNNING' DESC, e.created_at DESC
    LIMIT 200`;
  return rows.map(experimentView);
}

export interface ArmCounts {
  position: number;
  exposures: number;
  helpful: number;
  /** Exposed at least 24 h ago: the deflection's denominator. */
  matured: number;
  /** Of those, asked the help nothing within 24 h after the first exposure. */
  deflected: number;
}

/**
 * Per arm: exposures; readers who voted "helpful" on the article after their first exposure; and,
 * of the readers whose first exposure is at least 24 h before `now`, those with no question to the
 * help (help_question) within those 24 h.
 */
export async function readArmCounts(tx: Tx, experimentId: string, now: Date): Promise<ArmCounts[]> {
  return tx.$queryRaw<ArmCounts[]>`
    SELECT r.position,
           count(x.id)::int AS exposures,
           count(x.id) FILTER (WHERE EXISTS (
             SELECT 1 FROM help_feedback f
             WHERE f.org_id = x.org_id AND f.article_id = e.article_id AND f.user_id = x.user_id
               AND f.helpful AND f.created_at >= x.first_shown_at))::int AS helpful,
           count(x.id) FILTER (WHERE x.first_shown_at <= ${now}::timestamptz - interval '24 hours')::int AS matured,
           count(x.id) FILTER (WHERE x.first_shown_at <= ${now}::timestamptz - interval '24 hours'
             AND NOT EXISTS (
               SELECT 1 FROM help_question q
               WHERE q.org_id = x.org_id AND q.user_id = x.user_id
                 AND q.created_at >= x.first_shown_at
                 AND q.created_at < x.first_shown_at + interval '24 hours'))::int AS deflected
    FROM help_experiment e
    JOIN help_experiment_arm r ON r.org_id = e.org_id AND r.experiment_id = e.id
    LEFT JOIN help_exposure x ON x.org_id = r.org_id AND x.experiment_id = r.experiment_id AND x.arm = r.position
    WHERE e.id = ${experimentId}::uuid
    GROUP BY r.position
    ORDER BY r.position`;
}

/**
 * The version of `article` this reader is shown, logging the exposure: when the article has a
 * running experiment inside its window, the reader's arm is `assignArm` (a hash, so sticky), the
 * exposure is inserted once (ON CONFLICT DO NOTHING keeps the first sight), and a variant's title
 * and body replace the article's. Call it only on the read that displays the article.
 */
export async function servedArticle(
  tx: Tx,
  ctx: MemberContext,
  article: THelpArticle,
): Promise<THelpArticle> {
  if (article.status !== "PUBLISHED") return article;
  const [experiment] = await tx.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM help_experiment e
    WHERE e.article_id = ${article.id}::uuid AND e.status = 'RUNNING' AND now() < e.ends_at`;
  if (!experiment) return article;
  const arms = await tx.helpExperimentArm.findMany({
    where: { experimentId: experiment.id },
    orderBy: { position: "asc" },
    select: { position: true, title: true, bodyMd: true, weight: true },
  });
  if (arms.length < 2) return article;
  const arm =
    arms[
      assignArm(
        experiment.id,
        ctx.userId,
        arms.map((a) => a.weight),
      )
    ];
  await tx.$executeRaw`
    INSERT INTO help_exposure (org_id, experiment_id, arm, user_id)
    VALUES (${ctx.orgId}::uuid, ${experiment.id}::uuid, ${arm.position}, ${ctx.userId}::uuid)
    ON CONFLICT (org_id, experiment_id, user_id) DO NOTHING`;
  if (arm.position === 0 || arm.title === null || arm.bodyMd === null) return article;
  return { ...article, title: arm.title, bodyMd: arm.bodyMd };
}
