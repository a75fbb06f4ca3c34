import type { DbContext } from "./index";

/**
 * The one vocabulary for who is working, shared by every domain (a domain does not name its own):
 * - `DbContext`: any context a transaction can run in (lib/db/index.ts);
 * - `OrgContext`: work inside one organisation — a member, a token or a job acting in it;
 * - `MemberContext`: a signed-in user (or their token) acting in one of their organisations;
 * - `systemContext(name)`: the app's own work across organisations (jobs, the CLI): no
 *   organisation, no user, the role `system` that the cross-organisation policies ask for.
 * Access rules take these contexts directly: `authorize(ctx, action, resource)`.
 */
export type OrgContext = DbContext & { orgId: string };

export type MemberContext = DbContext & { orgId: string; userId: string };

export function systemContext(
  name: string,
  actor: DbContext["actor"] = { type: "system", id: `job:${name}` },
): DbContext {
  return { orgId: null, userId: null, roles: ["system"], actor };
}
