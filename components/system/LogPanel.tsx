"use client";

import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

import { HeadRow } from "@/components/ui/TableParts";
import { Section } from "@/components/ui/Section";

import { KpiChart } from "./KpiChart";
import { DEFAULT_LOG_FILTERS, useLogReport, type LogFilters, type TLogReport } from "./LogQueries";

const HOURS: readonly LogFilters["hours"][] = [1, 6, 24, 168, 720];
const ANY = "";

/** Code-like text that may be long (messages, routes, places in the code): wraps anywhere on a phone. */
const codeSx = { fontFamily: "monospace", fontSize: "0.8rem", wordBreak: "break-word" } as const;

/**
 * The Logs page: filters (search, level, route, organisation for the operator's admins, time), the
 * error rate as a chart with its table, the top groups by fingerprint (one click narrows to a
 * group), the latest lines, and this instance's slow routes (for the operator's admins).
 */
export function LogPanel({
  orgSlug,
  initial,
  canSeeAll,
}: {
  orgSlug: string;
  initial: TLogReport;
  canSeeAll: boolean;
}) {
  const t = useTranslations("systemLogs");
  const format = useFormatter();
  const [filters, setFilters] = useState<LogFilters>(DEFAULT_LOG_FILTERS);
  const [draft, setDraft] = useState<LogFilters>(DEFAULT_LOG_FILTERS);
  const query = useLogReport(orgSlug, filters, initial);
  const report = query.data ?? initial;

  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" });
  const bucketLabel = (iso: string) =>
    report.bucket === "day"
      ? format.dateTime(new Date(iso), { day: "2-digit", month: "2-digit" })
      : format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" });
  const bucketLong = (iso: string) =>
    format.dateTime(
      new Date(iso),
      report.bucket === "day" ? { dateStyle: "medium" } : { dateStyle: "short", timeStyle: "short" },
    );
  const ms = (value: number) =>
    format.number(value, { style: "unit", unit: "millisecond", maximumFractionDigits: 0 });
  const count = (value: number) => format.number(value);
  const apply = (next: LogFilters) => {
    setDraft(next);
    setFilters(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ ...draft, q: draft.q?.trim() || undefined });
  };

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h2" gutterBottom>
          {t("title")}
        </Typography>
        <Typography color="text.secondary">{t("intro")}</Typography>
      </div>

      <Box component="form" onSubmit={submit} aria-label={t("filters.label")} role="search">
        <Stack
          direction={{ xs: "column", md: "row" }}
          spacing={2}
          useFlexGap
          sx={{ flexWrap: "wrap", alignItems: { md: "center" } }}
        >
          <TextField
            size="small"
            label={t("filters.q")}
            value={draft.q ?? ""}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
          <TextField
            select
            size="small"
            label={t("filters.level")}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            value={draft.level ?? ANY}
            onChange={(e) =>
              setDraft({ ...draft, level: (e.target.value || undefined) as LogFilters["level"] })
            }
            sx={{ minWidth: 180 }}
          >
            <MenuItem value={ANY}>{t("filters.levelAny")}</MenuItem>
            <MenuItem value="error">{t("levels.error")}</MenuItem>
            <MenuItem value="warn">{t("levels.warn")}</MenuItem>
          </TextField>
          <TextField
            select
            size="small"
            label={t("filters.route")}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            value={draft.route ?? ANY}
            onChange={(e) => setDraft({ ...draft, route: e.target.value || undefined })}
            sx={{ minWidth: 200, maxWidth: "100%" }}
          >
            <MenuItem value={ANY}>–</MenuItem>
            {[...new Set([...report.routes, ...(draft.route ? [draft.route] : [])])].map((route) => (
              <MenuItem key={route} value={route} sx={codeSx}>
                {route}
              </MenuItem>
            ))}
          </TextField>
          {canSeeAll && (
            <TextField
              select
              size="small"
              label={t("filters.org")}
              value={draft.org}
              onChange={(e) => setDraft({ ...draft, org: e.target.value as LogFilters["org"] })}
              sx={{ minWidth: 200 }}
            >
              <MenuItem value="this">{t("filters.orgThis")}</MenuItem>
              <MenuItem value="all">{t("filters.orgAll")}</MenuItem>
              <MenuItem value="none">{t("filters.orgNone")}</MenuItem>
            </TextField>
          )}
          <TextField
            select
            size="small"
            label={t("filters.hours")}
            value={draft.hours}
            onChange={(e) => setDraft({ ...draft, hours: Number(e.target.value) as LogFilters["hours"] })}
            sx={{ minWidth: 160 }}
          >
            {HOURS.map((h) => (
              <MenuItem key={h} value={h}>
                {h < 168
                  ? t("filters.hoursOption", { count: h })
                  : t("filters.daysOption", { count: h / 24 })}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained">
              {t("filters.apply")}
            </Button>
            <Button type="button" onClick={() => apply(DEFAULT_LOG_FILTERS)}>
              {t("filters.reset")}
            </Button>
          </Stack>
        </Stack>
        {filters.fingerprint && (
          <Chip
            sx={{ mt: 2, maxWidth: "100%" }}
            label={`${t("groups.filter")}: ${filters.fingerprint.slice(0, 12)}…`}
            onDelete={() => apply({ ...filters, fingerprint: undefined })}
          />
        )}
      </Box>

      {query.isFetching && <LinearProgress aria-hidden />}
      {query.isError && <Alert severity="warning">{query.error.message}</Alert>}

      <Section id="log-rate" title={t("rate.title")}>
        <KpiChart
          title={t("rate.title")}
          summary={t("rate.summary", {
            errors: report.rate.reduce((s, b) => s + b.errors, 0),
            warnings: report.rate.reduce((s, b) => s + b.warnings, 0),
            from: dateTime(report.from),
            to: dateTime(report.asOf),
          })}
          days={report.rate.map((b) => b.at)}
          dayLabel={bucketLabel}
          longDay={bucketLong}
          columnTitle={t("rate.bucket")}
          stacked
          showTitle={false}
          testId="log-rate-chart"
          series={[
            { label: t("rate.errors"), values: report.rate.map((b) => b.errors), format: count },
            { label: t("rate.warnings"), values: report.rate.map((b) => b.warnings), format: count },
          ]}
        />
      </Section>

      <Section id="log-groups" title={t("groups.title")} intro={t("groups.intro")}>
        {report.groups.length === 0 ? (
          <Typography color="text.secondary" role="status">
            {t("groups.empty")}
          </Typography>
        ) : (
          <>
            <Stack
              component="ul"
              spacing={1.5}
              sx={{ display: { xs: "flex", sm: "none" }, listStyle: "none", p: 0, m: 0 }}
            >
              {report.groups.map((g) => (
                <Box
                  component="li"
                  key={g.fingerprint}
                  sx={{ borderBottom: 1, borderColor: "divider", pb: 1.5 }}
                >
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 0.5 }}>
                    <Chip
                      size="small"
                      color={g.level === "error" ? "error" : "warning"}
                      label={t(`levels.${g.level}`)}
                    />
                    <Typography variant="body2">
                      {t("groups.count")}: {count(g.count)}
                    </Typography>
                  </Stack>
                  <Typography variant="body2" sx={codeSx}>
                    {g.message}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="p" sx={codeSx}>
                    {t("groups.location")}: {g.location ?? "–"}
                    {g.route ? ` · ${g.route}` : ""}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="p">
                    {t("groups.firstSeen")}: {dateTime(g.firstSeen)} · {t("groups.lastSeen")}:{" "}
                    {dateTime(g.lastSeen)}
                  </Typography>
                  <Button size="small" onClick={() => apply({ ...filters, fingerprint: g.fingerprint })}>
                    {t("groups.filter")}
                  </Button>
                </Box>
              ))}
            </Stack>
            <TableContainer sx={{ display: { xs: "none", sm: "block" } }}>
              <Table size="small" aria-labelledby="log-groups" data-testid="log-groups">
                <HeadRow
                  titles={[
                    t("groups.message"),
                    t("groups.count"),
                    t("groups.firstSeen"),
                    t("groups.lastSeen"),
                  ]}
                  actions
                />
                <TableBody>
                  {report.groups.map((g) => (
                    <TableRow key={g.fingerprint}>
                      <TableCell sx={{ minWidth: 240 }}>
                        <Stack spacing={0.5}>
                          <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                            <Chip
                              size="small"
                              color={g.level === "error" ? "error" : "warning"}
                              label={t(`levels.${g.level}`)}
                            />
                            <Typography variant="body2" sx={codeSx}>
                              {g.message}
                            </Typography>
                          </Stack>
                          <Typography variant="caption" color="text.secondary" sx={codeSx}>
                            {t("groups.location")}: {g.location ?? "–"}
                            {g.route ? ` · ${g.route}` : ""}
                          </Typography>
                        </Stack>
                      </TableCell>
                      <TableCell align="right">{count(g.count)}</TableCell>
                      <TableCell>{dateTime(g.firstSeen)}</TableCell>
                      <TableCell>{dateTime(g.lastSeen)}</TableCell>
                      <TableCell>
                        <Button
                          size="small"
                          onClick={() => apply({ ...filters, fingerprint: g.fingerprint })}
                        >
                          {t("groups.filter")}
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </>
        )}
      </Section>

      <Section id="log-lines" title={t("lines.title")}>
        {report.lines.length === 0 ? (
          <Typography color="text.secondary" role="status">
            {t("lines.empty")}
          </Typography>
        ) : (
          <Stack spacing={1}>
            <Stack
              component="ul"
              spacing={1.5}
              sx={{ display: { xs: "flex", sm: "none" }, listStyle: "none", p: 0, m: 0 }}
            >
              {report.lines.map((line) => (
                <Box component="li" key={line.id} sx={{ borderBottom: 1, borderColor: "divider", pb: 1.5 }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 0.5 }}>
                    <Chip
                      size="small"
                      color={line.level === "error" ? "error" : "warning"}
                      label={t(`levels.${line.level}`)}
                    />
                    <Typography variant="caption">{dateTime(line.at)}</Typography>
                  </Stack>
                  <Typography variant="body2" sx={codeSx}>
                    {line.message}
                  </Typography>
                  <Typography variant="caption" color="text.secondary" component="p" sx={codeSx}>
                    {[line.route, line.status, line.requestId].filter((v) => v !== null).join(" · ")}
                  </Typography>
                </Box>
              ))}
            </Stack>
            <TableContainer sx={{ display: { xs: "none", sm: "block" } }}>
              <Table size="small" aria-labelledby="log-lines" data-testid="log-lines">
                <HeadRow
                  titles={[
                    t("lines.at"),
                    t("lines.message"),
                    t("lines.route"),
                    t("lines.status"),
                    t("lines.requestId"),
                  ]}
                />
                <TableBody>
                  {report.lines.map((line) => (
                    <TableRow key={line.id}>
                      <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(line.at)}</TableCell>
                      <TableCell sx={{ minWidth: 240 }}>
                        <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                          <Chip
                            size="small"
                            color={line.level === "error" ? "error" : "warning"}
                            label={t(`levels.${line.level}`)}
                          />
                          <Typography variant="body2" sx={codeSx}>
                            {line.message}
                          </Typography>
                        </Stack>
                      </TableCell>
                      <TableCell sx={codeSx}>{line.route ?? "–"}</TableCell>
                      <TableCell>{line.status ?? "–"}</TableCell>
                      <TableCell sx={codeSx}>{line.requestId ?? "–"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            {report.total > report.lines.length && (
              <Typography variant="body2" color="text.secondary">
                {t("lines.more", { count: report.lines.length })}
              </Typography>
            )}
          </Stack>
        )}
      </Section>

      {canSeeAll && (
        <Section
          id="log-slow"
          title={t("slow.title")}
          intro={t("slow.intro", { since: dateTime(report.slowRoutes.since) })}
        >
          {report.slowRoutes.routes.length === 0 ? (
            <Typography color="text.secondary" role="status">
              {t("slow.empty")}
            </Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-labelledby="log-slow" data-testid="log-slow">
                <HeadRow
                  titles={[
                    t("slow.route"),
                    t("slow.count"),
                    t("slow.errors"),
                    t("slow.p50"),
                    t("slow.p95"),
                    t("slow.max"),
                  ]}
                />
                <TableBody>
                  {report.slowRoutes.routes.slice(0, 30).map((r) => (
                    <TableRow key={r.route}>
                      <TableCell sx={codeSx}>{r.route}</TableCell>
                      <TableCell align="right">{count(r.count)}</TableCell>
                      <TableCell align="right">{count(r.errors)}</TableCell>
                      <TableCell align="right">{ms(r.p50Ms)}</TableCell>
                      <TableCell align="right">{ms(r.p95Ms)}</TableCell>
                      <TableCell align="right">{ms(r.maxMs)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Section>
      )}
    </Stack>
  );
}
