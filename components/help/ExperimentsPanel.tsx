import ArrowBackOutlined from "@mui/icons-material/ArrowBackOutlined";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { ButtonLink } from "@/components/ui/links";
import type { OrgSession } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { experimentResults, listExperiments } from "@/lib/help/experiments";
import { listArticles } from "@/lib/help/service";

import { ExperimentList } from "./ExperimentList";
import { ExperimentResults } from "./ExperimentResults";

/** The A/B tests page, rendered on the server: the experiments and the published articles to test. */
export async function ExperimentsPanel({ session }: { session: OrgSession }) {
  const t = await getTranslations("help.experiments");
  const [experiments, articles] = await Promise.all([
    listExperiments(session.ctx),
    listArticles(session.ctx, { status: "PUBLISHED" }),
  ]);
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h2">
        {t("title")}
      </Typography>
      <ExperimentList
        orgSlug={session.org.slug}
        experiments={experiments}
        articles={articles.map((a) => ({ id: a.id, title: a.title, locale: a.locale }))}
      />
    </Stack>
  );
}

/** One experiment's results; another organisation's (or an unknown id) is a 404. */
export async function ExperimentResultsPanel({
  session,
  experimentId,
}: {
  session: OrgSession;
  experimentId: string;
}) {
  if (!z.uuid().safeParse(experimentId).success) notFound();
  const t = await getTranslations("help.experiments");
  const results = await experimentResults(session.ctx, experimentId).catch((error: unknown) => {
    if (isAppError(error) && error.kind === "not_found") return null;
    throw error;
  });
  if (!results) notFound();
  return (
    <Stack spacing={2}>
      <div>
        <ButtonLink href={`/${session.org.slug}/help/experiments`} startIcon={<ArrowBackOutlined />}>
          {t("back")}
        </ButtonLink>
      </div>
      <ExperimentResults orgSlug={session.org.slug} results={results} />
    </Stack>
  );
}
