"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import AssignmentLateOutlined from "@mui/icons-material/AssignmentLateOutlined";
import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
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
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useEffectEvent, useMemo, useState } from "react";

import { HelpButton } from "@/components/help/HelpButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { ButtonLink } from "@/components/ui/links";

import {
  ZLeadListLink,
  type TLeadListLink,
  type TLeadSort,
  type TLeadSortKey,
  type TListLeads,
} from "@/lib/leads/schemas";

import { downloadLeadCsv, useLeadPage, type TLeadListItem, type LeadListParams } from "./leadQueries";
import { CountdownText, DueSoonChip, nextDeadline, StatusChip, type ProtectionStatus } from "./LeadStatus";
import { RegisterLeadDialog } from "./RegisterLeadDialog";

const PAGE_SIZES = [25, 50, 100] as const;
const STATUSES: ProtectionStatus[] = ["ACTIVE", "GRACE", "EXPIRED"];
/** The grid's sortable columns and the server's sort keys (GET /api/v1/leads?sort=). */
const SORT_KEYS = {
  companyName: "companyName",
  city: "city",
  registeredAt: "registeredAt",
  deadline: "protectedUntil",
} as const satisfies Record<string, TLeadSortKey>;
const FIELD_OF = Object.fromEntries(Object.entries(SORT_KEYS).map(([field, key]) => [key, field])) as Partial<
  Record<TLeadSortKey, string>
>;
/** Newest registration first, unless the URL says otherwise. */
const DEFAULT_SORT = { key: "registeredAt", dir: "desc" } as const;

/** The list's state, all of it in the page's URL (`?status=GRACE&sort=companyName&dir=asc&page=2`). */
interface ListState {
  mine: boolean;
  status: ProtectionStatus | "";
  dueSoon: boolean;
  q: string;
  /** The filters the home page's cards link with (`?due=7d`, `?hold=open`, `?extension=…`). */
  due?: TListLeads["due"];
  hold?: TListLeads["hold"];
  extension?: TListLeads["extension"];
  sort: TLeadSortKey;
  dir: "asc" | "desc";
  /** 1 is the first page. */
  page: number;
  limit: (typeof PAGE_SIZES)[number];
}

function readState(link: TLeadListLink, mineByDefault: boolean): ListState {
  return {
    mine: link.owner ? link.owner === "me" : mineByDefault,
    status: link.status ?? "",
    dueSoon: link.dueSoon === "true",
    q: link.q ?? "",
    due: link.due,
    hold: link.hold,
    extension: link.extension,
    sort: link.sort ?? DEFAULT_SORT.key,
    dir: link.dir ?? (link.sort ? "asc" : DEFAULT_SORT.dir),
    page: link.page ?? 1,
    limit: link.limit ?? PAGE_SIZES[0],
  };
}

/** The URL of a state: only what differs from the defaults, so a plain list has a plain URL. */
function searchOf(state: ListState, mineByDefault: boolean): string {
  const search = new URLSearchParams();
  if (state.mine !== mineByDefault) search.set("owner", state.mine ? "me" : "all");
  if (state.status) search.set("status", state.status);
  if (state.dueSoon) search.set("dueSoon", "true");
  if (state.q) search.set("q", state.q);
  if (state.due) search.set("due", state.due);
  if (state.hold) search.set("hold", state.hold);
  if (state.extension) search.set("extension", state.extension);
  if (state.sort !== DEFAULT_SORT.key || state.dir !== DEFAULT_SORT.dir) {
    search.set("sort", state.sort);
    search.set("dir", state.dir);
  }
  if (state.page > 1) search.set("page", String(state.page));
  if (state.limit !== PAGE_SIZES[0]) search.set("limit", String(state.limit));
  return search.toString();
}

