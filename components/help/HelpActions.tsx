import AddOutlined from "@mui/icons-material/AddOutlined";
import Stack from "@mui/material/Stack";
import { getTranslations } from "next-intl/server";

import { ButtonLink } from "@/components/ui/links";
import type { OrgSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";

/** The Help area's buttons beside its heading, for editors: the A/B tests and a new article. */
export async function HelpActions({ session }: { session: OrgSession }) {
  if (!can(session.ctx, "help.edit", { type: "help_article", orgId: session.ctx.orgId })) return null;
  const t = await getTranslations("help");
  return (
    <Stack direction="row" spacing={1}>
      <ButtonLink href={`/${session.org.slug}/help/experiments`} variant="outlined">
        {t("experiments.open")}
      </ButtonLink>
      <ButtonLink href={`/${session.org.slug}/help/new`} variant="contained" startIcon={<AddOutlined />}>
        {t("newArticle")}
      </ButtonLink>
    </Stack>
  );
}
