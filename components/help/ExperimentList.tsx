"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import ScienceOutlined from "@mui/icons-material/ScienceOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import IconButton from "@mui/material/IconButton";
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
import { useEffect, useRef, useState } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { HeadRow } from "@/components/ui/TableParts";
import { useActionForm } from "@/components/ui/useActionForm";
import { createHelpExperimentAction } from "@/lib/help/actions";
import { experimentForms, MAX_VARIANTS, type TExperiment } from "@/lib/help/experiment-schemas";

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
            <Variants field={form.field} />
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

/** A variant's label by its place: B, C, D, E (control is A). */
const variantLabel = (index: number) => String.fromCharCode(66 + index);

/**
 * The form's variants: one to MAX_VARIANTS, each a group with its title and Markdown body, fields
 * `variants.<n>.…` by place. Adding one moves the focus to its title; removing one moves it to the
 * add button, so a keyboard user never loses their place.
 */
function Variants({
  field,
}: {
  field: (name: string) => { name: string; error: boolean; helperText: string };
}) {
  const t = useTranslations("help.experiments.create");
  const next = useRef(1);
  const [keys, setKeys] = useState<number[]>([0]);
  /** Where the focus goes once the variants have rendered: a new variant's title, or the add button. */
  const focusNext = useRef<"add" | number | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const titles = useRef(new Map<number, HTMLInputElement>());
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    (target === "add" ? addRef.current : titles.current.get(target))?.focus();
  }, [keys]);
  const add = () => {
    const key = next.current++;
    focusNext.current = key;
    setKeys((current) => [...current, key]);
  };
  const remove = (key: number) => {
    focusNext.current = "add";
    setKeys((current) => current.filter((k) => k !== key));
  };
  return (
    <Stack spacing={2} sx={{ pb: 2 }}>
      {keys.map((key, index) => {
        const label = variantLabel(index);
        const name = (part: string) => `variants.${index}.${part}`;
        return (
          <Box
            key={key}
            role="group"
            aria-labelledby={`variant-${key}`}
            sx={{ border: 1, borderColor: "divider", borderRadius: 1, px: 2, pt: 1, pb: 0.5 }}
          >
            <Stack
              direction="row"
              sx={{ justifyContent: "space-between", alignItems: "center", minHeight: 40, mb: 1 }}
            >
              <Typography id={`variant-${key}`} variant="subtitle2" component="h3">
                {t("variant", { label })}
              </Typography>
              {keys.length > 1 && (
                <IconButton
                  size="small"
                  aria-label={t("removeVariant", { label })}
                  onClick={() => remove(key)}
                >
                  <DeleteOutlined fontSize="small" />
                </IconButton>
              )}
            </Stack>
            <input type="hidden" name={name("label")} value={label} />
            <Stack spacing={1}>
              <TextField
                label={t("variantTitle")}
                inputRef={(el: HTMLInputElement | null) => {
                  if (el) titles.current.set(key, el);
                  else titles.current.delete(key);
                }}
                {...field(name("title"))}
              />
              <TextField label={t("variantBody")} multiline minRows={3} {...field(name("bodyMd"))} />
            </Stack>
          </Box>
        );
      })}
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
        <Button
          ref={addRef}
          variant="outlined"
          startIcon={<AddOutlined />}
          onClick={add}
          disabled={keys.length >= MAX_VARIANTS}
        >
          {t("addVariant")}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t("variantsHint", { max: MAX_VARIANTS })}
        </Typography>
      </Stack>
    </Stack>
  );
}
