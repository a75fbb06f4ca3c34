"use client";

import NetworkCheckOutlined from "@mui/icons-material/NetworkCheckOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { setConnectionEnabledAction, testConnectionAction } from "@/lib/integrations/actions";

/** Enable or disable a connection, and "Test connection" with what answered. */
export function ConnectionActions({
  orgSlug,
  id,
  name,
  enabled,
}: {
  orgSlug: string;
  id: string;
  name: string;
  enabled: boolean;
}) {
  const t = useTranslations("integrations");
  const [toggle, toggleAction, toggling] = useActionState(setConnectionEnabledAction.bind(null, orgSlug), {
    status: "idle",
  });
  const [test, testAction, testing] = useActionState(testConnectionAction.bind(null, orgSlug), {
    status: "idle",
  });
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap" }}>
        <form action={testAction}>
          <input type="hidden" name="id" value={id} />
          <Button
            type="submit"
            size="small"
            variant="outlined"
            startIcon={<NetworkCheckOutlined />}
            disabled={testing}
            aria-label={`${t("test")}: ${name}`}
          >
            {testing ? t("testing") : t("test")}
          </Button>
        </form>
        <form action={toggleAction}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
          <Button
            type="submit"
            size="small"
            disabled={toggling}
            aria-label={`${enabled ? t("disable") : t("enable")}: ${name}`}
          >
            {enabled ? t("disable") : t("enable")}
          </Button>
        </form>
      </Stack>
      <div aria-live="polite">
        {test.status === "ok" && (
          <Alert severity={test.data.ok ? "success" : "error"}>
            {t(test.data.ok ? "testOk" : "testFailed", {
              ms: test.data.durationMs,
              message: test.data.message,
            })}
          </Alert>
        )}
        {test.status === "error" && <Alert severity="error">{test.message}</Alert>}
        {toggle.status === "error" && <Alert severity="error">{toggle.message}</Alert>}
      </div>
    </Stack>
  );
}
