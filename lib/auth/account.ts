import "server-only";

import { withoutOrg } from "@/lib/db";

import type { TRole } from "./roles";

export interface OrgMembership {
  orgId: string;
  slug: string;
  name: string;
  role: TRole;
}

export interface Account {
  id: string;
  name: string;
  email: string;
  locale: "de" | "en";
  memberships: OrgMembership[];
}

/**
 * The signed-in user as the database sees them now: null when the account is deactivated or
 * belongs to no organisation. Read on every request, so a deactivation takes effect at once.
 */
export async function loadAccount(userId: string): Promise<Account | null> {
  const rows = await withoutOrg(
    (tx) =>
      tx.$queryRaw<
        {
          org_id: string;
          org_slug: string;
          org_name: string;
          role: TRole;
          user_name: string;
          user_email: string;
          user_locale: "de" | "en";
        }[]
      >`SELECT * FROM app_session_memberships(${userId}::uuid)`,
  );
  if (rows.length === 0) return null;
  const [first] = rows;
  return {
    id: userId,
    name: first.user_name,
    email: first.user_email,
    locale: first.user_locale,
    memberships: rows.map((r) => ({ orgId: r.org_id, slug: r.org_slug, name: r.org_name, role: r.role })),
  };
}
