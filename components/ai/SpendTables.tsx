"use client";

import Grid from "@mui/material/Grid";
import { useTheme } from "@mui/material/styles";
import useMediaQuery from "@mui/material/useMediaQuery";
import { DataGrid, type GridColDef } from "@mui/x-data-grid";
import { deDE, enUS } from "@mui/x-data-grid/locales";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";

import { AI_USE_CASES, type TAiUseCase } from "@/lib/ai/types";

import { Section } from "@/components/ui/Section";
import type { TAiDashboard } from "./aiQueries";
import { useAiFormat } from "./format";

const PAGE_SIZE = 10;

interface UseCaseRow {
  id: string;
  useCase: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costEur: number;
  share: number | null;
}

interface UserRow {
  id: string;
  name: string;
  calls: number;
  costEur: number;
  monthSpentEur: number;
  monthReservedEur: number;
}

/** A small DataGrid: pages only when there are more rows than fit on one; fewer columns on a phone. */
function SmallGrid<R extends { id: string }>(props: {
  label: string;
  rows: R[];
  columns: GridColDef<R>[];
  narrowHidden: string[];
}) {
  const locale = useLocale();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down("sm"));
  return (
    <DataGrid
      aria-label={props.label}
      rows={props.rows}
      columns={props.columns}
      autoHeight
      density="compact"
      // A handful of rows: render every cell, so narrow screens scroll to the last column, not to blanks.
      disableVirtualization
      disableRowSelectionOnClick
      disableColumnMenu
      hideFooter={props.rows.length <= PAGE_SIZE}
      initialState={{ pagination: { paginationModel: { pageSize: PAGE_SIZE } } }}
      pageSizeOptions={[PAGE_SIZE]}
      columnVisibilityModel={
        narrow ? Object.fromEntries(props.narrowHidden.map((field) => [field, false])) : {}
      }
      localeText={(locale === "de" ? deDE : enUS).components.MuiDataGrid.defaultProps.localeText}
      sx={{ bgcolor: "background.paper" }}
    />
  );
}

/** Spend by use case and by member in the period; the members' columns add this month's budget. */
export function SpendTables({ dashboard }: { dashboard: TAiDashboard }) {
  const t = useTranslations("ai");
  const f = useAiFormat();

  const labelOfUseCase = (useCase: string) =>
    AI_USE_CASES.includes(useCase as TAiUseCase) ? t(`useCases.${useCase as TAiUseCase}`) : useCase;

  const useCaseRows = useMemo<UseCaseRow[]>(() => {
    const total = dashboard.byUseCase.reduce((sum, r) => sum + r.costEur, 0);
    return dashboard.byUseCase.map((r) => ({
      id: r.useCase,
      ...r,
      share: total > 0 ? r.costEur / total : null,
    }));
  }, [dashboard.byUseCase]);

  const userRows = useMemo<UserRow[]>(() => {
    const rows = new Map<string, UserRow>();
    const nameOf = (userId: string | null, name: string | null) =>
      userId === null ? t("byUser.system") : (name ?? t("byUser.formerMember"));
    for (const r of dashboard.byUser) {
      const id = r.userId ?? "system";
      rows.set(id, {
        id,
        name: nameOf(r.userId, r.name),
        calls: r.calls,
        costEur: r.costEur,
        monthSpentEur: 0,
        monthReservedEur: 0,
      });
    }
    for (const b of dashboard.budget.users) {
      const row = rows.get(b.userId) ?? {
        id: b.userId,
        name: nameOf(b.userId, b.name),
        calls: 0,
        costEur: 0,
        monthSpentEur: 0,
        monthReservedEur: 0,
      };
      rows.set(b.userId, { ...row, monthSpentEur: b.spentEur, monthReservedEur: b.reservedEur });
    }
    return [...rows.values()].sort((a, b) => b.costEur - a.costEur || a.name.localeCompare(b.name));
  }, [dashboard.byUser, dashboard.budget.users, t]);

  const money = (field: string, headerName: string, minWidth = 110) => ({
    field,
    headerName,
    type: "number" as const,
    minWidth,
    flex: 0.8,
    valueFormatter: (value: number) => f.eur(value),
  });

  const useCaseColumns: GridColDef<UseCaseRow>[] = [
    {
      field: "useCase",
      headerName: t("byUseCase.useCase"),
      flex: 1.4,
      minWidth: 150,
      valueGetter: (_value, row) => labelOfUseCase(row.useCase),
    },
    { field: "calls", headerName: t("byUseCase.calls"), type: "number", minWidth: 80, flex: 0.6 },
    {
      field: "tokens",
      headerName: t("byUseCase.tokens"),
      minWidth: 130,
      flex: 1,
      sortable: false,
      valueGetter: (_value, row) => `${f.count(row.tokensIn)} / ${f.count(row.tokensOut)}`,
    },
    money("costEur", t("byUseCase.cost")),
    {
      field: "share",
      headerName: t("byUseCase.share"),
      type: "number",
      minWidth: 80,
      flex: 0.6,
      valueFormatter: (value: number | null) => f.percent(value),
    },
  ];

  const userColumns: GridColDef<UserRow>[] = [
    { field: "name", headerName: t("byUser.user"), flex: 1.4, minWidth: 150 },
    { field: "calls", headerName: t("byUser.calls"), type: "number", minWidth: 80, flex: 0.6 },
    money("costEur", t("byUser.cost"), 130),
    money("monthSpentEur", t("byUser.monthSpent"), 130),
    money("monthReservedEur", t("byUser.monthReserved")),
  ];
  const memberCap = dashboard.budget.memberCapEur;
  if (memberCap !== null) {
    userColumns.push({
      field: "monthUse",
      headerName: t("byUser.monthUse"),
      type: "number",
      minWidth: 90,
      flex: 0.6,
      valueGetter: (_value, row) =>
        memberCap > 0 ? (row.monthSpentEur + row.monthReservedEur) / memberCap : null,
      valueFormatter: (value: number | null) => f.percent(value),
    });
  }

  return (
    <Grid container spacing={3}>
      <Grid size={{ xs: 12, lg: 6 }}>
        <Section id="ai-by-use-case" title={t("byUseCase.title")}>
          <SmallGrid
            label={t("byUseCase.title")}
            rows={useCaseRows}
            columns={useCaseColumns}
            narrowHidden={["tokens", "share"]}
          />
        </Section>
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <Section
          id="ai-by-user"
          title={t("byUser.title")}
          intro={
            memberCap === null ? t("byUser.noMemberCap") : t("byUser.memberCap", { cap: f.eur(memberCap) })
          }
        >
          <SmallGrid
            label={t("byUser.title")}
            rows={userRows}
            columns={userColumns}
            narrowHidden={["monthSpentEur", "monthReservedEur", "monthUse"]}
          />
        </Section>
      </Grid>
    </Grid>
  );
}
