import LockOutlined from "@mui/icons-material/LockOutlined";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

import { EmptyState } from "@/components/ui/EmptyState";
import { can, type Action } from "@/lib/auth/policy";
import type { OrgSession } from "@/lib/auth/session";

/**
 * An area only some members may use (`action` on the organisation's `resource` type). The others
 * see a plain "no access" message rather than a 404: the area is in the navigation or a shared link,
 * and they already know the organisation exists, so saying why is more useful than pretending the
 * page is missing. The texts are `forbiddenTitle` and `forbiddenText` ({org}) of `messages`.
 * `children` is a function, so nothing of the area is loaded for a member who may not see it.
 */
export async function AccessGate({
  session: { ctx, org },
  action,
  resource,
  messages,
  children,
}: {
  session: OrgSession;
  action: Action;
  resource: string;
  messages: "audit" | "jobs" | "leads.queue" | "members" | "systemOps";
  children: () => ReactNode | Promise<ReactNode>;
}) {
  if (can(ctx, action, { type: resource, orgId: ctx.orgId })) return <>{await children()}</>;
  const t = await getTranslations(messages);
  return (
    <EmptyState icon={<LockOutlined />} title={t("forbiddenTitle")}>
      {t("forbiddenText", { org: org.name })}
    </EmptyState>
  );
}
