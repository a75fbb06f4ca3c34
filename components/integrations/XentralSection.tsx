import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import type { XentralOverview } from "@/lib/integrations/xentral/service";

import { XentralConnectionDialog, XentralSyncButtons } from "./XentralControls";

/** The Integrations page's Xentral part: the connection, its token's expiry, sync now, last pulls. */
export async function XentralSection({ orgSlug, overview }: { orgSlug: string; overview: XentralOverview }) {
  const t = await getTranslations("xentral.admin");
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const c = overview.connection;
  const expiry = c?.tokenExpiry;
  const expiryDate = expiry
    ? format.dateTime(new Date(`${expiry.expiresAt}T12:00:00Z`), { dateStyle: "medium" })
    : "";
  return (
    <Paper variant="outlined" component="section" aria-labelledby="integrations-xentral" sx={{ p: 3 }}>
      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        sx={{ justifyContent: "space-between", mb: 1 }}
      >
        <Typography variant="h6" component="h3" id="integrations-xentral">
          {t("title")}
        </Typography>
        <XentralConnectionDialog
          orgSlug={orgSlug}
          connection={c ? { id: c.id, name: c.name, settings: c.settings, tokenSet: c.tokenSet } : undefined}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>
      {c && expiry && (
        <Stack spacing={2}>
          <Typography>
            {c.name} · {c.settings.baseUrl}
          </Typography>
          <Alert severity={expiry.expired ? "error" : expiry.warning ? "warning" : "info"}>
            {t(expiry.expired ? "tokenExpired" : expiry.warning ? "tokenSoon" : "tokenValid", {
              date: expiryDate,
              days: expiry.daysLeft,
            })}
          </Alert>
          <Typography variant="body2">
            {t("products", { active: overview.products.active, inactive: overview.products.inactive })}
          </Typography>
          <div>
            <Typography variant="body2" color="text.secondary">
              {t("webhookUrl")}
            </Typography>
            <Typography variant="body2" sx={{ fontFamily: "monospace", wordBreak: "break-all" }}>
              {c.webhookPath}
            </Typography>
          </div>
          <XentralSyncButtons orgSlug={orgSlug} />
          <Typography variant="subtitle2" component="h4" id="xentral-runs">
            {t("runs")}
          </Typography>
          {overview.runs.length === 0 ? (
            <Typography color="text.secondary">{t("noRuns")}</Typography>
          ) : (
            <TableContainer>
              <Table size="small" aria-labelledby="xentral-runs">
                <TableHead>
                  <TableRow>
                    <TableCell>{t("columnStarted")}</TableCell>
                    <TableCell>{t("columnKind")}</TableCell>
                    <TableCell>{t("columnResult")}</TableCell>
                    <TableCell>{t("columnError")}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {overview.runs.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>
                        {dateTime(r.startedAt)}
                        {r.finishedAt ? "" : ` · ${t("running")}`}
                      </TableCell>
                      <TableCell>{t(`runKind.${r.kind}`)}</TableCell>
                      <TableCell>
                        {t("runResult", {
                          pages: r.counts.pages ?? 0,
                          read: r.counts.read ?? 0,
                          inserted: r.counts.inserted ?? 0,
                          updated: r.counts.updated ?? 0,
                        })}
                      </TableCell>
                      <TableCell sx={{ maxWidth: 280, wordBreak: "break-word" }}>{r.error ?? ""}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </Stack>
      )}
    </Paper>
  );
}
