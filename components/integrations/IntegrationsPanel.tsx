import Alert from "@mui/material/Alert";
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
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { CountChips, HeadRow } from "@/components/ui/TableParts";
import type { SuggestionView } from "@/lib/integrations/mail/suggestions";
import type { ConnectionView, IntegrationsOverview } from "@/lib/integrations/service";

import { ConnectionActions } from "./ConnectionActions";
import type { KasAccountsResult } from "./KasAccounts";
import { MailSections } from "./MailSections";
import { AllianzConnectionDialog } from "./AllianzConnectionDialog";
import { MailConnectionDialog } from "./MailConnectionDialog";
import { RetryButton } from "./RetryButton";

const STATE_COLOUR = { QUEUED: "info", SENDING: "info", SENT: "success", FAILED: "error" } as const;

/**
 * The Integrations area: connections with their status, "Test connection", the e-mail outbox.
 * `children` (the health figures, the webhook inbox) follow the connections.
 */
export async function IntegrationsPanel({
  orgSlug,
  overview,
  suggestions,
  kas,
  children,
}: {
  orgSlug: string;
  overview: IntegrationsOverview;
  suggestions: SuggestionView[];
  kas: Promise<KasAccountsResult>;
  children?: ReactNode;
}) {
  const t = await getTranslations("integrations");
  const format = await getFormatter();
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const provider = (p: string) =>
    t.has(`provider.${p}` as "provider.XENTRAL") ? t(`provider.${p}` as "provider.XENTRAL") : p;

  const status = (c: ConnectionView) => {
    if (!c.enabled) return <Chip size="small" label={t("disabled")} />;
    if (c.breaker === "open" && c.breakerSince && c.breakerUntil) {
      return (
        <Chip
          size="small"
          color="error"
          label={t("breaker.open", { since: dateTime(c.breakerSince), until: dateTime(c.breakerUntil) })}
        />
      );
    }
    const colour =
      c.breaker === "half_open"
        ? "warning"
        : c.lastCall && c.lastCall.outcome !== "ok"
          ? "warning"
          : "success";
    return <Chip size="small" color={colour} label={`${t("enabled")} · ${t(`breaker.${c.breaker}`)}`} />;
  };

  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h2" gutterBottom>
          {t("title")}
        </Typography>
        <Typography color="text.secondary">{t("intro")}</Typography>
      </div>
      {!overview.keyConfigured && <Alert severity="warning">{t("keyMissing")}</Alert>}
      <Alert severity={overview.mailRoute === "none" ? "warning" : "info"}>
        {t(`mailRoute.${overview.mailRoute}`)}
      </Alert>

      <Paper variant="outlined" component="section" aria-labelledby="integrations-connections" sx={{ p: 3 }}>
        <Stack
          direction={{ xs: "column", sm: "row" }}
          spacing={2}
          sx={{ justifyContent: "space-between", mb: 2 }}
        >
          <Typography variant="h6" component="h3" id="integrations-connections">
            {t("connections")}
          </Typography>
          <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
            <MailConnectionDialog orgSlug={orgSlug} />
            {!overview.connections.some((c) => c.provider === "ALLIANZ_TRADE") && (
              <AllianzConnectionDialog orgSlug={orgSlug} />
            )}
          </Stack>
        </Stack>
        {overview.connections.length === 0 ? (
          <Typography color="text.secondary">{t("noConnections")}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-labelledby="integrations-connections">
              <TableHead>
                <TableRow>
                  <TableCell>{t("columnName")}</TableCell>
                  <TableCell>{t("columnProvider")}</TableCell>
                  <TableCell>{t("columnStatus")}</TableCell>
                  <TableCell>{t("columnLastCall")}</TableCell>
                  <TableCell>{t("columnActions")}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {overview.connections.map((c) => {
                  const s = c.settings as Record<string, string | number | undefined>;
                  return (
                    <TableRow key={c.id}>
                      <TableCell>
                        <Typography variant="body2">{c.name}</Typography>
                        {s.host !== undefined && (
                          <Typography variant="caption" color="text.secondary">
                            {String(s.user ?? "")}@{String(s.host)}:{String(s.port ?? "")}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{provider(c.provider)}</TableCell>
                      <TableCell>{status(c)}</TableCell>
                      <TableCell sx={{ maxWidth: 320, wordBreak: "break-word" }}>
                        {c.lastCall ? (
                          <>
                            <Typography variant="body2">
                              {dateTime(c.lastCall.at)} · {t(`outcome.${c.lastCall.outcome}` as "outcome.ok")}{" "}
                              · {c.lastCall.durationMs} ms
                            </Typography>
                            {c.lastCall.error && (
                              <Typography variant="caption" color="error">
                                {c.lastCall.error}
                              </Typography>
                            )}
                            {c.lastSuccessAt && (
                              <Typography variant="caption" color="text.secondary" component="div">
                                {t("lastSuccess", { at: dateTime(c.lastSuccessAt) })}
                              </Typography>
                            )}
                          </>
                        ) : (
                          t("never")
                        )}
                      </TableCell>
                      <TableCell>
                        <Stack spacing={1}>
                          {c.provider === "ALLINKL_MAIL" && (
                            <MailConnectionDialog
                              orgSlug={orgSlug}
                              connection={{
                                id: c.id,
                                name: c.name,
                                host: String(s.host ?? ""),
                                port: Number(s.port ?? 465),
                                security: String(s.security ?? "tls"),
                                user: String(s.user ?? ""),
                                from: String(s.from ?? ""),
                                secretSet: c.secretSet,
                                imapHost: String(s.imapHost ?? ""),
                                imapPort: String(s.imapPort ?? ""),
                                imapSecurity: String(s.imapSecurity ?? "tls"),
                                mailbox: String(s.mailbox ?? ""),
                                kasLogin: String(s.kasLogin ?? ""),
                              }}
                            />
                          )}
                          {c.provider === "ALLIANZ_TRADE" && (
                            <AllianzConnectionDialog
                              orgSlug={orgSlug}
                              connection={{ id: c.id, name: c.name, baseUrl: String(s.baseUrl ?? "") }}
                            />
                          )}
                          <ConnectionActions orgSlug={orgSlug} id={c.id} name={c.name} enabled={c.enabled} />
                        </Stack>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>

      {children}

      <Paper variant="outlined" component="section" aria-labelledby="integrations-outbox" sx={{ p: 3 }}>
        <Typography variant="h6" component="h3" id="integrations-outbox" gutterBottom>
          {t("outbox")}
        </Typography>
        <CountChips
          states={["QUEUED", "SENDING", "SENT", "FAILED"] as const}
          counts={overview.outboxCounts}
          colour={STATE_COLOUR}
          label={(state, count) => `${t(`state.${state}`)}: ${format.number(count)}`}
        />
        {overview.outbox.length === 0 ? (
          <Typography color="text.secondary">{t("outboxEmpty")}</Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-labelledby="integrations-outbox">
              <HeadRow
                titles={(
                  [
                    "columnCreated",
                    "columnTemplate",
                    "columnRecipient",
                    "columnState",
                    "columnAttempts",
                    "columnError",
                  ] as const
                ).map((c) => t(c))}
                actions
              />
              <TableBody>
                {overview.outbox.map((row) => (
                  <TableRow key={row.id}>
                    <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(row.createdAt)}</TableCell>
                    <TableCell>
                      <Typography component="code" variant="body2" sx={{ fontFamily: "monospace" }}>
                        {row.template}
                      </Typography>
                    </TableCell>
                    <TableCell>{row.recipient}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={STATE_COLOUR[row.state as keyof typeof STATE_COLOUR] ?? "default"}
                        label={t(`state.${row.state}` as "state.SENT")}
                      />
                      {row.sentAt && (
                        <Typography variant="caption" color="text.secondary" component="div">
                          {dateTime(row.sentAt)}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{row.attempts}</TableCell>
                    <TableCell sx={{ maxWidth: 320, wordBreak: "break-word" }}>
                      {row.lastError ?? ""}
                    </TableCell>
                    <TableCell>
                      {row.state === "FAILED" && <RetryButton orgSlug={orgSlug} id={row.id} />}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </Paper>

      <MailSections
        orgSlug={orgSlug}
        connections={overview.connections}
        suggestions={suggestions}
        kas={kas}
      />

      <Paper variant="outlined" component="section" aria-labelledby="integrations-errors" sx={{ p: 3 }}>
        <Typography variant="h6" component="h3" id="integrations-errors" gutterBottom>
          {t("recentErrors")}
        </Typography>
        {overview.recentErrors.length === 0 ? (
          <Typography color="text.secondary">{t("noErrors")}</Typography>
        ) : (
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
            {overview.recentErrors.map((e, i) => (
              <Typography component="li" variant="body2" key={`${e.at}-${i}`}>
                {dateTime(e.at)} · {provider(e.provider)} · {e.operation} ·{" "}
                {t(`outcome.${e.outcome}` as "outcome.ok")}
                {e.error ? ` · ${e.error}` : ""}
              </Typography>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
