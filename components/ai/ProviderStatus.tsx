import CheckCircleOutlined from "@mui/icons-material/CheckCircleOutlined";
import RemoveCircleOutlineOutlined from "@mui/icons-material/RemoveCircleOutlineOutlined";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";

import type { AiProviderStatus } from "@/lib/ai/service";

const PROVIDERS = ["openai", "anthropic"] as const;

/**
 * Which providers have a key, in words. With neither, a plain alert: overseers learn what to set,
 * everyone else that AI is unavailable for now.
 */
export function ProviderStatus({ status, overseer }: { status: AiProviderStatus; overseer: boolean }) {
  const t = useTranslations("ai.providers");
  const none = !status.openai && !status.anthropic;
  return (
    <Stack spacing={1.5}>
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: "wrap", alignItems: "center" }}
        role="group"
        aria-labelledby="ai-providers-heading"
      >
        <Typography id="ai-providers-heading" variant="subtitle2" component="h2" sx={{ mr: 1 }}>
          {t("title")}
        </Typography>
        {PROVIDERS.map((provider) => (
          <Chip
            key={provider}
            data-testid={`provider-${provider}`}
            size="small"
            variant={status[provider] ? "filled" : "outlined"}
            color={status[provider] ? "success" : "default"}
            icon={status[provider] ? <CheckCircleOutlined /> : <RemoveCircleOutlineOutlined />}
            label={t("status", {
              provider: t(provider),
              state: status[provider] ? t("configured") : t("notConfigured"),
            })}
          />
        ))}
      </Stack>
      {none && (
        <Alert severity="info">
          <AlertTitle>{t("noneTitle")}</AlertTitle>
          {overseer ? t("noneText") : t("noneMember")}
        </Alert>
      )}
    </Stack>
  );
}
