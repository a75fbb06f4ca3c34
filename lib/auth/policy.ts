import type { OrgContext } from "@/lib/db";
import { AppError } from "@/lib/errors";

import type { TRole } from "./roles";

/**
 * Attribute-based access control: one decision function and the rules it applies, in one place.
 * The service layer asks before it touches data; row-level security in PostgreSQL is the second
 * wall. Anything not explicitly allowed is denied: unknown roles, unknown actions, other orgs.
 */

/**
 * Who asks: the context the work runs in (`OrgContext`, `MemberContext`, lib/db), taken as it is,
 * never a subject rebuilt by hand: its user, organisation and roles are what the rules read.
 */
export type Subject = Pick<OrgContext, "userId" | "orgId" | "roles"> & {
  attributes?: { territory?: string };
};

export interface Resource {
  type: string;
  orgId: string;
  attributes?: {
    ownerId?: string | null;
    /** For leads: the collaborators and their roles (VIEW, ASSIST, NEGOTIATE). */
    collaborators?: readonly { userId: string; role: string }[];
    /** For leads: the protection status (ACTIVE, GRACE, EXPIRED), or none when unassigned. */
    status?: string;
  };
}

type Rule = (subject: Subject, resource: Resource) => boolean;

const hasRole =
  (...roles: (TRole | "platform_admin" | "system")[]): Rule =>
  (subject) =>
    roles.some((role) => subject.roles.includes(role));

const isSelf: Rule = (subject, resource) =>
  subject.userId !== null && resource.attributes?.ownerId === subject.userId;

/** The owner of a lead whose protection still runs (spec, "Access": ACTIVE or GRACE). */
const isProtectedOwner: Rule = (subject, resource) =>
  isSelf(subject, resource) &&
  (resource.attributes?.status === "ACTIVE" || resource.attributes?.status === "GRACE");

/** A collaborator with one of the roles. Collaborators are sales partners (spec, "Collaboration"). */
const isCollaborator =
  (...roles: string[]): Rule =>
  (subject, resource) =>
    subject.roles.includes("sales") &&
    (resource.attributes?.collaborators ?? []).some(
      (c) => c.userId === subject.userId && roles.includes(c.role),
    );

const anyOf =
  (...rules: Rule[]): Rule =>
  (subject, resource) =>
    rules.some((rule) => rule(subject, resource));

/** Auditors read; they never write, whatever else they are (an owner, a collaborator). */
const neverAuditors =
  (rule: Rule): Rule =>
  (subject, resource) =>
    !subject.roles.includes("auditor") && rule(subject, resource);

