"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import AssignmentLateOutlined from "@mui/icons-material/AssignmentLateOutlined";
import FilterAltOutlined from "@mui/icons-material/FilterAltOutlined";
import SearchOutlined from "@mui/icons-material/SearchOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import FormControlLabel from "@mui/material/FormControlLabel";
import InputAdornment from "@mui/material/InputAdornment";
import MuiLink from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import { useTheme } from "@mui/material/styles";
import Switch from "@mui/material/Switch";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import useMediaQuery from "@mui/material/useMediaQuery";
import {
  DataGrid,
  type GridColDef,
  type GridFilterModel,
  type GridPaginationModel,
  type GridSortModel,
} from "@mui/x-data-grid";
import { deDE, enUS } from "@mui/x-data-grid/locales";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/links";

import type { TLeadSort, TListLeads } from "@/lib/leads/schemas";

import { useLeadPage, type TLeadListItem, type LeadListParams } from "./leadQueries";
import { CountdownText, DueSoonChip, nextDeadline, StatusChip, type ProtectionStatus } from "./LeadStatus";
import { RegisterLeadDialog } from "./RegisterLeadDialog";

const PAGE_SIZES = [25, 50, 100];
const STATUSES: ProtectionStatus[] = ["ACTIVE", "GRACE", "EXPIRED"];
/** The grid's sortable columns and the server's sort keys (GET /api/v1/leads?sort=). */
const SORT_KEYS = { companyName: "companyName", createdAt: "createdAt", deadline: "protectedUntil" } as const;
type SortableField = keyof typeof SORT_KEYS;
const DEFAULT_SORT: GridSortModel = [{ field: "createdAt", sort: "desc" }];

function sortParam(model: GridSortModel): TLeadSort {
  const [first] = model.length > 0 ? model : DEFAULT_SORT;
  const key = SORT_KEYS[first.field as SortableField] ?? "createdAt";
  return first.sort === "desc" ? `-${key}` : key;
}

interface Filters {
  mine: boolean;
  sort: GridSortModel;
  status: ProtectionStatus | "";
  dueSoon: boolean;
  q: string;
  /** The filters the home page's cards link with (`?due=7d`, `?hold=open`, `?extension=…`). */
  due?: TListLeads["due"];
  hold?: TListLeads["hold"];
  extension?: TListLeads["extension"];
}

/** The filters a link to the list may set in its URL (app/(admin)/[org]/leads/page.tsx parses them). */
export type LeadListLinkFilters = Partial<Pick<Filters, "mine" | "status" | "due" | "hold" | "extension">>;

/**
 * The lead list: a DataGrid paged, sorted and filtered by the server (GET /api/v1/leads, newest
 * first, cursor-paginated: each page remembers where the next one starts). Sales partners start
 * with their own leads; managers with everyone's.
 */