/** What GET /api/v1/leads (and its CSV export) are asked for the state's filters and order. */
function queryOf(state: ListState): Omit<LeadListParams, "limit"> {
  return {
    sort: (state.dir === "desc" ? `-${state.sort}` : state.sort) satisfies TLeadSort,
    ...(state.mine && { owner: "me" as const }),
    ...(state.status && { status: state.status }),
    ...(state.dueSoon && { dueSoon: true as const }),
    ...(state.q && { q: state.q }),
    ...(state.due && { due: state.due }),
    ...(state.hold && { hold: state.hold }),
    ...(state.extension && { extension: state.extension }),
  };
}

/**
 * The lead list: a DataGrid paged, sorted and filtered by the server (GET /api/v1/leads). Every
 * filter, the order and the page live in the URL, so a reload, the back button and a shared link
 * show the same list. Sales partners start with their own leads; managers with everyone's.
 */
export function LeadList({
  orgSlug,
  mineByDefault,
  canCreate,
  canManage,
}: {
  orgSlug: string;
  mineByDefault: boolean;
  canCreate: boolean;
  canManage: boolean;
}) {
  const t = useTranslations("leads");
  const locale = useLocale();
  const format = useFormatter();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down("md"));

  // The URL holds the list's state. Next.js brings a pushed URL into useSearchParams in a
  // transition, a moment later: until then the state just chosen shows (a switch flips when
  // clicked), and any change of the URL (Back, a link) replaces it.
  const urlKey = searchParams.toString();
  const [chosen, setChosen] = useState<{ from: string; state: ListState } | null>(null);
  const state =
    chosen?.from === urlKey
      ? chosen.state
      : readState(ZLeadListLink.parse(Object.fromEntries(searchParams)), mineByDefault);
  /** A new state into the URL: a new history entry (Back returns to the previous list). */
  const go = (change: Partial<ListState>, { replace = false } = {}) => {
    const next = { ...state, page: 1, ...change };
    setChosen({ from: urlKey, state: next });
    const search = searchOf(next, mineByDefault);
    const url = search ? `${pathname}?${search}` : pathname;
    // Only the URL changes (no server round trip: the page reads nothing from it); Next.js keeps
    // useSearchParams in step, so switches and tabs flip at once.
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  };

  const [search, setSearch] = useState(state.q);
  // The URL's search (Back, a link) replaces what the box holds — unless the box sent it itself.
  const [urlQ, setUrlQ] = useState(state.q);
  const [sentQ, setSentQ] = useState<string | null>(null);
  if (urlQ !== state.q) {
    setUrlQ(state.q);
    if (state.q !== sentQ) setSearch(state.q);
  }
  const [registering, setRegistering] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);

  // The search box asks the server once the user pauses typing (replacing, not adding, history).
  const searchFor = useEffectEvent((q: string) => {
    setSentQ(q);
    go({ q }, { replace: true });
  });
  const q = search.trim();
  useEffect(() => {
    if (q === urlQ) return;
    const timer = setTimeout(() => searchFor(q), 300);
    return () => clearTimeout(timer);
  }, [q, urlQ]);

  const query = queryOf(state);
  const params: LeadListParams = {
    ...query,
    limit: state.limit,
    ...(state.page > 1 && { page: state.page }),
  };
  const leads = useLeadPage(orgSlug, params);
  const page = leads.data;
  const hasNextPage = Boolean(page?.nextCursor);
  const rowCount =
    page && !hasNextPage && !leads.isPlaceholderData
      ? (state.page - 1) * state.limit + page.items.length
      : -1;

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
      { field: "city", headerName: t("columns.city"), flex: 1, minWidth: 110 },
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
        field: "registeredAt",
        headerName: t("columns.registered"),
        description: t("columns.registeredHint"),
        minWidth: 130,
        flex: 0.7,
        sortingOrder: ["desc", "asc"],
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
        ...(state.status ? [{ id: 1, field: "status", operator: "is", value: state.status }] : []),
        ...(state.dueSoon ? [{ id: 2, field: "dueSoon", operator: "is", value: true }] : []),
      ],
      quickFilterValues: state.q ? [state.q] : [],
    }),
    [state.status, state.dueSoon, state.q],
  );
  // Memoised like the filter model: the grid takes a new sort model for a new order and goes back
  // to the first page, which would undo every page change.
  const sortModel = useMemo<GridSortModel>(() => {
    const field = FIELD_OF[state.sort];
    return field ? [{ field, sort: state.dir }] : [];
  }, [state.sort, state.dir]);
  const paginationModel = useMemo(
    () => ({ page: state.page - 1, pageSize: state.limit }),
    [state.page, state.limit],
  );
  const paginationMeta = useMemo(() => ({ hasNextPage }), [hasNextPage]);

  const onSortModelChange = (model: GridSortModel) => {
    const [first] = model;
    const key = first ? SORT_KEYS[first.field as keyof typeof SORT_KEYS] : undefined;
    go(
      key && first.sort ? { sort: key, dir: first.sort } : { sort: DEFAULT_SORT.key, dir: DEFAULT_SORT.dir },
    );
  };
  const onPaginationModelChange = (model: GridPaginationModel) => {
    const limit = PAGE_SIZES.find((size) => size === model.pageSize) ?? PAGE_SIZES[0];
    go(limit !== state.limit ? { limit } : { page: model.page + 1 });
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadLeadCsv(orgSlug, { ...query, lang: locale === "en" ? "en" : "de" });
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  // A partner's own leads are where the list starts: only a change from there counts as filtering.
  const linked = [
    state.due && { key: "due" as const, label: t("filters.due") },
    state.hold && { key: "hold" as const, label: t("filters.hold") },
    state.extension && {
      key: "extension" as const,
      label: t(state.extension === "pending" ? "filters.extensionPending" : "filters.extensionDecided"),
    },
  ].filter((f) => !!f);
  const filtered =
    state.mine !== mineByDefault ||
    state.status !== "" ||
    state.dueSoon ||
    state.q !== "" ||
    linked.length > 0;
  const empty = page && page.items.length === 0 && state.page === 1 && !leads.isPlaceholderData;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", justifyContent: "flex-end" }}>
        <HelpButton helpKey="leads.list" size="medium" />
        {canManage && (
          <ButtonLink
            href={`/${orgSlug}/leads/queue`}
            variant="outlined"
            startIcon={<AssignmentLateOutlined />}
          >
            {t("queue.link")}
          </ButtonLink>
        )}
        <Button
          variant="outlined"
          startIcon={<FileDownloadOutlined />}
          onClick={exportCsv}
          disabled={exporting}
          data-testid="lead-export"
        >
          {t("export.button")}
        </Button>
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
            value={state.status}
            onChange={(_e, value: ProtectionStatus | "" | null) => go({ status: value ?? "" })}
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
            control={<Switch checked={state.dueSoon} onChange={(e) => go({ dueSoon: e.target.checked })} />}
            label={t("filters.dueSoon")}
          />
          <FormControlLabel
            control={<Switch checked={state.mine} onChange={(e) => go({ mine: e.target.checked })} />}
            label={t("filters.mine")}
          />
          {linked.map((f) => (
            <Chip
              key={f.key}
              icon={<FilterAltOutlined />}
              label={f.label}
              color="primary"
              variant="outlined"
              onDelete={() => go({ [f.key]: undefined })}
            />
          ))}
        </Stack>
      </Paper>

      {leads.isError && <Alert severity="error">{leads.error.message}</Alert>}
      {exportError && (
        <Alert severity="error" onClose={() => setExportError(null)}>
          {exportError}
        </Alert>
      )}

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
            sortModel={sortModel}
            onSortModelChange={onSortModelChange}
            disableColumnFilter
            filterModel={filterModel}
            rowCount={rowCount}
            paginationMeta={paginationMeta}
            paginationModel={paginationModel}
            onPaginationModelChange={onPaginationModelChange}
            pageSizeOptions={[...PAGE_SIZES]}
            columnVisibilityModel={
              narrow
                ? {
                    dueSoon: false,
                    city: false,
                    owner: false,
                    lastQualActivityAt: false,
                    registeredAt: false,
                  }
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
