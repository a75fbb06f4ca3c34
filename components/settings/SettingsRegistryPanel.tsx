import { requireOrgSession } from "@/lib/auth/session";
import { listSettings } from "@/lib/settings/service";

import { SettingsRegistryView } from "./SettingsRegistryView";

/**
 * The settings registry on the settings page: every key with its effective value and source, and
 * forms for the scopes the caller may change (admins: org, platform admins: global, everyone: their
 * own values). Rendered on the server with the first data; the view keeps it fresh with a query.
 */
export async function SettingsRegistryPanel({ orgSlug }: { orgSlug: string }) {
  const { ctx } = await requireOrgSession(orgSlug);
  const rows = await listSettings(ctx);
  return <SettingsRegistryView orgSlug={orgSlug} initialRows={rows} />;
}
