"use client";

import CheckOutlined from "@mui/icons-material/CheckOutlined";
import CloseOutlined from "@mui/icons-material/CloseOutlined";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";

import { invalidateLead } from "@/components/leads/leadQueries";
import { decideSuggestionAction } from "@/lib/integrations/mail/actions";
import type { SuggestionView } from "@/lib/integrations/mail/suggestions";

const STATUS_COLOUR = { PENDING: "info", CONFIRMED: "success", DISMISSED: "default" } as const;

/** Confirm or dismiss one suggestion; the lead's page and lists are refreshed after a decision. */
function Decide({ orgSlug, suggestion }: { orgSlug: string; suggestion: SuggestionView }) {
  const t = useTranslations("integrations.inbox");
  const queryClient = useQueryClient();
  const [state, action, pending] = useActionState(
    async (previous: Parameters<typeof decideSuggestionAction>[1], form: FormData) => {
      const next = await decideSuggestionAction(orgSlug, previous, form);
      if (next.status === "ok") await invalidateLead(queryClient, orgSlug, suggestion.leadId);
      return next;
    },
    { status: "idle" },
  );
  const subject = suggestion.subject || suggestion.fromAddress;
  return (
    <form action={action}>
      <input type="hidden" name="id" value={suggestion.id} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap" }}>
        <Button
          type="submit"
          name="decision"
          value="confirm"
          size="small"
          variant="contained"
          startIcon={<CheckOutlined />}
          disabled={pending}
          aria-label={t("confirmLabel", { subject })}
        >
          {t("confirm")}
        </Button>
        <Button
          type="submit"
          name="decision"
          value="dismiss"
          size="small"
          startIcon={<CloseOutlined />}
          disabled={pending}
          aria-label={t("dismissLabel", { subject })}
        >
          {t("dismiss")}
        </Button>
      </Stack>
      <span aria-live="polite">
        {state.status === "error" && (
          <Typography variant="caption" color="error" component="div">
            {state.message || Object.values(state.fieldErrors).join(" ")}
          </Typography>
        )}
      </span>
    </form>
  );
}

/**
 * Inbox suggestions as a list of cards (readable on a phone): when and from whom, the subject and
 * an excerpt, the proposed activity (and the AI's summary), and Confirm / Dismiss while open.
 * `showLead` names and links the lead (the Integrations area); the lead page leaves it out.
 */
export function SuggestionList({
  orgSlug,
  suggestions,
  showLead,
}: {
  orgSlug: string;
  suggestions: SuggestionView[];
  showLead: boolean;
}) {
  const t = useTranslations("integrations.inbox");
  const kinds = useTranslations("leads.timeline.kinds");
  const format = useFormatter();
  return (
    <Stack component="ul" spacing={1.5} sx={{ listStyle: "none", m: 0, p: 0 }}>
      {suggestions.map((s) => (
        <Stack
          component="li"
          key={s.id}
          spacing={0.5}
          sx={{ border: 1, borderColor: "divider", borderRadius: 1, p: 1.5 }}
        >
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", alignItems: "center" }}>
            <Chip
              size="small"
              color={STATUS_COLOUR[s.status as keyof typeof STATUS_COLOUR] ?? "default"}
              label={t(`status.${s.status}` as "status.PENDING")}
            />
            <Typography variant="body2" color="text.secondary">
              {format.dateTime(new Date(s.receivedAt), { dateStyle: "medium", timeStyle: "short" })}
            </Typography>
            {showLead && (
              <Typography variant="body2" component={Link} href={`/${orgSlug}/leads/${s.leadId}`}>
                {s.companyName}
              </Typography>
            )}
          </Stack>
          <Typography variant="body2" sx={{ wordBreak: "break-word" }}>
            {s.fromName ? `${s.fromName} <${s.fromAddress}>` : s.fromAddress} ·{" "}
            {t(`matchedBy.${s.matchedBy}` as "matchedBy.address")}
          </Typography>
          <Typography variant="subtitle2" component="p" sx={{ wordBreak: "break-word" }}>
            {s.subject || "—"}
          </Typography>
          {s.excerpt && (
            <Typography variant="body2" color="text.secondary" sx={{ wordBreak: "break-word" }}>
              {s.excerpt}
            </Typography>
          )}
          <Typography variant="body2">
            {t("columnProposal")}: {kinds(s.proposedKind as "CUSTOMER_REACTION")}
            {s.proposedSummary ? ` · ${t("ai", { summary: s.proposedSummary })}` : ""}
          </Typography>
          {s.status === "PENDING" && <Decide orgSlug={orgSlug} suggestion={s} />}
        </Stack>
      ))}
    </Stack>
  );
}
