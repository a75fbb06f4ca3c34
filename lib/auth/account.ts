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

/** A row of app_session_memberships / app_session_account: one per organisation of the user. */
interface MembershipRow {
  org_id: string;
  org_slug: string;
  org_name: string;
  role: TRole;
  user_name: string;
  user_email: string;
  user_locale: "de" | "en";
}

function toAccount(userId: string, rows: MembershipRow[]): Account | null {
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

/**
 * A user as the database sees them now: null when the account is deactivated or belongs to no
 * organisation. For callers that are not a browser session (tokens, the CLI).
 */
export async function loadAccount(userId: string): Promise<Account | null> {
  const rows = await withoutOrg(
    (tx) => tx.$queryRaw<MembershipRow[]>`SELECT * FROM app_session_memberships(${userId}::uuid)`,
  );
  return toAccount(userId, rows);
}

/**
 * The signed-in user of a browser session, read on every request in one query: null when the
 * session has ended (signed out, signed out everywhere, new password), has expired, or the account
 * is deactivated or belongs to no organisation — so each of these takes effect at once.
 */
export async function loadSessionAccount(userId: string, sessionId: string): Promise<Account | null> {
  const rows = await withoutOrg(
    (tx) => tx.$queryRaw<MembershipRow[]>`
      SELECT * FROM app_session_account(${userId}::uuid, ${sessionId}::uuid)`,
  );
  return toAccount(userId, rows);
}
