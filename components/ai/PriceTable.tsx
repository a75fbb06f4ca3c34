"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import EditOutlined from "@mui/icons-material/EditOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import Typography from "@mui/material/Typography";
import useMediaQuery from "@mui/material/useMediaQuery";
import { DataGrid, type GridColDef } from "@mui/x-data-grid";
import { deDE, enUS } from "@mui/x-data-grid/locales";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";

import { Section } from "@/components/ui/Section";
import { useAiPrices, type TModelPrice } from "./aiQueries";
import { useAiFormat } from "./format";
import { PriceDialog } from "./PriceDialog";

type PriceRow = TModelPrice & { id: string };

/** What the dialog edits: a row, or a new price. */
type Editing = { price: TModelPrice | null } | null;

/**
 * The model prices, in EUR per million tokens. Everyone with the dashboard reads them; platform
 * admins (ai.prices.edit, decided on the server) edit a row or add one in a dialog.
 */
export function PriceTable({
  orgSlug,
  initialPrices,
  canEdit,
}: {
  orgSlug: string;
  initialPrices: TModelPrice[];
  canEdit: boolean;
}) {
  const t = useTranslations("ai.prices");
  const f = useAiFormat();
  const locale = useLocale();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down("md"));
  const prices = useAiPrices(orgSlug, initialPrices);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const rows = useMemo<PriceRow[]>(() => prices.data.map((p) => ({ ...p, id: p.model })), [prices.data]);
  const columns = useMemo<GridColDef<PriceRow>[]>(
    () => [
      { field: "model", headerName: t("model"), flex: 1.2, minWidth: 150 },
      {
        field: "provider",
        headerName: t("provider"),
        minWidth: 100,
        flex: 0.7,
        valueFormatter: (value: TModelPrice["provider"]) => (value === "openai" ? "OpenAI" : "Anthropic"),
      },
      {
        field: "inputPerMillionEur",
        headerName: t("input"),
        type: "number",
        minWidth: 130,
        flex: 1,
        valueFormatter: (value: number) => f.price(value),
      },
      {
        field: "outputPerMillionEur",
        headerName: t("output"),
        type: "number",
        minWidth: 130,
        flex: 1,
        valueFormatter: (value: number) => f.price(value),
      },
      {
        field: "updatedAt",
        headerName: t("updatedAt"),
        minWidth: 150,
        flex: 0.9,
        valueFormatter: (value: string) => f.dateTime(value),
      },
      ...(canEdit
        ? [
            {
              field: "actions",
              headerName: t("actions"),
              sortable: false,
              width: 90,
              align: "center",
              headerAlign: "center",
              renderCell: ({ row, tabIndex }) => (
                <IconButton
                  size="small"
                  aria-label={t("edit", { model: row.model })}
                  tabIndex={tabIndex}
                  onClick={() => setEditing({ price: row })}
                >
                  <EditOutlined fontSize="small" />
                </IconButton>
              ),
            } satisfies GridColDef<PriceRow>,
          ]
        : []),
    ],
    [t, f, canEdit],
  );

  return (
    <Section
      id="ai-prices"
      title={t("title")}
      intro={`${t("intro")} ${canEdit ? "" : t("readOnly")}`.trim()}
      actions={
        canEdit && (
          <Button
            variant="outlined"
            size="small"
            startIcon={<AddOutlined />}
            onClick={() => setEditing({ price: null })}
          >
            {t("add")}
          </Button>
        )
      }
    >
      <Stack spacing={2}>
        {prices.isError && <Alert severity="error">{prices.error.message}</Alert>}
        {saved && (
          <Typography role="status" variant="body2" color="success.main">
            {t("saved", { model: saved })}
          </Typography>
        )}
        <DataGrid
          aria-label={t("table")}
          rows={rows}
          columns={columns}
          autoHeight
          density="compact"
          // A handful of rows: render every cell, so narrow screens scroll to the last column, not to blanks.
          disableVirtualization
          disableRowSelectionOnClick
          disableColumnMenu
          hideFooter={rows.length <= 25}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
          pageSizeOptions={[25]}
          columnVisibilityModel={narrow ? { updatedAt: false, provider: false } : {}}
          localeText={{
            ...(locale === "de" ? deDE : enUS).components.MuiDataGrid.defaultProps.localeText,
            noRowsLabel: t("empty"),
          }}
          sx={{ bgcolor: "background.paper" }}
        />
      </Stack>
      {editing && (
        <PriceDialog
          orgSlug={orgSlug}
          price={editing.price}
          onClose={() => setEditing(null)}
          onSaved={(model) => {
            setSaved(model);
            setEditing(null);
          }}
        />
      )}
    </Section>
  );
}
