"use client";

import CheckCircleOutlined from "@mui/icons-material/CheckCircleOutlined";
import ErrorOutlined from "@mui/icons-material/ErrorOutlined";
import NetworkCheckOutlined from "@mui/icons-material/NetworkCheckOutlined";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { setConnectionEnabledAction, testConnectionAction } from "@/lib/integrations/actions";

/** Enable or disable a connection, and "Test connection" with what answered, part by part. */
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
            <AlertTitle>{t(test.data.ok ? "testOk" : "testFailed", { ms: test.data.durationMs })}</AlertTitle>
            <List dense disablePadding>
              {test.data.parts.map((part) => (
                <ListItem key={part.part} disableGutters sx={{ alignItems: "flex-start", gap: 1 }}>
                  {part.ok ? (
                    <CheckCircleOutlined fontSize="small" color="success" aria-hidden />
                  ) : (
                    <ErrorOutlined fontSize="small" color="error" aria-hidden />
                  )}
                  <ListItemText
                    sx={{ my: 0 }}
                    primary={t(`testPart.${part.part}`)}
                    secondary={
                      part.ok
                        ? t(`testPart.${part.part}Ok`, {
                            target: part.target,
                            user: part.detail.user ?? "",
                            mailbox: part.detail.mailbox ?? "",
                            messages: part.detail.messages ?? 0,
                            products: part.detail.products ?? 0,
                            minutes: part.detail.minutes ?? 0,
                            ms: part.durationMs,
                          })
                        : t("testPart.failed", {
                            target: part.target,
                            ms: part.durationMs,
                            message: part.message,
                          })
                    }
                  />
                </ListItem>
              ))}
            </List>
          </Alert>
        )}
        {test.status === "error" && <Alert severity="error">{test.message}</Alert>}
        {toggle.status === "error" && <Alert severity="error">{toggle.message}</Alert>}
      </div>
    </Stack>
  );
}
