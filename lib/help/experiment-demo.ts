import "server-only";

import { randomUUID } from "node:crypto";

import { recordAudits } from "@/lib/audit/service";
import { systemContext, withOrg, type MemberContext } from "@/lib/db";

import { applyStopRules, createExperiment, transitionExperiment } from "./experiments";

/**
 * The demo's A/B tests (prisma/seed.ts), on two published German articles:
 *
 * - "Kürzere Schutzfrist-Erklärung": finished — the variant got clearly more "helpful" votes, and
 *   the stop rule (applied here as the hourly job would) stopped it with the variant as winner.
 * - "Unterbrechungen mit Beispiel": running, with the readers split 150 : 90 against a planned
 *   1 : 1 — the results page warns of a sample-ratio mismatch.
 *
 * The numbers need more readers than the demo's few logins, so it adds 240 reader accounts
 * (auditors, who read the help; no password, so they cannot sign in), and writes each reader's
 * exposure, vote and questions in that reader's own context, as the policies demand. The
 * exposures' arms are chosen here, not hashed: that is what makes the skewed split. Runs once.
 */
const READERS = 240;
const DAY = 86_400_000;

export async function seedHelpExperiments(
  admin: MemberContext,
  manager: MemberContext,
): Promise<{ experiments: number; readers: number }> {
  const existing = await withOrg(manager, (tx) => tx.helpExperiment.count());
  if (existing > 0) return { experiments: 0, readers: 0 };
  const articles = await withOrg(manager, (tx) =>
    tx.helpArticle.findMany({
      where: { slug: { in: ["schutzfrist", "unterbrechungen"] }, locale: "de", status: "PUBLISHED" },
      select: { id: true, slug: true },
    }),
  );
  const clock = articles.find((a) => a.slug === "schutzfrist");
  const holds = articles.find((a) => a.slug === "unterbrechungen");
  if (!clock || !holds) return { experiments: 0, readers: 0 };

  const readers = Array.from({ length: READERS }, (_, i) => ({
    id: randomUUID(),
    email: `leser${String(i + 1).padStart(3, "0")}@ab-demo.freshfoodz.example`,
    name: `Demo-Leser ${String(i + 1).padStart(3, "0")}`,
  }));
  await withOrg(admin, async (tx) => {
    await tx.user.createMany({ data: readers.map((r) => ({ ...r, locale: "de" })) });
    await tx.membership.createMany({
      data: readers.map((r) => ({ orgId: admin.orgId, userId: r.id, role: "auditor" })),
    });
    await recordAudits(
      tx,
      admin,
      readers.flatMap((r) => [
        {
          action: "user.created",
          resourceType: "user",
          resourceId: r.id,
          after: { locale: "de", active: true },
        },
        {
          action: "member.added",
          resourceType: "membership",
          resourceId: r.id,
          after: { userId: r.id, role: "auditor" },
        },
      ]),
    );
  });

  const common = { winProbability: 0.95, controlWeight: 1 } as const;
  const finished = await createExperiment(manager, {
    ...common,
    articleId: clock.id,
    name: "Kürzere Schutzfrist-Erklärung",
    days: 14,
    minExposuresPerArm: 100,
    variants: [
      {
        label: "Kurz",
        title: "Die Schutzfrist in 30 Sekunden",
        bodyMd:
          "- Ab der Registrierung ist der Lead **sechs Monate** Ihrer.\n- Jede Aktivität zählt; Pausen halten die Uhr an.\n- Reicht es nicht: rechtzeitig **Verlängerung** beantragen.",
        weight: 1,
      },
    ],
  });
  const skewed = await createExperiment(manager, {
    ...common,
    articleId: holds.id,
    name: "Unterbrechungen mit Beispiel",
    days: 30,
    minExposuresPerArm: 200,
    variants: [
      {
        label: "Beispiel",
        title: "Unterbrechungen: die Uhr anhalten (mit Beispiel)",
        bodyMd:
          "Beispiel: Die Kantine hat drei Wochen Betriebsferien. Legen Sie eine **Unterbrechung** für diese Zeit an – die Schutzfrist läuft danach weiter, wo sie stand.",
        weight: 1,
      },
    ],
  });
  for (const id of [finished.id, skewed.id]) await transitionExperiment(manager, id, { action: "start" });
  // Started eight days ago, so the readers' first sights (three to seven days ago) fall inside.
  await withOrg(manager, async (tx) => {
    for (const [id, days] of [
      [finished.id, 14],
      [skewed.id, 30],
    ] as const) {
      const startsAt = new Date(Date.now() - 8 * DAY);
      await tx.helpExperiment.update({
        where: { id },
        data: { startsAt, endsAt: new Date(startsAt.getTime() + days * DAY) },
      });
    }
  });

  const now = Date.now();
  for (const [i, reader] of readers.entries()) {
    const ctx: MemberContext = { orgId: admin.orgId, userId: reader.id, roles: ["auditor"] };
    const seen = new Date(now - (3 + (i % 5)) * DAY);
    // Finished test: readers 0–119 control (30 helpful, 40 asked within 24 h), 120–239 the variant
    // (54 helpful, 20 asked). Skewed test: 0–149 control, 150–239 the variant, similar votes.
    const finishedArm = i < 120 ? 0 : 1;
    const k = i % 120;
    const helpful = finishedArm === 0 ? k < 30 : k < 54;
    const asked = finishedArm === 0 ? k >= 80 : k >= 100;
    await withOrg(ctx, async (tx) => {
      await tx.$executeRaw`
        INSERT INTO help_exposure (org_id, experiment_id, arm, user_id, first_shown_at)
        VALUES (${ctx.orgId}::uuid, ${finished.id}::uuid, ${finishedArm}, ${ctx.userId}::uuid, ${seen}),
               (${ctx.orgId}::uuid, ${skewed.id}::uuid, ${i < 150 ? 0 : 1}, ${ctx.userId}::uuid, ${seen})`;
      if (helpful)
        await tx.helpFeedback.createMany({
          data: [
            {
              orgId: ctx.orgId,
              articleId: clock.id,
              userId: ctx.userId,
              helpful: true,
              createdAt: new Date(seen.getTime() + 60_000),
            },
          ],
        });
      if (i % 5 === 0)
        await tx.helpFeedback.createMany({
          data: [
            {
              orgId: ctx.orgId,
              articleId: holds.id,
              userId: ctx.userId,
              helpful: i % 10 === 0,
              createdAt: new Date(seen.getTime() + 60_000),
            },
          ],
        });
      if (asked)
        await tx.helpQuestion.createMany({
          data: [
            {
              orgId: ctx.orgId,
              userId: ctx.userId,
              question: "Wie verlängere ich die Schutzfrist?",
              locale: "de",
              answeredBy: "search",
              covered: false,
              createdAt: new Date(seen.getTime() + 3 * 3_600_000),
            },
          ],
        });
    });
  }
  // What the hourly job does: the finished test's rule has decided.
  const system = { ...systemContext("help-experiments-stop"), orgId: admin.orgId };
  await withOrg(system, (tx) => applyStopRules(tx, system));
  return { experiments: 2, readers: READERS };
}
