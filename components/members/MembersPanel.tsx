"use client";

import MoreVert from "@mui/icons-material/MoreVert";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip, { type ChipProps } from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import IconButton from "@mui/material/IconButton";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Snackbar from "@mui/material/Snackbar";
import Stack from "@mui/material/Stack";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import { HeadRow } from "@/components/ui/TableParts";
import { changeMemberRoleAction, sendPasswordResetAction, setMemberActiveAction } from "@/lib/auth/actions";
import { ROLES, type TRole } from "@/lib/auth/roles";
import type { TMember } from "@/lib/auth/schemas";

import { InviteForm } from "./InviteForm";
import { memberKeys, useMembers } from "./memberQueries";

const STATE_COLOUR: Record<TMember["state"], ChipProps["color"]> = {
  active: "success",
  invited: "info",
  deactivated: "default",
};

type Pending = { kind: "role"; member: TMember } | { kind: "deactivate"; member: TMember } | null;

/**
 * The members page: invite, then every member with role, state and last sign-in, and their actions
 * in a menu (change role, deactivate or reactivate, send a password link). A table on wide screens,
 * one card per member on a phone. Each action's outcome shows in a snackbar; errors (the last admin)
 * in an alert above the list.
 */
export function MembersPanel({
  orgSlug,
  selfId,
  initialMembers,
}: {
  orgSlug: string;
  selfId: string;
  initialMembers: TMember[];
}) {
  const t = useTranslations("members");
  const roles = useTranslations("roles");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const members = useMembers(orgSlug, initialMembers);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, startBusy] = useTransition();

  const refresh = () => queryClient.invalidateQueries({ queryKey: memberKeys.list(orgSlug) });

  const run = (
    work: () => Promise<{ status: "ok" } | { status: "error"; message: string } | { status: "idle" }>,
    done: string,
  ) =>
    startBusy(async () => {
      const result = await work();
      if (result.status === "error") {
        setError(result.message);
      } else {
        setError(null);
        setNotice(done);
      }
      setPending(null);
      await refresh();
    });

  const lastSignIn = (member: TMember) =>
    member.lastSignInAt
      ? format.dateTime(new Date(member.lastSignInAt), { dateStyle: "medium", timeStyle: "short" })
      : t("never");

  const actions = (member: TMember) => ({
    changeRole: () => setPending({ kind: "role", member }),
    toggleActive: () =>
      member.state === "deactivated"
        ? run(
            () => setMemberActiveAction(orgSlug, { userId: member.userId, active: true }),
            t("actions.reactivated", { name: member.name }),
          )
        : setPending({ kind: "deactivate", member }),
    resetPassword: () =>
      run(
        () => sendPasswordResetAction(orgSlug, { userId: member.userId }),
        t("actions.linkSent", { name: member.name }),
      ),
  });

  const nameOf = (member: TMember) =>
    member.userId === selfId ? `${member.name} (${t("you")})` : member.name;
  const stateChip = (member: TMember) => (
    <Chip size="small" color={STATE_COLOUR[member.state]} label={t(`states.${member.state}`)} />
  );

  return (
    <>
      <InviteForm
        orgSlug={orgSlug}
        onInvited={(text) => {
          setError(null);
          setNotice(text);
          void refresh();
        }}
      />
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}

      {/* Wide screens: a table. */}
      <TableContainer component={Paper} variant="outlined" sx={{ display: { xs: "none", md: "block" } }}>
        <Table size="small" aria-label={t("table")}>
          <HeadRow
            titles={[
              t("columnName"),
              t("columnEmail"),
              t("columnRole"),
              t("columnState"),
              t("columnLastSignIn"),
            ]}
            actions
          />
          <TableBody>
            {members.data.map((member) => (
              <TableRow key={member.userId}>
                <TableCell>{nameOf(member)}</TableCell>
                <TableCell>{member.email}</TableCell>
                <TableCell>{roles(member.role)}</TableCell>
                <TableCell>{stateChip(member)}</TableCell>
                <TableCell>{lastSignIn(member)}</TableCell>
                <TableCell align="right">
                  <ActionsMenu member={member} disabled={busy} {...actions(member)} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>

      {/* Phones: one card per member. */}
      <Stack
        spacing={1.5}
        sx={{ display: { xs: "flex", md: "none" } }}
        component="ul"
        aria-label={t("table")}
        style={{ listStyle: "none", padding: 0, margin: 0 }}
      >
        {members.data.map((member) => (
          <Paper key={member.userId} component="li" variant="outlined" sx={{ p: 2 }}>
            <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "flex-start", gap: 1 }}>
              <Box sx={{ minWidth: 0 }}>
                <Typography sx={{ fontWeight: 600 }}>{nameOf(member)}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
                  {member.email}
                </Typography>
              </Box>
              <ActionsMenu member={member} disabled={busy} {...actions(member)} />
            </Stack>
            <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: "center", flexWrap: "wrap" }}>
              <Typography variant="body2">{roles(member.role)}</Typography>
              {stateChip(member)}
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
              {t("columnLastSignIn")}: {lastSignIn(member)}
            </Typography>
          </Paper>
        ))}
      </Stack>

      {pending?.kind === "role" && (
        <RoleDialog
          member={pending.member}
          busy={busy}
          onClose={() => setPending(null)}
          onSave={(role) =>
            run(
              () => changeMemberRoleAction(orgSlug, { userId: pending.member.userId, role }),
              t("actions.roleChanged", { name: pending.member.name }),
            )
          }
        />
      )}
      <Dialog open={pending?.kind === "deactivate"} onClose={() => setPending(null)}>
        {pending?.kind === "deactivate" && (
          <>
            <DialogTitle>{t("actions.confirmDeactivateTitle", { name: pending.member.name })}</DialogTitle>
            <DialogContent>
              <DialogContentText>
                {t("actions.confirmDeactivateText", { name: pending.member.name })}
              </DialogContentText>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setPending(null)}>{t("actions.cancel")}</Button>
              <Button
                color="error"
                disabled={busy}
                onClick={() =>
                  run(
                    () => setMemberActiveAction(orgSlug, { userId: pending.member.userId, active: false }),
                    t("actions.deactivated", { name: pending.member.name }),
                  )
                }
              >
                {t("actions.deactivate")}
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
      <Snackbar
        open={notice !== null}
        autoHideDuration={6000}
        onClose={() => setNotice(null)}
        message={notice}
        anchorOrigin={{ vertical: "bottom", horizontal: "center" }}
      />
    </>
  );
}

