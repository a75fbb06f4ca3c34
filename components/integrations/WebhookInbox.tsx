import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { getFormatter, getTranslations } from "next-intl/server";

import { CountChips, HeadRow } from "@/components/ui/TableParts";
import type { WebhookInbox as TWebhookInbox } from "@/lib/integrations/webhook-inbox";

import { ReplayButton } from "./ReplayButton";
import { WebhookConnectionDialog } from "./WebhookConnectionDialog";

const STATUS_COLOUR = { RECEIVED: "info", PROCESSED: "success", FAILED: "error" } as const;

/** The webhook inbox: where vendors post, the latest events (failed first) and "Replay". */
export async function WebhookInbox({ orgSlug, inbox }: { orgSlug: string; inbox: TWebhookInbox }) {
  const t = await getTranslations("integrationsMonitor.webhooks");
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });

  return (
    <Paper variant="outlined" component="section" aria-labelledby="integrations-webhooks" sx={{ p: 3 }}>
      <Stack
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        sx={{ justifyContent: "space-between", mb: 1 }}
      >
        <Typography variant="h6" component="h3" id="integrations-webhooks">
          {t("title")}
        </Typography>
        {!inbox.endpoints.some((e) => e.provider === "GENERIC") && (
          <WebhookConnectionDialog orgSlug={orgSlug} />
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>

      <Typography variant="subtitle2" component="h4" gutterBottom>
        {t("endpoints")}
      </Typography>
      {inbox.endpoints.length === 0 ? (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t("noEndpoints")}
        </Typography>
      ) : (
        <Stack component="ul" spacing={1} sx={{ m: 0, mb: 2, pl: 0, listStyle: "none" }}>
          {inbox.endpoints.map((e) => (
            <Stack
              component="li"
              key={e.connectionId}
              direction={{ xs: "column", sm: "row" }}
              spacing={1}
              sx={{ alignItems: { xs: "flex-start", sm: "center" } }}
            >
              <Typography variant="body2">
                {e.name}
                {e.enabled ? "" : ` (${t("endpointOff")})`}
              </Typography>
              <Typography
                component="code"
                variant="body2"
                data-testid="webhook-endpoint"
                sx={{ fontFamily: "monospace", wordBreak: "break-all", bgcolor: "action.hover", px: 0.5 }}
              >
                {e.path}
              </Typography>
              {e.provider === "GENERIC" && (
                <WebhookConnectionDialog
                  orgSlug={orgSlug}
                  connection={{ id: e.connectionId, name: e.name }}
                />
              )}
            </Stack>
          ))}
        </Stack>
      )}

      <CountChips
        states={["RECEIVED", "PROCESSED", "FAILED"] as const}
        counts={inbox.counts}
        colour={STATUS_COLOUR}
        label={(status, count) => `${t(`status.${status}`)}: ${format.number(count)}`}
      />
      {inbox.events.length === 0 ? (
        <Typography color="text.secondary">{t("empty")}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="integrations-webhooks">
            <HeadRow
              titles={(
                [
                  "columnReceived",
                  "columnConnection",
                  "columnEvent",
                  "columnStatus",
                  "columnAttempts",
                  "columnError",
                ] as const
              ).map((c) => t(c))}
              actions
            />
            <TableBody>
              {inbox.events.map((e) => (
                <TableRow key={e.id}>
                  <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(e.receivedAt)}</TableCell>
                  <TableCell>{e.connectionName}</TableCell>
                  <TableCell sx={{ wordBreak: "break-all", minWidth: 140 }}>
                    <Typography component="code" variant="body2" sx={{ fontFamily: "monospace" }}>
                      {e.eventId}
                    </Typography>
                    <Typography variant="caption" color="text.secondary" component="div">
                      {e.eventType}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={STATUS_COLOUR[e.status]} label={t(`status.${e.status}`)} />
                    {e.processedAt && (
                      <Typography variant="caption" color="text.secondary" component="div">
                        {dateTime(e.processedAt)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{e.attempts}</TableCell>
                  <TableCell sx={{ maxWidth: 320, wordBreak: "break-word" }}>{e.lastError ?? ""}</TableCell>
                  <TableCell>
                    {e.status === "FAILED" && (
                      <ReplayButton orgSlug={orgSlug} id={e.id} eventId={e.eventId} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
