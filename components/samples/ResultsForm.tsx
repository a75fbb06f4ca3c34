"use client";

import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { FormMessage } from "@/components/ui/FormFooter";
import { recordResultsAction } from "@/lib/samples/actions";
import { RESULT_OUTCOMES } from "@/lib/samples/schemas";

import { useInvalidateSamples, useSampleAction, type PhaseProps } from "./sampleQueries";

interface Row {
  outcome: string;
  sellThroughPct: string;
  wasteDeltaPct: string;
}

/** The results of a test phase per product (outcome, sell-through, waste); products left open are skipped. */
export function ResultsForm({ orgSlug, leadId, box, phase, canConfigure }: PhaseProps) {
  const t = useTranslations("samples.admin.results");
  const o = useTranslations("samples.admin.outcome");
  const invalidate = useInvalidateSamples(orgSlug, leadId);
  const recorded = new Map(phase.results.map((r) => [r.sku, r]));
  const [rows, setRows] = useState<Record<string, Row>>(() =>
    Object.fromEntries(
      box.items.map((item) => {
        const r = recorded.get(item.sku);
        return [
          item.sku,
          {
            outcome: r?.outcome ?? "",
            sellThroughPct: r?.sellThroughPct?.toString() ?? "",
            wasteDeltaPct: r?.wasteDeltaPct?.toString() ?? "",
          },
        ];
      }),
    ),
  );
  const action = useSampleAction(invalidate);
  const filled = box.items.filter((item) => rows[item.sku]?.outcome);
  const number = (value: string) => (value.trim() === "" ? undefined : Number(value.replace(",", ".")));
  const save = () =>
    action.run(() =>
      recordResultsAction(orgSlug, phase.id, {
        items: filled.map((item) => {
          const row = rows[item.sku];
          return {
            sku: item.sku,
            outcome: row.outcome,
            sellThroughPct: number(row.sellThroughPct),
            wasteDeltaPct: number(row.wasteDeltaPct),
          };
        }),
      }),
    );
  const set = (sku: string, key: keyof Row, value: string) =>
    setRows({ ...rows, [sku]: { ...rows[sku], [key]: value } });

  if (!canConfigure && phase.results.length === 0) return null;
  return (
    <Stack
      component="form"
      spacing={1}
      noValidate
      aria-label={t("title")}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Typography variant="subtitle2" component="h5">
        {t("title")}
      </Typography>
      {box.items.map((item, i) => {
        const error = (key: string) => action.fieldErrors[`items.${filled.indexOf(item)}.${key}`];
        return (
          <Stack
            key={item.sku}
            role="group"
            aria-labelledby={`result-${phase.id}-${i}`}
            direction={{ xs: "column", md: "row" }}
            spacing={1}
            sx={{ alignItems: { md: "center" } }}
          >
            <Typography variant="body2" sx={{ flex: 1, minWidth: 140 }} id={`result-${phase.id}-${i}`}>
              {item.name}
            </Typography>
            <TextField
              select
              size="small"
              label={t("outcome")}
              value={rows[item.sku]?.outcome ?? ""}
              onChange={(event) => set(item.sku, "outcome", event.target.value)}
              disabled={!canConfigure}
              sx={{ minWidth: 150 }}
            >
              <MenuItem value="">{t("open")}</MenuItem>
              {RESULT_OUTCOMES.map((outcome) => (
                <MenuItem key={outcome} value={outcome}>
                  {o(outcome)}
                </MenuItem>
              ))}
            </TextField>
            <Stack direction="row" spacing={1}>
              <TextField
                size="small"
                label={t("sellThrough")}
                inputMode="decimal"
                value={rows[item.sku]?.sellThroughPct ?? ""}
                onChange={(event) => set(item.sku, "sellThroughPct", event.target.value)}
                disabled={!canConfigure}
                error={Boolean(error("sellThroughPct"))}
                helperText={error("sellThroughPct")}
                sx={{ flex: 1, width: { md: 160 } }}
              />
              <TextField
                size="small"
                label={t("wasteDelta")}
                inputMode="decimal"
                value={rows[item.sku]?.wasteDeltaPct ?? ""}
                onChange={(event) => set(item.sku, "wasteDeltaPct", event.target.value)}
                disabled={!canConfigure}
                error={Boolean(error("wasteDeltaPct"))}
                helperText={error("wasteDeltaPct")}
                sx={{ flex: 1, width: { md: 160 } }}
              />
            </Stack>
          </Stack>
        );
      })}
      <FormMessage message={action.message} />
      {canConfigure && (
        <Stack direction="row">
          <Button
            type="submit"
            variant="outlined"
            size="small"
            disabled={action.pending || filled.length === 0}
          >
            {action.pending ? t("saving") : t("save")}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
