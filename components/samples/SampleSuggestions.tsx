"use client";

import AutoAwesomeOutlined from "@mui/icons-material/AutoAwesomeOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { suggestSamplesAction } from "@/lib/samples/actions";
import type { SampleSuggestions as TSampleSuggestions } from "@/lib/samples/match";

import { useSampleAction } from "./sampleQueries";

/**
 * The configurator's AI suggestions (sample.match through the AI router), on request since they
 * cost money: products of the catalogue with the reason for each, to add with one click. Without AI
 * configured, or with the budget spent, the router's refusal is shown instead.
 */
export function SampleSuggestions({
  orgSlug,
  leadId,
  picked,
  onAdd,
}: {
  orgSlug: string;
  leadId: string;
  picked: readonly string[];
  onAdd: (sku: string) => void;
}) {
  const t = useTranslations("samples.admin.suggest");
  const [answer, setAnswer] = useState<TSampleSuggestions | null>(null);
  const action = useSampleAction<TSampleSuggestions>(setAnswer);
  return (
    <Box aria-busy={action.pending}>
      <Button
        size="small"
        startIcon={<AutoAwesomeOutlined />}
        disabled={action.pending}
        onClick={() => action.run(() => suggestSamplesAction(orgSlug, leadId))}
      >
        {action.pending ? t("working") : t("ask")}
      </Button>
      <Box role="status" aria-live="polite">
        {action.message && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {action.message}
          </Alert>
        )}
        {answer && (
          <Stack spacing={1} sx={{ mt: 1 }}>
            {answer.items.length === 0 && <Typography variant="body2">{t("none")}</Typography>}
            {answer.items.map((item) => (
              <Stack key={item.sku} direction="row" spacing={1} sx={{ alignItems: "center" }}>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {item.name}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {item.reason}
                  </Typography>
                </Box>
                <Button
                  size="small"
                  variant="outlined"
                  disabled={picked.includes(item.sku)}
                  onClick={() => onAdd(item.sku)}
                  aria-label={t("addNamed", { name: item.name })}
                >
                  {t("add")}
                </Button>
              </Stack>
            ))}
            {answer.note && (
              <Typography variant="body2" color="text.secondary">
                {answer.note}
              </Typography>
            )}
            <Typography variant="caption" color="text.secondary">
              {t("meta", { model: answer.model, provider: answer.provider })}
            </Typography>
          </Stack>
        )}
      </Box>
    </Box>
  );
}
