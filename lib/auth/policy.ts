import { AppError } from "@/lib/http/errors";

import type { TRole } from "./roles";

/**
 * Attribute-based access control: one decision function and the rules it applies, in one place.
 * The service layer asks before it touches data; row-level security in PostgreSQL is the second
 * wall. Anything not explicitly allowed is denied: unknown roles, unknown actions, other orgs.
 */

export interface Subject {
  userId: string | null;
  orgId: string;
  roles: readonly string[];
  attributes?: { territory?: string };
}

export interface Resource {
  type: string;
  orgId: string;
  attributes?: { ownerId?: string | null; collaboratorIds?: readonly string[]; status?: string };
}

type Rule = (subject: Subject, resource: Resource) => boolean;

const hasRole =
  (...roles: (TRole | "platform_admin" | "system")[]): Rule =>
  (subject) =>
    roles.some((role) => subject.roles.includes(role));

const isSelf: Rule = (subject, resource) =>
  subject.userId !== null && resource.attributes?.ownerId === subject.userId;

const anyOf =
  (...rules: Rule[]): Rule =>
  (subject, resource) =>
    rules.some((rule) => rule(subject, resource));

/** Every action the product knows, and who may do it. Extend here, with a row in policy.test.ts. */
export const POLICIES = {
  "org.read": hasRole("admin", "manager", "sales", "auditor"),
  "member.manage": hasRole("admin"),
  "token.manage": isSelf,
  "audit.read": hasRole("admin", "auditor"),
  "audit.export": hasRole("admin", "auditor"),
  "settings.read": hasRole("admin", "manager", "sales", "auditor"),
  "settings.org.write": hasRole("admin"),
  "settings.global.write": hasRole("platform_admin"),
  "settings.user.write": isSelf,
  "job.read": hasRole("admin", "auditor"),
  "job.run": anyOf(hasRole("admin"), hasRole("system")),
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICIES;

export function isAction(value: string): value is Action {
  return Object.hasOwn(POLICIES, value);
}

export function can(subject: Subject, action: string, resource: Resource): boolean {
  if (!subject.orgId || subject.orgId !== resource.orgId) return false;
  if (!isAction(action)) return false;
  return POLICIES[action](subject, resource);
}

/** `can`, or throw the error the caller should see: another org's resource is "not found". */
export function authorize(subject: Subject, action: Action, resource: Resource): void {
  if (subject.orgId !== resource.orgId) throw new AppError("not_found", "Not found.");
  if (!can(subject, action, resource)) throw new AppError("forbidden", `You may not ${action}.`);
}