export function LeadList({
  orgSlug,
  mineByDefault,
  canCreate,
  canManage,
  initial = {},
}: {
  orgSlug: string;
  mineByDefault: boolean;
  canCreate: boolean;
  canManage: boolean;
  initial?: LeadListLinkFilters;
}) {
  const t = useTranslations("leads");
  const locale = useLocale();
  const format = useFormatter();
  const router = useRouter();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down("md"));

  const [filters, setFilters] = useState<Filters>({
    mine: initial.mine ?? mineByDefault,
    sort: DEFAULT_SORT,
    status: initial.status ?? "",
    dueSoon: false,
    q: "",
    due: initial.due,
    hold: initial.hold,
    extension: initial.extension,
  });
  const [search, setSearch] = useState("");
  const [registering, setRegistering] = useState(false);
  const filterKey = JSON.stringify(filters);
  const [view, setView] = useState({ filterKey, page: 0, pageSize: PAGE_SIZES[0] });
  const paging = view.filterKey === filterKey ? view : { filterKey, page: 0, pageSize: view.pageSize };
  /** Where each page starts, per filter and page size: `${filterKey}|${pageSize}|${page}` → cursor. */
  const [cursors, setCursors] = useState<Record<string, string>>({});
  const cursorKey = (page: number) => `${filterKey}|${paging.pageSize}|${page}`;

  // The search box asks the server once the user pauses typing.
  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((f) => (f.q === search.trim() ? f : { ...f, q: search.trim() })),
      300,
    );
    return () => clearTimeout(timer);
  }, [search]);

  const params: LeadListParams = {
    limit: paging.pageSize,
    sort: sortParam(filters.sort),
    ...(filters.mine && { owner: "me" as const }),
    ...(filters.status && { status: filters.status }),
    ...(filters.dueSoon && { dueSoon: true as const }),
    ...(filters.q && { q: filters.q }),
    ...(filters.due && { due: filters.due }),
    ...(filters.hold && { hold: filters.hold }),
    ...(filters.extension && { extension: filters.extension }),
    ...(paging.page > 0 && { cursor: cursors[cursorKey(paging.page)] }),
  };
  const nextKey = cursorKey(paging.page + 1);
  const leads = useLeadPage(orgSlug, params, (next) => {
    if (next) setCursors((c) => (c[nextKey] === next ? c : { ...c, [nextKey]: next }));
  });
  const page = leads.data;
  const hasNextPage = Boolean(page?.nextCursor);
  const rowCount =
    page && !hasNextPage && !leads.isPlaceholderData ? paging.page * paging.pageSize + page.items.length : -1;

  const columns = useMemo<GridColDef<TLeadListItem>[]>(() => {
    const dateOnly = (iso: string | null) =>
      iso ? format.dateTime(new Date(iso), { dateStyle: "medium" }) : "–";
    return [
      {
        field: "companyName",
        headerName: t("columns.company"),
        flex: 1.4,
        minWidth: 170,
        renderCell: ({ row, tabIndex }) => (
          <MuiLink
            component={NextLink}
            href={`/${orgSlug}/leads/${row.id}`}
            tabIndex={tabIndex}
            underline="hover"
          >
            {row.companyName}
          </MuiLink>
        ),
      },
      { field: "city", headerName: t("columns.city"), flex: 1, minWidth: 110, sortable: false },
      {
        field: "owner",
        sortable: false,
        headerName: t("columns.owner"),
        flex: 1,
        minWidth: 130,
        valueGetter: (_value, row) => row.owner?.name ?? t("noOwner"),
      },
      {
        field: "status",
        sortable: false,
        headerName: t("columns.status"),
        type: "singleSelect",
        valueOptions: STATUSES,
        width: 120,
        renderCell: ({ row }) => <StatusChip status={row.status} />,
      },
      {
        field: "deadline",
        // Sorted by when protection ends (soonest first), which is what the countdown counts to.
        sortingOrder: ["asc", "desc"],
        headerName: t("columns.deadline"),
        flex: 1.2,
        minWidth: 190,
        valueGetter: (_value, row) => nextDeadline(row),
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={1} sx={{ alignItems: "center", height: "100%" }}>
            <CountdownText
              status={row.status}
              validUntil={row.validUntil}
              graceUntil={row.graceUntil}
              holdOpen={row.holdOpen}
            />
            {row.dueSoon && <DueSoonChip />}
          </Stack>
        ),
      },
      {
        field: "lastQualActivityAt",
        sortable: false,
        headerName: t("columns.lastActivity"),
        minWidth: 150,
        flex: 0.8,
        valueFormatter: (value: string | null) => dateOnly(value),
      },
      {
        field: "createdAt",
        headerName: t("columns.registered"),
        minWidth: 130,
        flex: 0.7,
        valueFormatter: (value: string) => dateOnly(value),
      },
      // Never shown: it carries the due-soon filter, which the server applies.
      { field: "dueSoon", headerName: t("filters.dueSoon"), type: "boolean", sortable: false },
    ];
  }, [t, format, orgSlug]);

  // The server filters (GET /api/v1/leads?status=&dueSoon=&q=&owner=); the grid shows what it asked.
  const filterModel = useMemo<GridFilterModel>(
    () => ({
      items: [
        ...(filters.status ? [{ id: 1, field: "status", operator: "is", value: filters.status }] : []),
        ...(filters.dueSoon ? [{ id: 2, field: "dueSoon", operator: "is", value: true }] : []),
      ],
      quickFilterValues: filters.q ? [filters.q] : [],
    }),
    [filters.status, filters.dueSoon, filters.q],
  );
  const paginationMeta = useMemo(() => ({ hasNextPage }), [hasNextPage]);

  const setFilter = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));
  const onPaginationModelChange = (model: GridPaginationModel) =>
    setView(
      model.pageSize !== paging.pageSize
        ? { filterKey, page: 0, pageSize: model.pageSize }
        : { filterKey, page: model.page, pageSize: model.pageSize },
    );

  // A partner's own leads are where the list starts: only a change from there counts as filtering.
  const linked = [
    filters.due && { key: "due" as const, label: t("filters.due") },
    filters.hold && { key: "hold" as const, label: t("filters.hold") },
    filters.extension && {
      key: "extension" as const,
      label: t(filters.extension === "pending" ? "filters.extensionPending" : "filters.extensionDecided"),
    },
  ].filter((f) => !!f);
  const filtered =
    filters.mine !== mineByDefault ||
    filters.status !== "" ||
    filters.dueSoon ||
    filters.q !== "" ||
    linked.length > 0;
  const empty = page && page.items.length === 0 && paging.page === 0 && !leads.isPlaceholderData;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", justifyContent: "flex-end" }}>
        {canManage && (
          <ButtonLink
            href={`/${orgSlug}/leads/queue`}
            variant="outlined"
            startIcon={<AssignmentLateOutlined />}
          >
            {t("queue.link")}
          </ButtonLink>
        )}
        {canCreate && (
          <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setRegistering(true)}>
            {t("register.open")}
          </Button>
        )}
      </Stack>

      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack
          direction={{ xs: "column", md: "row" }}
          spacing={2}
          useFlexGap
          sx={{ alignItems: { md: "center" }, flexWrap: "wrap" }}
          role="search"
          aria-label={t("filters.label")}
        >
          <TextField
            size="small"
            type="search"
            label={t("filters.search")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            slotProps={{
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchOutlined fontSize="small" />
                  </InputAdornment>
                ),
              },
              htmlInput: { maxLength: 100 },
            }}
            sx={{ minWidth: { md: 240 } }}
          />
          <ToggleButtonGroup
            size="small"
            exclusive
            value={filters.status}
            onChange={(_e, value: ProtectionStatus | "" | null) => setFilter({ status: value ?? "" })}
            aria-label={t("filters.status")}
            sx={{ flexWrap: "wrap" }}
          >
            <ToggleButton value="">{t("filters.allStatuses")}</ToggleButton>
            {STATUSES.map((s) => (
              <ToggleButton key={s} value={s}>
                {t(`status.${s}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <FormControlLabel
            control={
              <Switch checked={filters.dueSoon} onChange={(e) => setFilter({ dueSoon: e.target.checked })} />
            }
            label={t("filters.dueSoon")}
          />
          <FormControlLabel
            control={
              <Switch checked={filters.mine} onChange={(e) => setFilter({ mine: e.target.checked })} />
            }
            label={t("filters.mine")}
          />
          {linked.map((f) => (
            <Chip
              key={f.key}
              icon={<FilterAltOutlined />}
              label={f.label}
              color="primary"
              variant="outlined"
              onDelete={() => setFilter({ [f.key]: undefined })}
            />
          ))}
        </Stack>
      </Paper>

      {leads.isError && <Alert severity="error">{leads.error.message}</Alert>}

      {empty ? (
        <EmptyState title={filtered ? t("empty.filteredTitle") : t("empty.title")}>
          {filtered ? t("empty.filteredText") : t("empty.text")}
        </EmptyState>
      ) : (
        <Box sx={{ width: "100%" }}>
          <DataGrid
            aria-label={t("title")}
            rows={page?.items ?? []}
            columns={columns}
            loading={leads.isFetching}
            autoHeight
            paginationMode="server"
            sortingMode="server"
            filterMode="server"
            sortModel={filters.sort}
            onSortModelChange={(sort) => setFilter({ sort })}
            disableColumnFilter
            filterModel={filterModel}
            rowCount={rowCount}
            paginationMeta={paginationMeta}
            paginationModel={{ page: paging.page, pageSize: paging.pageSize }}
            onPaginationModelChange={onPaginationModelChange}
            pageSizeOptions={PAGE_SIZES}
            columnVisibilityModel={
              narrow
                ? { dueSoon: false, city: false, owner: false, lastQualActivityAt: false, createdAt: false }
                : { dueSoon: false }
            }
            disableRowSelectionOnClick
            onRowClick={({ row }) => router.push(`/${orgSlug}/leads/${row.id}`)}
            onCellKeyDown={({ row }, event) => {
              if (event.key === "Enter") router.push(`/${orgSlug}/leads/${row.id}`);
            }}
            localeText={(locale === "de" ? deDE : enUS).components.MuiDataGrid.defaultProps.localeText}
            sx={{ bgcolor: "background.paper", "& .MuiDataGrid-row": { cursor: "pointer" } }}
          />
        </Box>
      )}

      <RegisterLeadDialog orgSlug={orgSlug} open={registering} onClose={() => setRegistering(false)} />
    </Stack>
  );
}
