import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import type { SuggestionView } from "@/lib/integrations/mail/suggestions";

import { SuggestionList } from "./SuggestionList";

/** The lead page's "Suggestions" block: mail from the lead's contact, to confirm or dismiss. */
export async function LeadSuggestions({
  orgSlug,
  suggestions,
}: {
  orgSlug: string;
  suggestions: SuggestionView[];
}) {
  const t = await getTranslations("integrations.inbox");
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="lead-suggestions"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Typography variant="h6" component="h2" id="lead-suggestions" gutterBottom>
        {t("leadTitle")}
      </Typography>
      <SuggestionList orgSlug={orgSlug} suggestions={suggestions} showLead={false} />
    </Paper>
  );
}
