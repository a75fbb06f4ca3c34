import "server-only";

import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import type { MemberContext } from "@/lib/db";
import { env } from "@/lib/env";

import { loadSessionAccount, type Account, type OrgMembership } from "./account";
import { auth } from "./auth";
import { contextRoles } from "./roles";

/** What a page, action or route knows about its caller once the session and org are checked. */
export interface OrgSession {
  account: Account;
  org: OrgMembership;
  ctx: MemberContext;
}

/** The session cookie's user and session, as signed (not yet checked against the database). */
export const currentSession = cache(async (): Promise<{ userId: string; sessionId: string } | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return userId && sessionId ? { userId, sessionId } : null;
});

/** The signed-in, active account of this request, or null once its session ended. Cached for the request. */
export const currentAccount = cache(async (): Promise<Account | null> => {
  const session = await currentSession();
  return session ? loadSessionAccount(session.userId, session.sessionId) : null;
});

/** For pages: the account, or a redirect to the sign-in page. */
export async function requireAccount(): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect("/login");
  return account;
}

export function orgSessionFor(account: Account, slug: string): OrgSession | null {
  const org = account.memberships.find((m) => m.slug === slug);
  if (!org) return null;
  const roles = contextRoles(org.slug, org.role, env().PLATFORM_ORG_SLUG);
  return { account, org, ctx: { orgId: org.orgId, userId: account.id, roles } };
}

/**
 * For pages under /[org]: the caller's session in that organisation. Not signed in → sign-in page;
 * not a member (or no such organisation) → 404, so other organisations' slugs cannot be probed.
 */
export async function requireOrgSession(slug: string): Promise<OrgSession> {
  const session = orgSessionFor(await requireAccount(), slug);
  if (!session) notFound();
  return session;
}
