"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import { signOutEverywhereAction } from "@/lib/auth/actions";
import type { SessionSummary } from "@/lib/auth/sessions";

import { describeUserAgent } from "./userAgent";

/** The user's live sessions, and "sign out everywhere", which ends them all (this one too). */
export function SessionsPanel({ orgSlug, sessions }: { orgSlug: string; sessions: SessionSummary[] }) {
  const t = useTranslations("sessions");
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  // On success the action redirects to the sign-in page; it returns only when it failed.
  const signOutEverywhere = () =>
    startTransition(async () => {
      const result = await signOutEverywhereAction(orgSlug);
      if (result.status === "error") setError(result.message);
      setConfirming(false);
    });

  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  const device = (userAgent: string | null) => {
    const described = describeUserAgent(userAgent);
    return described ? t("deviceOn", described) : (userAgent ?? t("unknownDevice"));
  };

  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {t("title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t("intro")}
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      <TableContainer sx={{ mb: 2 }}>
        <Table size="small" aria-label={t("table")}>
          <TableHead>
            <TableRow>
              <TableCell>{t("columnDevice")}</TableCell>
              <TableCell>{t("columnCreated")}</TableCell>
              <TableCell>{t("columnLastSeen")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sessions.map((session) => (
              <TableRow key={session.id} data-testid="session-row">
                <TableCell sx={{ wordBreak: "break-word" }}>
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
                    <span>{device(session.userAgent)}</span>
                    {session.current && <Chip size="small" color="primary" label={t("thisBrowser")} />}
                  </Stack>
                </TableCell>
                <TableCell>{date(session.createdAt)}</TableCell>
                <TableCell>{date(session.lastSeenAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Button variant="outlined" color="error" onClick={() => setConfirming(true)}>
        {t("signOutEverywhere")}
      </Button>

      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="sign-out-everywhere">
        <DialogTitle id="sign-out-everywhere">{t("confirmTitle")}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t("confirmText")}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>{t("cancel")}</Button>
          <Button color="error" disabled={pending} onClick={signOutEverywhere}>
            {t("signOutEverywhere")}
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}
