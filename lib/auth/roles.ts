import { z } from "zod";

/** Roles a member can hold in an organisation. `sales` is a sales partner. */
export const ROLES = ["admin", "manager", "sales", "auditor"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/**
 * The roles a transaction runs with for a member: their org role, plus `platform_admin` for the
 * admins of the operator's organisation (PLATFORM_ORG_SLUG), who may change global settings.
 */
export function contextRoles(orgSlug: string, role: TRole, platformOrgSlug: string | undefined): string[] {
  return role === "admin" && platformOrgSlug !== undefined && orgSlug === platformOrgSlug
    ? [role, "platform_admin"]
    : [role];
}