/** Every action the product knows, and who may do it. Extend here, with a row in policy.test.ts. */
export const POLICIES = {
  "org.read": hasRole("admin", "manager", "sales", "auditor"),
  // Members (issue 16): admins see who belongs to the organisation and manage them.
  "member.read": hasRole("admin"),
  "member.manage": hasRole("admin"),
  "token.manage": isSelf,
  "audit.read": hasRole("admin", "auditor"),
  "audit.export": hasRole("admin", "auditor"),
  "settings.read": hasRole("admin", "manager", "sales", "auditor"),
  "settings.org.write": hasRole("admin"),
  "settings.global.write": hasRole("platform_admin"),
  "settings.user.write": isSelf,
  "job.read": hasRole("admin", "auditor"),
  // The System area's KPIs and logs of every organisation at once: the operator's admins only.
  "system.all_orgs.read": hasRole("platform_admin"),
  // Jobs work across every organisation: starting one is for the operator's admins.
  "job.run": hasRole("platform_admin", "system"),
  // Leads (spec, "Access" and "Collaboration"): managers and admins act on every lead of the org;
  // a partner on the leads they own while protected; collaborators by their role.
  "lead.create": hasRole("admin", "manager", "sales"),
  "lead.read": anyOf(
    hasRole("admin", "manager", "auditor"),
    isProtectedOwner,
    isCollaborator("VIEW", "ASSIST", "NEGOTIATE"),
  ),
  "lead.write": neverAuditors(anyOf(hasRole("admin", "manager"), isProtectedOwner)),
  "lead.activity.log": neverAuditors(
    anyOf(hasRole("admin", "manager"), isProtectedOwner, isCollaborator("ASSIST", "NEGOTIATE")),
  ),
  "lead.manage": hasRole("admin", "manager"),
  // Erasing a contact person on request (GDPR Art. 17) is the data controller's act: admins only.
  "lead.erase": hasRole("admin"),
  // Samples (issue 11): the catalogue is read by every member and kept by admins; a lead's samples
  // are read as the lead is, and configured (boxes, test phases, results, feedback links) by who may
  // write the lead or a NEGOTIATE collaborator (spec, "Collaboration").
  "product.read": hasRole("admin", "manager", "sales", "auditor"),
  "product.manage": hasRole("admin"),
  "sample.read": anyOf(
    hasRole("admin", "manager", "auditor"),
    isProtectedOwner,
    isCollaborator("VIEW", "ASSIST", "NEGOTIATE"),
  ),
  "sample.configure": neverAuditors(
    anyOf(hasRole("admin", "manager"), isProtectedOwner, isCollaborator("NEGOTIATE")),
  ),
  // AI router: members who do the sales work (and jobs) spend the organisation's AI budget; those
  // who oversee it see the dashboard; prices are installation-wide, so the operator's admins set them.
  "ai.use": hasRole("admin", "manager", "sales", "system"),
  "ai.dashboard.view": hasRole("admin", "manager", "auditor"),
  "ai.prices.edit": hasRole("platform_admin"),
  // Integrations: connections hold the organisation's vendor credentials; only its admins manage them.
  "integration.manage": hasRole("admin"),
  // Credit checks (Allianz Trade, issue 13): a customer's creditworthiness is for managers and admins.
  // By role only: lib/credit/service.ts then reads the lead under RLS alone (they may read every lead).
  "credit.check": hasRole("admin", "manager"),
  // Help (issue 14): every member reads the enduser space; the salesops space (internal playbooks)
  // is for managers and admins, who also write, review and publish (four eyes, in the service).
  "help.read": hasRole("admin", "manager", "sales", "auditor", "system"),
  "help.readSalesops": hasRole("admin", "manager", "system"),
  "help.edit": hasRole("admin", "manager"),
  "help.publish": hasRole("admin", "manager"),
  // System tools (issue 15): the installation's health, backups and alerts are the operator's.
  // A backup holds every organisation's data, so only the operator's admins see or take one.
  "system.health.read": hasRole("platform_admin"),
  "backup.read": hasRole("platform_admin"),
  "backup.run": hasRole("platform_admin"),
  "backup.download": hasRole("platform_admin"),
  "alert.read": hasRole("platform_admin"),
  "alert.manage": hasRole("platform_admin"),
  // A/B tests of articles: editors create, start, stop and read the results; the stop job (system)
  // stops decided ones. Readers only ever see the version they are assigned.
  "help.experiment": hasRole("admin", "manager", "system"),
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICIES;

export function isAction(value: string): value is Action {
  return Object.hasOwn(POLICIES, value);
}

export function can(ctx: Subject, action: string, resource: Resource): boolean {
  if (!ctx.orgId || ctx.orgId !== resource.orgId) return false;
  if (!isAction(action)) return false;
  return POLICIES[action](ctx, resource);
}

/** `can`, or throw the error the caller should see: another org's resource is "not found". */
export function authorize(ctx: Subject, action: Action, resource: Resource): void {
  if (ctx.orgId !== resource.orgId) throw new AppError("not_found", "Not found.");
  if (!can(ctx, action, resource))
    throw new AppError("forbidden", `You may not ${action}.`, { text: { code: "errors.forbidden" } });
}
