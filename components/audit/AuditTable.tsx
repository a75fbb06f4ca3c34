"use client";

import KeyboardArrowDown from "@mui/icons-material/KeyboardArrowDown";
import KeyboardArrowRight from "@mui/icons-material/KeyboardArrowRight";
import Box from "@mui/material/Box";
import Collapse from "@mui/material/Collapse";
import IconButton from "@mui/material/IconButton";
import MuiLink from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import NextLink from "next/link";
import { useTranslations } from "next-intl";
import { Fragment, useState } from "react";

import type { DiffLine } from "@/lib/audit/diff";

import { AuditDiff } from "./AuditDiff";

/** One event as the page shows it: formatted and linked on the server. */
export interface AuditRowView {
  id: string;
  /** ISO 8601, for <time dateTime>. */
  timeIso: string;
  /** In the reader's locale, Europe/Berlin. */
  time: string;
  actor: { label: string; href: string };
  /** The recorded action and its label in the reader's language. */
  action: { code: string; label: string };
  /** The resource's kind (a label), its name where known, its id. */
  resource: { type: string; name: string | null; id: string | null; href: string };
  requestId: string | null;
  ip: string | null;
  diff: DiffLine[];
  prevHash: string;
  hash: string;
}

const COLUMNS = 6;

export function AuditTable({ rows }: { rows: AuditRowView[] }) {
  const t = useTranslations("audit");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={t("table")}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>{t("columnTime")}</TableCell>
            <TableCell>{t("columnActor")}</TableCell>
            <TableCell>{t("columnAction")}</TableCell>
            <TableCell>{t("columnResource")}</TableCell>
            <TableCell>{t("columnRequest")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const expanded = open.has(row.id);
            const detailsId = `audit-event-${row.id}`;
            return (
              <Fragment key={row.id}>
                <TableRow
                  hover
                  data-testid="audit-row"
                  sx={{ "& > td": { borderBottom: expanded ? 0 : undefined } }}
                >
                  <TableCell padding="checkbox">
                    <IconButton
                      size="small"
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      aria-label={t(expanded ? "hideChanges" : "showChanges", { id: row.id })}
                      onClick={() => toggle(row.id)}
                    >
                      {expanded ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
                    </IconButton>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>
                    <time dateTime={row.timeIso}>{row.time}</time>
                  </TableCell>
                  <TableCell>
                    <MuiLink
                      component={NextLink}
                      href={row.actor.href}
                      title={t("filterByActor", { actor: row.actor.label })}
                    >
                      {row.actor.label}
                    </MuiLink>
                  </TableCell>
                  <TableCell>
                    <span title={row.action.code}>{row.action.label}</span>
                  </TableCell>
                  <TableCell>
                    <MuiLink component={NextLink} href={row.resource.href} title={t("filterByResource")}>
                      {row.resource.type}
                      {row.resource.name ? (
                        <Box component="span" sx={{ ml: 0.5 }} title={row.resource.id ?? undefined}>
                          {row.resource.name}
                        </Box>
                      ) : (
                        row.resource.id && (
                          <Box
                            component="span"
                            sx={{ fontFamily: "monospace", ml: 0.5, wordBreak: "break-all" }}
                          >
                            {row.resource.id}
                          </Box>
                        )
                      )}
                    </MuiLink>
                  </TableCell>
                  <TableCell sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
                    {row.requestId ?? t("none")}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell colSpan={COLUMNS} sx={{ py: 0, ...(expanded ? {} : { borderBottom: 0 }) }}>
                    <Collapse in={expanded} timeout="auto">
                      <Box id={detailsId} sx={{ py: 2 }}>
                        <AuditDiff lines={row.diff} />
                        <Box
                          component="dl"
                          sx={{
                            display: "grid",
                            gridTemplateColumns: "max-content 1fr",
                            columnGap: 2,
                            rowGap: 0.5,
                            mt: 2,
                            mb: 0,
                            fontSize: "body2.fontSize",
                            "& dt": { color: "text.secondary" },
                            "& dd": { m: 0, fontFamily: "monospace", wordBreak: "break-all" },
                          }}
                        >
                          <dt>{t("eventId")}</dt>
                          <dd>{row.id}</dd>
                          <dt>{t("actionCode")}</dt>
                          <dd>{row.action.code}</dd>
                          {row.resource.name && row.resource.id && (
                            <>
                              <dt>{t("resourceId")}</dt>
                              <dd>{row.resource.id}</dd>
                            </>
                          )}
                          <dt>{t("ip")}</dt>
                          <dd>{row.ip ?? t("none")}</dd>
                          <dt>{t("prevHash")}</dt>
                          <dd>{row.prevHash}</dd>
                          <dt>{t("hash")}</dt>
                          <dd>{row.hash}</dd>
                        </Box>
                      </Box>
                    </Collapse>
                  </TableCell>
                </TableRow>
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
