"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useState } from "react";

import type { TSettingGroup, TSettingRow, TSettingSource } from "@/lib/settings/schemas";

import { SettingEditDialog } from "./SettingEditDialog";
import { useSettingRows } from "./settingsRegistryQueries";
import { useSettingText } from "./settingsRegistryText";

const GROUPS: TSettingGroup[] = ["leadProtection", "ai", "credit", "members", "integrations", "system"];

/** All settings, grouped, each with its effective value and where it came from. */
export function SettingsRegistryView({
  orgSlug,
  initialRows,
}: {
  orgSlug: string;
  initialRows: TSettingRow[];
}) {
  const text = useSettingText();
  const { t } = text;
  const rows = useSettingRows(orgSlug, initialRows);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const open = rows.data.find((row) => row.key === openKey) ?? null;

  /** For lists that add up: the default's items, then "+ items" each scope added. */
  const appendLabel = (source: TSettingSource) => {
    const items = Array.isArray(source.value) ? source.value : [];
    if (source.scope === "default") return `${text.scope("default")}: ${text.list(items)}`;
    return `${text.scope(source.scope)}: ${items.length > 0 ? `+ ${text.list(items)}` : t("addedNothing")}`;
  };

  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t("title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>
      {rows.isError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {rows.error.message}
        </Alert>
      )}

      {GROUPS.map((group) => {
        const inGroup = rows.data.filter((row) => row.group === group);
        if (inGroup.length === 0) return null;
        return (
          <TableContainer
            key={group}
            component="section"
            aria-labelledby={`settings-group-${group}`}
            sx={{ mb: 3 }}
          >
            <Typography
              id={`settings-group-${group}`}
              variant="subtitle1"
              component="h3"
              sx={{ fontWeight: 600 }}
            >
              {t(`groups.${group}`)}
            </Typography>
            <Table size="small" aria-labelledby={`settings-group-${group}`}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: "40%" }}>{t("columnSetting")}</TableCell>
                  <TableCell>{t("columnValue")}</TableCell>
                  <TableCell>{t("columnSource")}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {inGroup.map((row) => (
                  <TableRow key={row.key} data-setting={row.key}>
                    <TableCell>
                      <Typography variant="body2">{text.label(row.key)}</Typography>
                      <Typography variant="caption" color="text.secondary" component="code">
                        {row.key}
                      </Typography>
                    </TableCell>
                    <TableCell data-testid="effective-value">
                      {text.value(row.effective.value, row.input)}
                    </TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }}>
                        {row.effective.sources.map((source) => (
                          <Chip
                            key={source.scope}
                            size="small"
                            variant={source.scope === "default" ? "outlined" : "filled"}
                            color={source.scope === "default" ? "default" : "primary"}
                            label={row.merge === "append" ? appendLabel(source) : text.scope(source.scope)}
                          />
                        ))}
                      </Stack>
                    </TableCell>
                    <TableCell align="right">
                      <Button size="small" onClick={() => setOpenKey(row.key)}>
                        {row.editable.length > 0 ? t("edit") : t("view")}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        );
      })}

      {open && <SettingEditDialog orgSlug={orgSlug} row={open} onClose={() => setOpenKey(null)} />}
    </Paper>
  );
}
