import { AccountPanel } from "@/components/members/AccountPanel";
import { SessionsPanel } from "@/components/settings/SessionsPanel";
import { SettingsRegistryPanel } from "@/components/settings/SettingsRegistryPanel";
import { TokensPanel } from "@/components/settings/TokensPanel";
import { AreaPage } from "@/components/shell/AreaPage";
import { currentSession, requireOrgSession } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/auth/sessions";

export default async function SettingsPage({ params }: PageProps<"/[org]/settings">) {
  const session = await requireOrgSession((await params).org);
  const { account, org } = session;
  const sessions = await listOwnSessions(session.ctx, (await currentSession())?.sessionId);
  return (
    <AreaPage area="settings">
      <AccountPanel
        orgSlug={org.slug}
        account={{ name: account.name, email: account.email, locale: account.locale }}
      />
      <SessionsPanel orgSlug={org.slug} sessions={sessions} />
      <SettingsRegistryPanel orgSlug={org.slug} />
      <TokensPanel orgSlug={org.slug} />
    </AreaPage>
  );
}
