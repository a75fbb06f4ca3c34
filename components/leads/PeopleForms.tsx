"use client";

import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";

import {
  addCollaboratorAction,
  backdateAction,
  reassignAction,
  removeCollaboratorAction,
} from "@/lib/leads/actions";
import { COLLABORATOR_ROLES, leadForms } from "@/lib/leads/schemas";

import { invalidateLead, leadKeys, type TLead, type TLeadTimeline } from "./leadQueries";
import { useOptimisticForm } from "./useOptimisticForm";
import { FormFooter, FormMessage } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";

/**
 * Collaborators (§87 HGB) and, for managers, backdating the registration and reassigning the lead.
 * Adding and removing a collaborator show at once (rolled back if the server refuses); backdating
 * and reassigning move the protection, which only the server computes.
 */

export function CollaboratorsPanel({
  orgSlug,
  lead,
  members,
  canWrite,
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  members: TLeadTimeline["members"];
  canWrite: boolean;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const roles = useTranslations("leads.collaboratorRoles");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const invalidate = () => invalidateLead(queryClient, orgSlug, lead.id);
  /** A change to the lead's collaborators, shown at once; `undo` puts the cached lead back. */
  const changeCollaborators = async (change: (list: TLead["collaborators"]) => TLead["collaborators"]) => {
    const key = leadKeys.detail(orgSlug, lead.id);
    await queryClient.cancelQueries({ queryKey: key });
    const before = queryClient.getQueryData<TLead>(key);
    if (before)
      queryClient.setQueryData<TLead>(key, { ...before, collaborators: change(before.collaborators) });
    return () => queryClient.setQueryData(key, before);
  };
  const form = useOptimisticForm({
    action: (formData) => addCollaboratorAction(orgSlug, lead.id, { status: "idle" }, formData),
    schema: leadForms.addCollaborator,
    optimistic: (input) => {
      const share = Number(input.sharePercent);
      const added = {
        userId: String(input.userId),
        role: input.role as TLead["collaborators"][number]["role"],
        sharePercent: input.sharePercent && Number.isFinite(share) ? share : null,
      };
      return changeCollaborators((list) => [...list, added]);
    },
    settle: invalidate,
    onOk: () => onDone(t("done.collaboratorAdded")),
  });
  const remove = useMutation({
    mutationFn: async (userId: string) => {
      const result = await removeCollaboratorAction(orgSlug, lead.id, userId);
      if (result.status === "error") throw new Error(result.message || (result.fieldErrors._ ?? ""));
    },
    onMutate: async (userId) => ({
      undo: await changeCollaborators((list) => list.filter((c) => c.userId !== userId)),
    }),
    onError: (_error, _userId, context) => context?.undo(),
    onSuccess: () => onDone(t("done.collaboratorRemoved")),
    onSettled: invalidate,
  });
  const removing = remove.isPending;
  const removeError = remove.error ? remove.error.message : null;

  const names = new Map(members.map((m) => [m.id, m.name]));
  const taken = new Set([lead.protection?.ownerUserId, ...lead.collaborators.map((c) => c.userId)]);
  // Collaborators are sales partners; the service and the database refuse anyone else.
  const candidates = members.filter((m) => m.role === "sales" && !taken.has(m.id));
  const given = lead.collaborators.reduce((sum, c) => sum + (c.sharePercent ?? 0), 0);

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
                  onClick={() => remove.mutate(c.userId)}
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

export function BackdateForm({
  orgSlug,
  leadId,
  onDone,
}: {
  orgSlug: string;
  leadId: string;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const queryClient = useQueryClient();
  const form = useActionForm(backdateAction.bind(null, orgSlug, leadId), {
    schema: leadForms.backdate,
    dates: ["registeredAt"],
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, leadId);
      onDone(t("done.backdated"));
    },
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
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  members: TLeadTimeline["members"];
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const roleName = useTranslations("roles");
  const queryClient = useQueryClient();
  const form = useActionForm(reassignAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.reassign,
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, lead.id);
      onDone(t("done.reassigned"));
    },
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
