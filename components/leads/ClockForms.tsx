"use client";

import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import ListSubheader from "@mui/material/ListSubheader";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";

import {
  createHoldAction,
  decideExtensionAction,
  endHoldAction,
  logActivityAction,
  requestExtensionAction,
} from "@/lib/leads/actions";
import { ACTIVITY_KINDS, HOLD_REASONS, QUALIFYING_KINDS, leadForms } from "@/lib/leads/schemas";

import { invalidateLead, leadKeys, type TLead, type TLeadTimeline } from "./leadQueries";
import { useOptimisticForm } from "./useOptimisticForm";
import { FormFooter, FormMessage } from "@/components/ui/FormFooter";
import { useActionForm } from "@/components/ui/useActionForm";

/**
 * The forms that move a lead's clock: log an activity, stop the clock (hold) and end it, ask for an
 * extension — and, for managers, decide one. Each invalidates the lead's queries when it succeeds,
 * so the deadlines above move at once.
 */

const OTHER_KINDS = ACTIVITY_KINDS.filter((k) => !(QUALIFYING_KINDS as readonly string[]).includes(k));

function useInvalidate(orgSlug: string, leadId: string) {
  const queryClient = useQueryClient();
  return () => invalidateLead(queryClient, orgSlug, leadId);
}

/** After a change the server computes (the clock): invalidate, and say it was done. */
function useDone(orgSlug: string, leadId: string, onDone: (message: string) => void) {
  const invalidate = useInvalidate(orgSlug, leadId);
  return async (message: string) => {
    await invalidate();
    onDone(message);
  };
}

/**
 * Log an activity. The new entry shows in the lead's history at once (optimistic, rolled back if the
 * server refuses); the deadlines it may move follow when the server has computed them.
 */
