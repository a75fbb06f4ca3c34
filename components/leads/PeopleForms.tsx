"use client";

import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import {
  addCollaboratorAction,
  backdateAction,
  reassignAction,
  removeCollaboratorAction,
} from "@/lib/leads/actions";
import { COLLABORATOR_ROLES, leadForms } from "@/lib/leads/schemas";

import { invalidateLead, type TLead, type TLeadTimeline } from "./leadQueries";
import { FormFooter, FormMessage } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";

/** Collaborators (§87 HGB) and, for managers, backdating the registration and reassigning the lead. */

export function CollaboratorsPanel({
  orgSlug,
  lead,
  members,
  canWrite,
}: {
  orgSlug: string;
  lead: TLead;
  members: TLeadTimeline["members"];
  canWrite: boolean;
}) {
  const t = useTranslations("leads.forms");
  const roles = useTranslations("leads.collaboratorRoles");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const invalidate = () => invalidateLead(queryClient, orgSlug, lead.id);
  const form = useActionForm(addCollaboratorAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.addCollaborator,
    onOk: invalidate,
  });
  const [removing, startRemoving] = useTransition();
  const [removeError, setRemoveError] = useState<string | null>(null);

  const names = new Map(members.map((m) => [m.id, m.name]));
  const taken = new Set([lead.protection?.ownerUserId, ...lead.collaborators.map((c) => c.userId)]);
  // Collaborators are sales partners; the service and the database refuse anyone else.
  const candidates = members.filter((m) => m.role === "sales" && !taken.has(m.id));
  const given = lead.collaborators.reduce((sum, c) => sum + (c.sharePercent ?? 0), 0);

  const remove = (userId: string) =>
    startRemoving(async () => {
      const result = await removeCollaboratorAction(orgSlug, lead.id, userId);
      setRemoveError(result.status === "error" ? result.message || (result.fieldErrors._ ?? "") : null);
      await invalidate();
    });

  return (
    <Stack spacing={2}>
      {lead.collaborators.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t("noCollaborators")}
        </Typography>
      ) : (
        <List dense aria-label={t("collaboratorsList")}>
          {lead.collaborators.map((c) => (
            <ListItem key={c.userId} disableGutters sx={{ flexWrap: "wrap", columnGap: 1 }}>
              <ListItemText
                primary={names.get(c.userId) ?? "–"}
                secondary={`${roles(c.role as "VIEW")}${
                  c.sharePercent !== null
                    ? ` · ${format.number(c.sharePercent / 100, { style: "percent", maximumFractionDigits: 2 })}`
                    : ""
                }`}
              />
              {canWrite && (
                <Button
                  size="small"
                  color="error"
                  onClick={() => remove(c.userId)}
                  disabled={removing}
                  aria-label={t("removeLabel", { name: names.get(c.userId) ?? "–" })}
                >
                  {t("remove")}
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      <Typography variant="body2" color="text.secondary">
        {t("ownerShare", {
          share: format.number(Math.max(0, 100 - given) / 100, {
            style: "percent",
            maximumFractionDigits: 2,
          }),
        })}
      </Typography>
      <FormMessage message={removeError} />
      {canWrite && (
        <Stack
          component="form"
          onSubmit={form.onSubmit}
          noValidate
          spacing={1.5}
          aria-label={t("addCollaborator")}
        >
          <TextField select label={t("member")} defaultValue="" required fullWidth {...form.field("userId")}>
            {candidates.map((m) => (
              <MenuItem key={m.id} value={m.id}>
                {m.name}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction={{ xs: "column", sm: "row" }} spacing={1}>
            <TextField select label={t("role")} defaultValue="ASSIST" fullWidth {...form.field("role")}>
              {COLLABORATOR_ROLES.map((role) => (
                <MenuItem key={role} value={role}>
                  {roles(role)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="number"
              label={t("share")}
              fullWidth
              slotProps={{ htmlInput: { min: 0.01, max: 100, step: 0.01, inputMode: "decimal" } }}
              {...form.field("sharePercent", t("shareHint"))}
            />
          </Stack>
          <FormFooter
            message={form.message}
            pending={form.pending}
            label={t("addCollaborator")}
            saving={t("saving")}
          />
        </Stack>
      )}
    </Stack>
  );
}

export function BackdateForm({ orgSlug, leadId }: { orgSlug: string; leadId: string }) {
  const t = useTranslations("leads.forms");
  const queryClient = useQueryClient();
  const form = useActionForm(backdateAction.bind(null, orgSlug, leadId), {
    schema: leadForms.backdate,
    dates: ["registeredAt"],
    onOk: () => invalidateLead(queryClient, orgSlug, leadId),
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("backdateTitle")}>
      <TextField
        type="datetime-local"
        label={t("registeredAt")}
        required
        fullWidth
        slotProps={{ inputLabel: { shrink: true } }}
        {...form.field("registeredAt")}
      />
      <TextField label={t("reason")} required multiline minRows={2} fullWidth {...form.field("reason")} />
      <TextField type="url" label={t("evidenceUrl")} fullWidth {...form.field("evidenceUrl")} />
      <FormFooter message={form.message} pending={form.pending} label={t("backdate")} saving={t("saving")} />
    </Stack>
  );
}

export function ReassignForm({
  orgSlug,
  lead,
  members,
}: {
  orgSlug: string;
  lead: TLead;
  members: TLeadTimeline["members"];
}) {
  const t = useTranslations("leads.forms");
  const roleName = useTranslations("roles");
  const queryClient = useQueryClient();
  const form = useActionForm(reassignAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.reassign,
    onOk: () => invalidateLead(queryClient, orgSlug, lead.id),
  });
  const owners = members.filter((m) => m.role !== "auditor" && m.id !== lead.protection?.ownerUserId);
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("reassignTitle")}>
      <TextField
        select
        label={t("newOwner")}
        defaultValue=""
        required
        fullWidth
        {...form.field("ownerUserId")}
      >
        {owners.map((m) => (
          <MenuItem key={m.id} value={m.id}>
            {m.name} ({roleName(m.role as "sales")})
          </MenuItem>
        ))}
      </TextField>
      <FormFooter message={form.message} pending={form.pending} label={t("reassign")} saving={t("saving")} />
    </Stack>
  );
}
