import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { SettingsRegistryPanel } from "@/components/settings/SettingsRegistryPanel";
import { TokensPanel } from "@/components/settings/TokensPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { requireOrgSession } from "@/lib/auth/session";

export default async function SettingsPage({ params }: PageProps<"/[org]/settings">) {
  const { account, org } = await requireOrgSession((await params).org);
  const t = await getTranslations();
  return (
    <AreaPage area="settings">
      <Paper variant="outlined" sx={{ p: 3, mb: 3 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          {t("settings.profile")}
        </Typography>
        <Typography>
          {t("settings.name")}: {account.name}
        </Typography>
        <Typography>
          {t("settings.email")}: {account.email}
        </Typography>
      </Paper>
      <SettingsRegistryPanel orgSlug={org.slug} />
      <TokensPanel orgSlug={org.slug} />
    </AreaPage>
  );
}
