"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import { useTheme } from "@mui/material/styles";
import useMediaQuery from "@mui/material/useMediaQuery";
import { DataGrid, type GridColDef } from "@mui/x-data-grid";
import { deDE, enUS } from "@mui/x-data-grid/locales";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

import type { BoxListRow } from "@/lib/samples/overview";

import { BoxStatusChip } from "./BoxStatusChip";

/** The filtered boxes as a list; a row opens its lead. */
export function BoxGrid({
  orgSlug,
  boxes,
  truncated,
}: {
  orgSlug: string;
  boxes: BoxListRow[];
  truncated: boolean;
}) {
  const t = useTranslations("samples.area.list");
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const narrow = useMediaQuery(useTheme().breakpoints.down("md"));
  const columns = useMemo<GridColDef<BoxListRow>[]>(
    () => [
      { field: "companyName", headerName: t("columns.company"), flex: 2, minWidth: 160 },
      {
        field: "status",
        headerName: t("columns.status"),
        width: 180,
        renderCell: ({ row }) => <BoxStatusChip status={row.status} />,
      },
      { field: "ownerName", headerName: t("columns.partner"), flex: 1, minWidth: 120 },
      {
        field: "skus",
        headerName: t("columns.products"),
        flex: 2,
        minWidth: 160,
        sortable: false,
        valueGetter: (_value, row) => row.skus.join(", "),
      },
      { field: "feedbackCount", headerName: t("columns.feedback"), type: "number", width: 110 },
      {
        field: "statusAt",
        headerName: t("columns.statusAt"),
        width: 170,
        valueFormatter: (value: string) =>
          format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" }),
      },
    ],
    [t, format],
  );
  return (
    <Box sx={{ width: "100%" }}>
      {truncated && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {t("truncated")}
        </Alert>
      )}
      <DataGrid
        aria-label={t("title")}
        rows={boxes}
        columns={columns}
        autoHeight
        pageSizeOptions={[25, 50, 100]}
        initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
        columnVisibilityModel={narrow ? { ownerName: false, skus: false, feedbackCount: false } : {}}
        disableRowSelectionOnClick
        onRowClick={({ row }) => router.push(`/${orgSlug}/leads/${row.leadId}`)}
        onCellKeyDown={({ row }, event) => {
          if (event.key === "Enter") router.push(`/${orgSlug}/leads/${row.leadId}`);
        }}
        localeText={(locale === "de" ? deDE : enUS).components.MuiDataGrid.defaultProps.localeText}
        sx={{ bgcolor: "background.paper", "& .MuiDataGrid-row": { cursor: "pointer" } }}
      />
    </Box>
  );
}
