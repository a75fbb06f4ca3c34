"use client";

import ReplayOutlined from "@mui/icons-material/ReplayOutlined";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { replayWebhookAction } from "@/lib/integrations/actions";

/** "Replay" on a failed webhook event: processed again at once; says how it ended. */
export function ReplayButton({ orgSlug, id, eventId }: { orgSlug: string; id: string; eventId: string }) {
  const t = useTranslations("integrationsMonitor.webhooks");
  const [state, action, pending] = useActionState(replayWebhookAction.bind(null, orgSlug), {
    status: "idle",
  });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        size="small"
        startIcon={<ReplayOutlined />}
        disabled={pending}
        aria-label={t("replayLabel", { event: eventId })}
      >
        {t("replay")}
      </Button>
      <span aria-live="polite">
        {state.status === "error" && (
          <Typography variant="caption" color="error" component="div">
            {state.message}
          </Typography>
        )}
        {state.status === "ok" && state.data.status === "FAILED" && (
          <Typography variant="caption" color="error" component="div">
            {t("replayed.FAILED")}
          </Typography>
        )}
      </span>
    </form>
  );
}
