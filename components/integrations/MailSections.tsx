import CircularProgress from "@mui/material/CircularProgress";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";

import type { SuggestionView } from "@/lib/integrations/mail/suggestions";
import type { ConnectionView } from "@/lib/integrations/service";

import { KasAccounts, type KasAccountsResult } from "./KasAccounts";
import { SuggestionList } from "./SuggestionList";

/**
 * The Integrations area's all-inkl sections beyond sending: the inbox suggestions, and the domain's
 * mail accounts over KAS (loaded while the page streams: KAS asks for pauses between calls).
 */
export async function MailSections({
  orgSlug,
  connections,
  suggestions,
  kas,
}: {
  orgSlug: string;
  connections: ConnectionView[];
  suggestions: SuggestionView[];
  kas: Promise<KasAccountsResult>;
}) {
  const t = await getTranslations("integrations");
  const reading = connections.some((c) => c.provider === "ALLINKL_MAIL" && c.enabled && c.settings.imapHost);
  return (
    <>
      <Paper variant="outlined" component="section" aria-labelledby="integrations-inbox" sx={{ p: 3 }}>
        <Typography variant="h6" component="h3" id="integrations-inbox" gutterBottom>
          {t("inbox.title")}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {reading ? t("inbox.intro") : t("inbox.notConfigured")}
        </Typography>
        {suggestions.length === 0 ? (
          <Typography color="text.secondary">{t("inbox.empty")}</Typography>
        ) : (
          <SuggestionList orgSlug={orgSlug} suggestions={suggestions} showLead />
        )}
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="integrations-kas" sx={{ p: 3 }}>
        <Typography variant="h6" component="h3" id="integrations-kas" gutterBottom>
          {t("kas.title")}
        </Typography>
        <Suspense fallback={<CircularProgress size={24} aria-label={t("kas.title")} />}>
          <KasAccounts orgSlug={orgSlug} result={kas} />
        </Suspense>
      </Paper>
    </>
  );
}
