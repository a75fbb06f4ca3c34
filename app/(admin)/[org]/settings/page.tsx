import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { getTranslations } from "next-intl/server";

import { SessionsPanel } from "@/components/settings/SessionsPanel";
import { SettingsRegistryPanel } from "@/components/settings/SettingsRegistryPanel";
import { TokensPanel } from "@/components/settings/TokensPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { currentSession, requireOrgSession } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/auth/sessions";

export default async function SettingsPage({ params }: PageProps<"/[org]/settings">) {
  const session = await requireOrgSession((await params).org);
  const { account, org } = session;
  const t = await getTranslations();
  const sessions = await listOwnSessions(session.ctx, (await currentSession())?.sessionId);
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
      <SessionsPanel orgSlug={org.slug} sessions={sessions} />
      <SettingsRegistryPanel orgSlug={org.slug} />
      <TokensPanel orgSlug={org.slug} />
    </AreaPage>
  );
}
