"use client";

import AddOutlined from "@mui/icons-material/AddOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { use, useActionState } from "react";

import { createMailAccountAction, updateMailAccountAction } from "@/lib/integrations/kas/actions";
import type { MailAccountsView } from "@/lib/integrations/kas/service";

export type KasAccountsResult = { ok: true; view: MailAccountsView } | { ok: false; message: string };

function errorText(state: { status: string; message?: string; fieldErrors?: Record<string, string> }) {
  if (state.status !== "error") return "";
  return state.message || Object.values(state.fieldErrors ?? {}).join(" ");
}

/** A new mail account on the domain: the part before the @ and a password (sent to KAS only). */
function CreateForm({ orgSlug, domain }: { orgSlug: string; domain: string }) {
  const t = useTranslations("integrations.kas");
  const [state, action, pending] = useActionState(createMailAccountAction.bind(null, orgSlug), {
    status: "idle",
  });
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <Stack component="form" action={action} spacing={1} aria-label={t("new")}>
      <Typography variant="subtitle2" component="h4">
        {t("new")}
      </Typography>
      <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
        <TextField
          name="localPart"
          label={t("localPart")}
          size="small"
          required
          error={Boolean(errors.localPart)}
          helperText={errors.localPart ?? `…@${domain}`}
          slotProps={{ htmlInput: { autoComplete: "off" } }}
        />
        <TextField
          name="password"
          type="password"
          label={t("password")}
          size="small"
          required
          error={Boolean(errors.password)}
          helperText={errors.password ?? t("passwordHelp")}
          slotProps={{ htmlInput: { autoComplete: "new-password" } }}
        />
        <div>
          <Button type="submit" variant="contained" startIcon={<AddOutlined />} disabled={pending}>
            {t("create")}
          </Button>
        </div>
      </Stack>
      <span aria-live="polite">
        {state.status === "ok" && (
          <Alert severity="success">{t("created", { login: state.data.login })}</Alert>
        )}
        {state.status === "error" && state.message && <Alert severity="error">{state.message}</Alert>}
      </span>
    </Stack>
  );
}

/** One account's actions: a new password, and switching it off or on again. */
function AccountActions({ orgSlug, login, active }: { orgSlug: string; login: string; active: boolean }) {
  const t = useTranslations("integrations.kas");
  const [state, action, pending] = useActionState(updateMailAccountAction.bind(null, orgSlug), {
    status: "idle",
  });
  return (
    <Stack spacing={1}>
      <Stack
        component="form"
        action={action}
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: "wrap" }}
      >
        <input type="hidden" name="login" value={login} />
        <TextField
          name="password"
          type="password"
          label={t("newPassword")}
          size="small"
          slotProps={{
            htmlInput: { autoComplete: "new-password", "aria-label": `${t("newPassword")} ${login}` },
          }}
        />
        <Button type="submit" size="small" disabled={pending}>
          {t("setPassword")}
        </Button>
      </Stack>
      <form action={action}>
        <input type="hidden" name="login" value={login} />
        <input type="hidden" name="active" value={active ? "false" : "true"} />
        <Button type="submit" size="small" color={active ? "warning" : "primary"} disabled={pending}>
          {active ? t("deactivate") : t("activate")}
        </Button>
      </form>
      <span aria-live="polite">
        {state.status === "ok" && (
          <Typography variant="caption" color="success.main">
            {t("saved")}
          </Typography>
        )}
        {state.status === "error" && (
          <Typography variant="caption" color="error">
            {errorText(state)}
          </Typography>
        )}
      </span>
    </Stack>
  );
}

/** "Mail accounts (KAS)": the domain's accounts (asked from KAS while the page streams), and changes. */
export function KasAccounts({ orgSlug, result }: { orgSlug: string; result: Promise<KasAccountsResult> }) {
  const t = useTranslations("integrations.kas");
  const loaded = use(result);
  if (!loaded.ok) return <Alert severity="warning">{t("failed", { message: loaded.message })}</Alert>;
  const view = loaded.view;
  if (!view.configured) return <Typography color="text.secondary">{t("notConfigured")}</Typography>;
  return (
    <Stack spacing={2}>
      <Typography color="text.secondary">{t("intro", { domain: view.domain })}</Typography>
      {view.accounts.length === 0 ? (
        <Typography color="text.secondary">{t("empty")}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={t("title")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("columnLogin")}</TableCell>
                <TableCell>{t("columnAddresses")}</TableCell>
                <TableCell>{t("columnActive")}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {view.accounts.map((a) => (
                <TableRow key={a.login}>
                  <TableCell>
                    <Typography component="code" variant="body2" sx={{ fontFamily: "monospace" }}>
                      {a.login}
                    </Typography>
                  </TableCell>
                  <TableCell sx={{ wordBreak: "break-word" }}>{a.addresses.join(", ")}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={a.active ? "success" : "default"}
                      label={a.active ? t("active") : t("inactive")}
                    />
                  </TableCell>
                  <TableCell>
                    <AccountActions orgSlug={orgSlug} login={a.login} active={a.active} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <CreateForm orgSlug={orgSlug} domain={view.domain} />
    </Stack>
  );
}
