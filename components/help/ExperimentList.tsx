"use client";

import ScienceOutlined from "@mui/icons-material/ScienceOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";

import { EmptyState } from "@/components/ui/EmptyState";
import { HeadRow } from "@/components/ui/TableParts";
import { useActionForm } from "@/components/ui/useActionForm";
import { createHelpExperimentAction } from "@/lib/help/actions";
import { experimentForms, type TExperiment } from "@/lib/help/experiment-schemas";

export const EXPERIMENT_COLOR = { DRAFT: "default", RUNNING: "info", STOPPED: "success" } as const;

/** The Help area's A/B tests (editors): every experiment, and a form for a new one. */
export function ExperimentList({
  orgSlug,
  experiments,
  articles,
}: {
  orgSlug: string;
  experiments: TExperiment[];
  articles: { id: string; title: string; locale: string }[];
}) {
  const t = useTranslations("help.experiments");
  const format = useFormatter();
  const router = useRouter();
  const form = useActionForm(createHelpExperimentAction.bind(null, orgSlug), {
    schema: experimentForms.create,
    onOk: ({ id }) => router.push(`/${orgSlug}/help/experiments/${id}`),
  });
  return (
    <Stack spacing={3}>
      {experiments.length === 0 ? (
        <EmptyState icon={<ScienceOutlined />} title={t("empty")} />
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small">
            <HeadRow titles={[t("name"), t("article"), t("status"), t("window")]} />
            <TableBody>
              {experiments.map((e) => (
                <TableRow key={e.id} hover>
                  <TableCell>
                    <Link component={NextLink} href={`/${orgSlug}/help/experiments/${e.id}`}>
                      {e.name}
                    </Link>
                  </TableCell>
                  <TableCell>{e.articleTitle}</TableCell>
                  <TableCell>
                    <Chip size="small" label={t(`statuses.${e.status}`)} color={EXPERIMENT_COLOR[e.status]} />
                  </TableCell>
                  <TableCell>
                    {e.startsAt
                      ? t("until", { date: format.dateTime(new Date(e.endsAt), { dateStyle: "medium" }) })
                      : t("notStarted")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography variant="h6" component="h2" gutterBottom>
          {t("create.title")}
        </Typography>
        {articles.length === 0 ? (
          <Alert severity="info">{t("create.noArticles")}</Alert>
        ) : (
          <Stack component="form" onSubmit={form.onSubmit} spacing={1}>
            <TextField
              select
              label={t("create.article")}
              defaultValue={articles[0].id}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
              {...form.field("articleId")}
            >
              {articles.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} ({a.locale})
                </option>
              ))}
            </TextField>
            <TextField label={t("create.name")} {...form.field("name")} />
            <TextField label={t("create.variantTitle")} {...form.field("variantTitle")} />
            <TextField
              label={t("create.variantBody")}
              multiline
              minRows={4}
              {...form.field("variantBodyMd")}
            />
            <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
              <TextField
                label={t("create.days")}
                type="number"
                sx={{ flex: 1 }}
                defaultValue={14}
                slotProps={{ htmlInput: { min: 1, max: 365 } }}
                {...form.field("days")}
              />
              <TextField
                label={t("create.minExposures")}
                type="number"
                sx={{ flex: 1 }}
                defaultValue={200}
                slotProps={{ htmlInput: { min: 10 } }}
                {...form.field("minExposuresPerArm")}
              />
            </Stack>
            {form.message && <Alert severity="error">{form.message}</Alert>}
            <div>
              <Button type="submit" variant="contained" disabled={form.pending}>
                {t("create.submit")}
              </Button>
            </div>
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
