"use client";

import { alpha } from "@mui/material/styles";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import type { DiffKind, DiffLine } from "@/lib/audit/diff";

const ROW_COLOUR: Record<DiffKind, "success" | "error" | "warning" | null> = {
  added: "success",
  removed: "error",
  changed: "warning",
  unchanged: null,
};

/** An event's before and after values side by side, field by field; what changed is marked in words too. */
export function AuditDiff({ lines }: { lines: DiffLine[] }) {
  const t = useTranslations("audit");
  if (lines.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t("noValues")}
      </Typography>
    );
  }
  return (
    <Table size="small" sx={{ "& td, & th": { verticalAlign: "top" } }}>
      <TableHead>
        <TableRow>
          <TableCell component="th">{t("field")}</TableCell>
          <TableCell component="th">{t("before")}</TableCell>
          <TableCell component="th">{t("after")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((line) => (
          <TableRow
            key={line.path}
            data-kind={line.kind}
            sx={(theme) => {
              const colour = ROW_COLOUR[line.kind];
              return colour ? { bgcolor: alpha(theme.palette[colour].main, 0.08) } : {};
            }}
          >
            <TableCell sx={{ fontFamily: "monospace" }}>
              {line.path || t("value")}
              <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                {t(`kind.${line.kind}`)}
              </Typography>
            </TableCell>
            <TableCell sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
              {line.before ?? t("absent")}
            </TableCell>
            <TableCell sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
              {line.after ?? t("absent")}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
