"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import LinearProgress from "@mui/material/LinearProgress";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useState, useTransition } from "react";

import { HelpButton } from "@/components/help/HelpButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { createTokenAction, revokeTokenAction } from "@/lib/auth/actions";
import type { TTokenSummary } from "@/lib/auth/schemas";

import { tokenKeys, useOwnTokens } from "./tokenQueries";

const EXPIRY_CHOICES = ["30", "90", "365", "never"] as const;

export function TokensPanel({ orgSlug }: { orgSlug: string }) {
  const t = useTranslations("tokens");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const tokens = useOwnTokens(orgSlug);
  const [state, formAction, creating] = useActionState(createTokenAction.bind(null, orgSlug), {
    status: "idle",
  });
  const [toRevoke, setToRevoke] = useState<TTokenSummary | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [revoking, startRevoke] = useTransition();

  useEffect(() => {
    if (state.status === "ok") void queryClient.invalidateQueries({ queryKey: tokenKeys.list(orgSlug) });
  }, [state, orgSlug, queryClient]);

  const values = state.status === "error" ? state.values : undefined;
  const fieldErrors = state.status === "error" ? state.fieldErrors : {};

  const revoke = (token: TTokenSummary) =>
    startRevoke(async () => {
      const result = await revokeTokenAction(orgSlug, token.id);
      setRevokeError(result.status === "error" ? result.message : null);
      setToRevoke(null);
      await queryClient.invalidateQueries({ queryKey: tokenKeys.list(orgSlug) });
    });

  const date = (value: string | null, fallback: string) =>
    value ? format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" }) : fallback;

  const status = (token: TTokenSummary) => {
    if (token.revokedAt) return <Chip size="small" label={t("revoked")} />;
    if (token.expiresAt && new Date(token.expiresAt) <= new Date())
      return <Chip size="small" color="warning" label={t("expired")} />;
    return <Chip size="small" color="success" label={t("active")} />;
  };

  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: "center", mb: 1 }}>
        <Typography variant="h6" component="h2">
          {t("title")}
        </Typography>
        <HelpButton helpKey="settings.tokens" />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>

      <Stack
        component="form"
        action={formAction}
        direction={{ xs: "column", sm: "row" }}
        spacing={2}
        sx={{ mb: 2, alignItems: { sm: "flex-start" } }}
      >
        <TextField
          name="name"
          label={t("name")}
          required
          size="small"
          defaultValue={values?.name ?? ""}
          error={Boolean(fieldErrors.name)}
          helperText={fieldErrors.name ?? " "}
          sx={{ minWidth: 240 }}
        />
        <TextField
          name="expiresInDays"
          select
          label={t("expires")}
          size="small"
          defaultValue={values?.expiresInDays ?? "90"}
          error={Boolean(fieldErrors.expiresInDays)}
          helperText={fieldErrors.expiresInDays ?? " "}
          sx={{ minWidth: 160 }}
        >
          {EXPIRY_CHOICES.map((c) => (
            <MenuItem key={c} value={c}>
              {c === "never" ? t("never") : t("days", { count: Number(c) })}
            </MenuItem>
          ))}
        </TextField>
        <Button type="submit" variant="contained" disabled={creating}>
          {creating ? t("creating") : t("create")}
        </Button>
      </Stack>

      {state.status === "error" && state.message && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {state.message}
        </Alert>
      )}
      {state.status === "ok" && <NewToken name={state.data.summary.name} token={state.data.token} />}
      {revokeError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {revokeError}
        </Alert>
      )}

      {tokens.isPending && <LinearProgress aria-label={t("loading")} />}
      {tokens.isError && <Alert severity="error">{tokens.error.message}</Alert>}
      {tokens.data?.length === 0 && <EmptyState title={t("empty")} />}
      {tokens.data && tokens.data.length > 0 && (
        <TableContainer>
          <Table size="small" aria-label={t("title")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("columnName")}</TableCell>
                <TableCell>{t("columnPrefix")}</TableCell>
                <TableCell>{t("columnCreated")}</TableCell>
                <TableCell>{t("columnExpires")}</TableCell>
                <TableCell>{t("columnLastUsed")}</TableCell>
                <TableCell>{t("columnStatus")}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {tokens.data.map((token) => (
                <TableRow key={token.id}>
                  <TableCell>{token.name}</TableCell>
                  <TableCell>
                    <code>{token.tokenPrefix}…</code>
                  </TableCell>
                  <TableCell>{date(token.createdAt, "")}</TableCell>
                  <TableCell>{date(token.expiresAt, t("noExpiry"))}</TableCell>
                  <TableCell>{date(token.lastUsedAt, t("neverUsed"))}</TableCell>
                  <TableCell>{status(token)}</TableCell>
                  <TableCell align="right">
                    {!token.revokedAt && (
                      <Button size="small" color="error" onClick={() => setToRevoke(token)}>
                        {t("revoke")}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}

      <Dialog open={toRevoke !== null} onClose={() => setToRevoke(null)}>
        <DialogContent>
          <DialogContentText>{toRevoke && t("revokeConfirm", { name: toRevoke.name })}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setToRevoke(null)}>{t("cancel")}</Button>
          <Button color="error" disabled={revoking} onClick={() => toRevoke && revoke(toRevoke)}>
            {t("revoke")}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const t = useTranslations("tokens");
  const [copied, setCopied] = useState(false);
  return (
    <Alert
      severity="success"
      sx={{ mb: 2, "& .MuiAlert-message": { minWidth: 0 } }}
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => void navigator.clipboard?.writeText(token).then(() => setCopied(true))}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
      }
    >
      {t("created", { name })}
      <Typography
        component="code"
        data-testid="new-token"
        sx={{ display: "block", mt: 1, wordBreak: "break-all", fontFamily: "monospace" }}
      >
        {token}
      </Typography>
    </Alert>
  );
}