function ActionsMenu({
  member,
  disabled,
  changeRole,
  toggleActive,
  resetPassword,
}: {
  member: TMember;
  disabled: boolean;
  changeRole: () => void;
  toggleActive: () => void;
  resetPassword: () => void;
}) {
  const t = useTranslations("members.actions");
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const pick = (action: () => void) => () => {
    setAnchor(null);
    action();
  };
  return (
    <>
      <IconButton
        aria-label={t("menu", { name: member.name })}
        aria-haspopup="menu"
        disabled={disabled}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <MoreVert />
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={pick(changeRole)} disabled={member.state === "deactivated"}>
          {t("changeRole")}
        </MenuItem>
        <MenuItem onClick={pick(resetPassword)} disabled={member.state === "deactivated"}>
          {t("resetPassword")}
        </MenuItem>
        <MenuItem onClick={pick(toggleActive)}>
          {member.state === "deactivated" ? t("reactivate") : t("deactivate")}
        </MenuItem>
      </Menu>
    </>
  );
}

function RoleDialog({
  member,
  busy,
  onClose,
  onSave,
}: {
  member: TMember;
  busy: boolean;
  onClose: () => void;
  onSave: (role: TRole) => void;
}) {
  const t = useTranslations("members");
  const roles = useTranslations("roles");
  const [role, setRole] = useState<TRole>(member.role);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>
        {t("actions.changeRole")}: {member.name}
      </DialogTitle>
      <DialogContent>
        <TextField
          select
          fullWidth
          label={t("columnRole")}
          value={role}
          onChange={(event) => setRole(event.target.value as TRole)}
          sx={{ mt: 1 }}
        >
          {ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {roles(r)}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("actions.cancel")}</Button>
        <Button variant="contained" disabled={busy || role === member.role} onClick={() => onSave(role)}>
          {t("actions.save")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
