import type { ReactNode } from "react";

import { AppShell } from "@/components/shell/AppShell";
import { requireOrgSession } from "@/lib/auth/session";

export default async function OrgLayout({ children, params }: LayoutProps<"/[org]">) {
  const { account, org } = await requireOrgSession((await params).org);
  return (
    <AppShell
      user={{ name: account.name, email: account.email }}
      org={{ slug: org.slug, name: org.name, role: org.role }}
      orgs={account.memberships.map((m) => ({ slug: m.slug, name: m.name }))}
    >
      {children as ReactNode}
    </AppShell>
  );
}
