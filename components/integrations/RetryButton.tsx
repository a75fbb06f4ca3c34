"use client";

import ReplayOutlined from "@mui/icons-material/ReplayOutlined";
import Button from "@mui/material/Button";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { retryOutboxAction } from "@/lib/integrations/actions";

/** "Retry" on a failed e-mail: back in the queue; the next outbox-deliver run sends it. */
export function RetryButton({ orgSlug, id }: { orgSlug: string; id: string }) {
  const t = useTranslations("integrations");
  const [state, action, pending] = useActionState(retryOutboxAction.bind(null, orgSlug), { status: "idle" });
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" size="small" startIcon={<ReplayOutlined />} disabled={pending}>
        {t("retry")}
      </Button>
      <span aria-live="polite">
        {state.status === "error" && (
          <Typography variant="caption" color="error">
            {state.message}
          </Typography>
        )}
      </span>
    </form>
  );
}