export function ActivityForm({
  orgSlug,
  leadId,
  onDone,
}: {
  orgSlug: string;
  leadId: string;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const k = useTranslations("leads.timeline.kinds");
  const queryClient = useQueryClient();
  const form = useOptimisticForm({
    action: (formData) => logActivityAction(orgSlug, leadId, { status: "idle" }, formData),
    schema: leadForms.logActivity,
    dates: ["at"],
    optimistic: async (input) => {
      const key = leadKeys.timeline(orgSlug, leadId);
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<TLeadTimeline>(key);
      if (before) {
        const at = typeof input.at === "string" && input.at ? input.at : new Date().toISOString();
        const entry = {
          id: `optimistic-${crypto.randomUUID()}`,
          kind: String(input.kind),
          at,
          note: typeof input.note === "string" && input.note ? input.note : null,
          createdBy: null,
        };
        queryClient.setQueryData<TLeadTimeline>(key, {
          ...before,
          activities: [...before.activities, entry].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
        });
      }
      return () => queryClient.setQueryData(key, before);
    },
    settle: () => invalidateLead(queryClient, orgSlug, leadId),
    onOk: () => onDone(t("done.activity")),
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("activityTitle")}>
      <TextField select label={t("kind")} defaultValue="QUALIFIED_CALL" fullWidth {...form.field("kind")}>
        <ListSubheader>{t("qualifying")}</ListSubheader>
        {QUALIFYING_KINDS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {k(kind)}
          </MenuItem>
        ))}
        <ListSubheader>{t("notQualifying")}</ListSubheader>
        {OTHER_KINDS.map((kind) => (
          <MenuItem key={kind} value={kind}>
            {k(kind)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="datetime-local"
        label={t("at")}
        fullWidth
        slotProps={{ inputLabel: { shrink: true } }}
        {...form.field("at", t("atHint"))}
      />
      <TextField label={t("note")} multiline minRows={2} fullWidth {...form.field("note")} />
      <FormFooter
        message={form.message}
        pending={form.pending}
        label={t("logActivity")}
        saving={t("saving")}
      />
    </Stack>
  );
}

export function HoldsPanel({
  orgSlug,
  lead,
  canWrite,
  canManage,
  now,
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  canWrite: boolean;
  canManage: boolean;
  now: number | null;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const r = useTranslations("leads.timeline.holdReasons");
  const format = useFormatter();
  const invalidate = useInvalidate(orgSlug, lead.id);
  const done = useDone(orgSlug, lead.id, onDone);
  const [ending, startEnding] = useTransition();
  const [endError, setEndError] = useState<string | null>(null);
  const form = useActionForm(createHoldAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.createHold,
    dates: ["startAt", "endAt"],
    onOk: () => done(t("done.hold")),
  });
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const endable = (h: TLead["holds"][number]) =>
    now !== null && Date.parse(h.startAt) <= now && (h.endAt === null || Date.parse(h.endAt) > now);

  const end = (holdId: string) =>
    startEnding(async () => {
      const result = await endHoldAction(orgSlug, lead.id, holdId);
      setEndError(result.status === "error" ? result.message || (result.fieldErrors._ ?? "") : null);
      if (result.status === "ok") await done(t("done.holdEnded"));
      else await invalidate();
    });

  const expired = lead.protection?.status === "EXPIRED" || !lead.protection;
  return (
    <Stack spacing={2}>
      {lead.holds.length > 0 && (
        <List dense aria-label={t("holdsList")}>
          {lead.holds.map((h) => (
            <ListItem key={h.id} disableGutters sx={{ flexWrap: "wrap", columnGap: 1 }}>
              <ListItemText
                primary={r(h.reason as (typeof HOLD_REASONS)[number])}
                secondary={
                  h.endAt
                    ? t("holdSpan", { from: when(h.startAt), to: when(h.endAt) })
                    : t("holdOpenSince", { from: when(h.startAt) })
                }
              />
              {canWrite && endable(h) && (
                <Button
                  size="small"
                  onClick={() => end(h.id)}
                  disabled={ending}
                  aria-label={t("endHoldLabel", { reason: r(h.reason as (typeof HOLD_REASONS)[number]) })}
                >
                  {t("endHold")}
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      <FormMessage message={endError} />
      {canWrite && !expired && (
        <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("holdTitle")}>
          <TextField
            select
            label={t("reason")}
            defaultValue="FFZ_PRICE_APPROVAL"
            fullWidth
            {...form.field("reason")}
          >
            {HOLD_REASONS.map((reason) => (
              <MenuItem key={reason} value={reason}>
                {r(reason)}
              </MenuItem>
            ))}
          </TextField>
          {canManage && (
            <TextField
              type="datetime-local"
              label={t("startAt")}
              fullWidth
              slotProps={{ inputLabel: { shrink: true } }}
              {...form.field("startAt", t("startAtHint"))}
            />
          )}
          <TextField
            type="datetime-local"
            label={t("endAt")}
            fullWidth
            slotProps={{ inputLabel: { shrink: true } }}
            {...form.field("endAt", t("endAtHint"))}
          />
          <TextField label={t("note")} fullWidth {...form.field("note")} />
          <FormFooter
            message={form.message}
            pending={form.pending}
            label={t("startHold")}
            saving={t("saving")}
          />
        </Stack>
      )}
    </Stack>
  );
}

const EXTENSION_COLOUR = {
  PENDING: "warning",
  APPROVED: "success",
  DENIED: "default",
  CLOSED: "default",
} as const;

export function ExtensionsPanel({
  orgSlug,
  lead,
  canWrite,
  canManage,
  onDone,
}: {
  orgSlug: string;
  lead: TLead;
  canWrite: boolean;
  canManage: boolean;
  onDone: (message: string) => void;
}) {
  const t = useTranslations("leads.forms");
  const s = useTranslations("leads.extensionStatus");
  const format = useFormatter();
  const done = useDone(orgSlug, lead.id, onDone);
  const form = useActionForm(requestExtensionAction.bind(null, orgSlug, lead.id), {
    schema: leadForms.requestExtension,
    onOk: () => done(t("done.extension")),
  });
  const pending = lead.extensions.find((e) => e.status === "PENDING");
  const protectedNow = lead.protection !== null && lead.protection.status !== "EXPIRED";
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  return (
    <Stack spacing={2}>
      {lead.extensions.length > 0 && (
        <List dense aria-label={t("extensionsList")}>
          {lead.extensions.map((e) => (
            <ListItem key={e.id} disableGutters alignItems="flex-start">
              <ListItemText
                primary={
                  <Stack direction="row" spacing={1} sx={{ alignItems: "center" }} component="span">
                    <span>{t("extensionDays", { days: e.days })}</span>
                    <Chip
                      size="small"
                      color={EXTENSION_COLOUR[e.status as keyof typeof EXTENSION_COLOUR] ?? "default"}
                      label={s(e.status as "PENDING")}
                    />
                  </Stack>
                }
                secondary={
                  <>
                    {t("requestedAt", { date: when(e.requestedAt) })} · {e.reason}
                    {e.decidedAt && (
                      <>
                        <br />
                        {t("decidedAt", { date: when(e.decidedAt) })}
                        {e.decisionComment ? ` · ${e.decisionComment}` : ""}
                      </>
                    )}
                  </>
                }
                slotProps={{ secondary: { component: "div" } }}
              />
            </ListItem>
          ))}
        </List>
      )}
      {pending && canManage && (
        <DecideExtensionForm
          orgSlug={orgSlug}
          requestId={pending.id}
          leadId={lead.id}
          onDone={() => onDone(t("done.decided"))}
        />
      )}
      {pending && !canManage && <Alert severity="info">{t("extensionWaiting")}</Alert>}
      {canWrite && protectedNow && !pending && (
        <Stack
          component="form"
          onSubmit={form.onSubmit}
          noValidate
          spacing={1.5}
          aria-label={t("extensionTitle")}
        >
          <TextField
            type="number"
            label={t("days")}
            required
            fullWidth
            slotProps={{ htmlInput: { min: 1, max: 365, step: 1, inputMode: "numeric" } }}
            {...form.field("days")}
          />
          <TextField label={t("reason")} required multiline minRows={2} fullWidth {...form.field("reason")} />
          <FormFooter
            message={form.message}
            pending={form.pending}
            label={t("requestExtension")}
            saving={t("saving")}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** Approve or deny an extension request, with the comment the spec asks for. */
export function DecideExtensionForm({
  orgSlug,
  requestId,
  leadId,
  onDone,
}: {
  orgSlug: string;
  requestId: string;
  leadId: string;
  onDone?: () => void;
}) {
  const t = useTranslations("leads.forms");
  const queryClient = useQueryClient();
  const form = useActionForm(decideExtensionAction.bind(null, orgSlug, requestId), {
    schema: leadForms.decideExtension,
    onOk: async () => {
      await invalidateLead(queryClient, orgSlug, leadId);
      onDone?.();
    },
  });
  return (
    <Stack component="form" onSubmit={form.onSubmit} noValidate spacing={1.5} aria-label={t("decideTitle")}>
      <TextField label={t("comment")} required multiline minRows={2} fullWidth {...form.field("comment")} />
      {form.field("approve").error && <Alert severity="error">{form.field("approve").helperText}</Alert>}
      <FormMessage message={form.message} />
      <Stack direction="row" spacing={1}>
        <Button
          type="submit"
          name="approve"
          value="true"
          variant="contained"
          color="success"
          disabled={form.pending}
        >
          {t("approve")}
        </Button>
        <Button
          type="submit"
          name="approve"
          value="false"
          variant="outlined"
          color="error"
          disabled={form.pending}
        >
          {t("deny")}
        </Button>
      </Stack>
    </Stack>
  );
}
