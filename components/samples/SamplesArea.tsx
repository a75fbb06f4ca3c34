"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
import Inventory2Outlined from "@mui/icons-material/Inventory2Outlined";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { Section } from "@/components/ui/Section";
import type { SamplesOverview } from "@/lib/samples/overview";
import { BOX_STATUSES, type TSamplesFilter } from "@/lib/samples/schemas";

import { BoxGrid } from "./BoxGrid";
import { PipelineBoard } from "./PipelineBoard";
import { ProductDialog } from "./ProductDialog";
import { SampleKpis } from "./SampleKpis";

/**
 * The Samples area: the response figures (with their CSV), the pipeline board by status and the
 * list of boxes. The filters live in the query string, so the server renders what they select and a
 * filtered view can be linked.
 */
export function SamplesArea({
  orgSlug,
  filter,
  overview,
}: {
  orgSlug: string;
  filter: TSamplesFilter;
  overview: SamplesOverview;
}) {
  const t = useTranslations("samples.area");
  const st = useTranslations("samples.admin.status");
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [adding, setAdding] = useState(false);
  const filtered = Object.values(filter).some(Boolean);
  const total = Object.values(overview.counts).reduce((a, b) => a + b, 0);

  const setFilter = (key: keyof TSamplesFilter, value: string) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filter, [key]: value })) if (v) next.set(k, v);
    startTransition(() => router.replace(next.size ? `${pathname}?${next}` : pathname, { scroll: false }));
  };

  const select = (key: keyof TSamplesFilter, label: string, options: { value: string; label: string }[]) => (
    <TextField
      select
      size="small"
      label={label}
      value={filter[key] ?? ""}
      onChange={(event) => setFilter(key, event.target.value)}
      sx={{ minWidth: 180 }}
    >
      <MenuItem value="">{t("filters.all")}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <Stack spacing={3} aria-busy={pending}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
        {overview.canManageProducts && (
          <Button variant="outlined" startIcon={<AddOutlined />} onClick={() => setAdding(true)}>
            {t("products.add")}
          </Button>
        )}
        <Button
          variant="outlined"
          startIcon={<FileDownloadOutlined />}
          href={`/${orgSlug}/samples/export`}
          download
        >
          {t("kpis.export")}
        </Button>
      </Stack>

      <Section title={t("kpis.title")} intro={t("kpis.intro")} id="kpis-heading">
        <SampleKpis kpis={overview.kpis} />
      </Section>

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t("filters.title")}>
        <Stack direction={{ xs: "column", sm: "row" }} spacing={1.5} useFlexGap sx={{ flexWrap: "wrap" }}>
          {select(
            "status",
            t("filters.status"),
            BOX_STATUSES.map((s) => ({ value: s, label: st(s) })),
          )}
          {select(
            "partner",
            t("filters.partner"),
            overview.partners.map((p) => ({ value: p.id, label: p.name })),
          )}
          {select(
            "product",
            t("filters.product"),
            overview.products.map((p) => ({ value: p.sku, label: `${p.name} (${p.sku})` })),
          )}
          {filtered && (
            <Button onClick={() => startTransition(() => router.replace(pathname, { scroll: false }))}>
              {t("filters.reset")}
            </Button>
          )}
        </Stack>
      </Paper>

      {total === 0 && overview.boxes.length === 0 ? (
        <EmptyState icon={<Inventory2Outlined />} title={filtered ? t("emptyFiltered") : t("empty")}>
          {filtered ? t("emptyFilteredHint") : t("emptyHint")}
        </EmptyState>
      ) : (
        <>
          <Section title={t("board.title")} intro={t("board.intro")} id="board-heading">
            <PipelineBoard orgSlug={orgSlug} counts={overview.counts} boxes={overview.boxes} />
          </Section>
          <Section title={t("list.title")} id="list-heading">
            <BoxGrid orgSlug={orgSlug} boxes={overview.boxes} truncated={overview.truncated} />
          </Section>
        </>
      )}

      {overview.canManageProducts && (
        <ProductDialog orgSlug={orgSlug} open={adding} onClose={() => setAdding(false)} />
      )}
    </Stack>
  );
}
