import Stack from "@mui/material/Stack";

import { can } from "@/lib/auth/policy";
import type { OrgSession } from "@/lib/auth/session";
import { DEFAULT_PERIOD_DAYS } from "@/lib/ai/schemas";
import { aiProviderStatus, getAiBudget, getAiDashboard, getAiPrices } from "@/lib/ai/service";

import { AiDashboard } from "./AiDashboard";
import { OwnBudget } from "./OwnBudget";
import { PriceTable } from "./PriceTable";
import { ProviderStatus } from "./ProviderStatus";

/**
 * The AI area. Overseers (ai.dashboard.view: admins, managers, auditors) get the dashboard and
 * the price table, which platform admins may edit (ai.prices.edit); every other member sees their
 * own budget and who the dashboard is for. Everyone learns whether a provider is configured.
 */
export async function AiPanel({ session }: { session: OrgSession }) {
  const { ctx, org } = session;
  const resource = { type: "ai", orgId: ctx.orgId };
  const overseer = can(ctx, "ai.dashboard.view", resource);
  const providers = aiProviderStatus();

  if (!overseer) {
    return (
      <Stack spacing={3}>
        <ProviderStatus status={providers} overseer={false} />
        <OwnBudget orgSlug={org.slug} status={await getAiBudget(ctx)} />
      </Stack>
    );
  }

  const [dashboard, prices] = await Promise.all([getAiDashboard(ctx, DEFAULT_PERIOD_DAYS), getAiPrices(ctx)]);
  return (
    <Stack spacing={3}>
      <ProviderStatus status={providers} overseer />
      <AiDashboard orgSlug={org.slug} initial={dashboard} />
      <PriceTable
        orgSlug={org.slug}
        initialPrices={prices}
        canEdit={can(ctx, "ai.prices.edit", { type: "ai_model_price", orgId: ctx.orgId })}
      />
    </Stack>
  );
}
