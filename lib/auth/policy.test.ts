import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { authorize, can, POLICIES, type Subject } from "./policy";

const ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";
const ME = "00000000-0000-4000-8000-000000000001";
const SOMEONE = "00000000-0000-4000-8000-000000000002";

const subject = (roles: string[], userId: string | null = ME): Subject => ({ userId, orgId: ORG, roles });
const resource = (
  type: string,
  ownerId?: string,
  status = "ACTIVE",
  collaborators: { userId: string; role: string }[] = [],
) => ({
  type,
  orgId: ORG,
  attributes: { ownerId, status, collaborators },
});

// role × action × resource state → decision. Every action in POLICIES has rows here (checked below).
const TABLE: [roles: string[], action: string, ownerId: string | undefined, allowed: boolean][] = [
  [["admin"], "org.read", undefined, true],
  [["sales"], "help.read", undefined, true],
  [["auditor"], "help.read", undefined, true],
  [["intern"], "help.read", undefined, false],
  [["manager"], "help.readSalesops", undefined, true],
  [["sales"], "help.readSalesops", undefined, false],
  [["auditor"], "help.readSalesops", undefined, false],
  [["admin"], "help.edit", undefined, true],
  [["sales"], "help.edit", undefined, false],
  [["auditor"], "help.edit", undefined, false],
  [["manager"], "help.publish", undefined, true],
  [["sales"], "help.publish", undefined, false],
  [["manager"], "help.experiment", undefined, true],
  [["sales"], "help.experiment", undefined, false],
  [["auditor"], "help.experiment", undefined, false],
  [["sales"], "org.read", undefined, true],
  [["auditor"], "org.read", undefined, true],
  [["intern"], "org.read", undefined, false],
  [["admin"], "member.manage", undefined, true],
  [["manager"], "member.manage", undefined, false],
  [["sales"], "member.manage", undefined, false],
  [["auditor"], "member.manage", undefined, false],
  [["admin"], "member.read", undefined, true],
  [["manager"], "member.read", undefined, false],
  [["auditor"], "member.read", undefined, false],
  [["sales"], "token.manage", ME, true],
  [["admin"], "token.manage", SOMEONE, false],
  [["sales"], "token.manage", undefined, false],
  [["admin"], "audit.read", undefined, true],
  [["auditor"], "audit.read", undefined, true],
  [["manager"], "audit.read", undefined, false],
  [["sales"], "audit.read", undefined, false],
  [["auditor"], "audit.export", undefined, true],
  [["manager"], "audit.export", undefined, false],
  [["sales"], "settings.read", undefined, true],
  [["guest"], "settings.read", undefined, false],
  [["admin"], "settings.org.write", undefined, true],
  [["manager"], "settings.org.write", undefined, false],
  [["admin"], "settings.global.write", undefined, false],
  [["admin", "platform_admin"], "settings.global.write", undefined, true],
  [["sales"], "settings.user.write", ME, true],
  [["admin"], "settings.user.write", SOMEONE, false],
  [["admin"], "job.read", undefined, true],
  [["auditor"], "job.read", undefined, true],
  [["sales"], "job.read", undefined, false],
  [["admin", "platform_admin"], "system.all_orgs.read", undefined, true],
  [["admin"], "system.all_orgs.read", undefined, false],
  [["auditor"], "system.all_orgs.read", undefined, false],
  [["admin"], "job.run", undefined, false],
  [["admin", "platform_admin"], "job.run", undefined, true],
  [["system"], "job.run", undefined, true],
  [["auditor"], "job.run", undefined, false],
  [["manager"], "job.run", undefined, false],
  [["sales"], "ai.use", undefined, true],
  [["manager"], "ai.use", undefined, true],
  [["system"], "ai.use", undefined, true],
  [["auditor"], "ai.use", undefined, false],
  [["admin"], "ai.dashboard.view", undefined, true],
  [["auditor"], "ai.dashboard.view", undefined, true],
  [["sales"], "ai.dashboard.view", undefined, false],
  [["admin"], "ai.prices.edit", undefined, false],
  [["admin", "platform_admin"], "ai.prices.edit", undefined, true],
  [["manager"], "ai.prices.edit", undefined, false],
  [["sales"], "product.read", undefined, true],
  [["auditor"], "product.read", undefined, true],
  [["guest"], "product.read", undefined, false],
  [["admin"], "product.manage", undefined, true],
  [["manager"], "product.manage", undefined, false],
  [["sales"], "product.manage", undefined, false],
  [["admin"], "integration.manage", undefined, true],
  [["manager"], "integration.manage", undefined, false],
  [["auditor"], "integration.manage", undefined, false],
  [["sales"], "integration.manage", undefined, false],
  [["admin"], "credit.check", undefined, true],
  [["manager"], "credit.check", undefined, true],
  [["auditor"], "credit.check", undefined, false],
  [["admin", "platform_admin"], "system.health.read", undefined, true],
  [["admin"], "system.health.read", undefined, false],
  [["auditor"], "system.health.read", undefined, false],
  [["sales"], "system.health.read", undefined, false],
  [["admin", "platform_admin"], "backup.read", undefined, true],
  [["admin"], "backup.read", undefined, false],
  [["auditor"], "backup.read", undefined, false],
  [["sales"], "backup.read", undefined, false],
  [["admin", "platform_admin"], "backup.run", undefined, true],
  [["admin"], "backup.run", undefined, false],
  [["auditor"], "backup.run", undefined, false],
  [["sales"], "backup.run", undefined, false],
  [["admin", "platform_admin"], "backup.download", undefined, true],
  [["admin"], "backup.download", undefined, false],
  [["auditor"], "backup.download", undefined, false],
  [["sales"], "backup.download", undefined, false],
  [["admin", "platform_admin"], "alert.read", undefined, true],
  [["admin"], "alert.read", undefined, false],
  [["auditor"], "alert.read", undefined, false],
  [["sales"], "alert.read", undefined, false],
  [["admin", "platform_admin"], "alert.manage", undefined, true],
  [["admin"], "alert.manage", undefined, false],
  [["auditor"], "alert.manage", undefined, false],
  [["sales"], "alert.manage", undefined, false],
  [["sales"], "credit.check", undefined, false],
];

// Leads: role × action × (owner, protection status, the subject's collaborator role).
const LEAD_TABLE: [
  roles: string[],
  action: string,
  owner: string | undefined,
  status: string,
  collaboration: string | null,
  allowed: boolean,
][] = [
  [["sales"], "lead.create", undefined, "ACTIVE", null, true],
  [["auditor"], "lead.create", undefined, "ACTIVE", null, false],
  [["sales"], "lead.read", ME, "ACTIVE", null, true],
  [["sales"], "lead.read", ME, "GRACE", null, true],
  [["sales"], "lead.read", ME, "EXPIRED", null, false],
  [["sales"], "lead.read", SOMEONE, "ACTIVE", null, false],
  [["sales"], "lead.read", SOMEONE, "ACTIVE", "VIEW", true],
  [["auditor"], "lead.read", SOMEONE, "EXPIRED", null, true],
  [["manager"], "lead.read", SOMEONE, "EXPIRED", null, true],
  [["sales"], "lead.write", ME, "GRACE", null, true],
  [["sales"], "lead.write", ME, "EXPIRED", null, false],
  [["sales"], "lead.write", SOMEONE, "ACTIVE", "NEGOTIATE", false],
  [["auditor"], "lead.write", SOMEONE, "ACTIVE", null, false],
  [["manager"], "lead.write", SOMEONE, "EXPIRED", null, true],
  [["sales"], "lead.activity.log", ME, "ACTIVE", null, true],
  [["sales"], "lead.activity.log", ME, "EXPIRED", null, false],
  [["sales"], "lead.activity.log", SOMEONE, "ACTIVE", "ASSIST", true],
  [["sales"], "lead.activity.log", SOMEONE, "ACTIVE", "VIEW", false],
  [["admin"], "lead.activity.log", SOMEONE, "ACTIVE", null, true],
  // Auditors never write, not even as the owner or a collaborator; collaborators are partners.
  [["auditor"], "lead.write", ME, "ACTIVE", null, false],
  [["auditor"], "lead.activity.log", ME, "ACTIVE", null, false],
  [["auditor"], "lead.activity.log", SOMEONE, "ACTIVE", "ASSIST", false],
  [["auditor"], "lead.read", SOMEONE, "ACTIVE", "ASSIST", true],
  [["manager"], "lead.read", SOMEONE, "ACTIVE", "VIEW", true],
  [["manager"], "lead.activity.log", SOMEONE, "ACTIVE", "ASSIST", true],
  [["guest"], "lead.read", SOMEONE, "ACTIVE", "VIEW", false],
  [["guest"], "lead.activity.log", SOMEONE, "ACTIVE", "ASSIST", false],
  [["manager"], "lead.manage", SOMEONE, "ACTIVE", null, true],
  [["sales"], "lead.manage", ME, "ACTIVE", null, false],
  [["auditor"], "lead.manage", SOMEONE, "ACTIVE", null, false],
  [["admin"], "lead.erase", SOMEONE, "ACTIVE", null, true],
  [["manager"], "lead.erase", SOMEONE, "ACTIVE", null, false],
  [["sales"], "lead.erase", ME, "ACTIVE", null, false],
  // Samples: read as the lead; configured by who writes the lead, or a NEGOTIATE collaborator.
  [["sales"], "sample.read", ME, "ACTIVE", null, true],
  [["sales"], "sample.read", ME, "EXPIRED", null, false],
  [["sales"], "sample.read", SOMEONE, "ACTIVE", "VIEW", true],
  [["sales"], "sample.read", SOMEONE, "ACTIVE", null, false],
  [["auditor"], "sample.read", SOMEONE, "ACTIVE", null, true],
  [["sales"], "sample.configure", ME, "GRACE", null, true],
  [["sales"], "sample.configure", ME, "EXPIRED", null, false],
  [["sales"], "sample.configure", SOMEONE, "ACTIVE", "NEGOTIATE", true],
  [["sales"], "sample.configure", SOMEONE, "ACTIVE", "ASSIST", false],
  [["sales"], "sample.configure", SOMEONE, "ACTIVE", null, false],
  [["manager"], "sample.configure", SOMEONE, "EXPIRED", null, true],
  [["auditor"], "sample.configure", ME, "ACTIVE", null, false],
  [["auditor"], "sample.configure", SOMEONE, "ACTIVE", "NEGOTIATE", false],
];

describe("can(subject, action, resource)", () => {
  it.each(LEAD_TABLE)(
    "%j may %s a lead owned by %s, %s, collaborating as %s: %s",
    (roles, action, owner, status, collaboration, allowed) => {
      const collaborators = collaboration ? [{ userId: ME, role: collaboration }] : [];
      expect(can(subject(roles), action, resource("lead", owner, status, collaborators))).toBe(allowed);
    },
  );

  it.each(TABLE)("%j may %s (owner %s): %s", (roles, action, ownerId, allowed) => {
    expect(can(subject(roles), action, resource(action.split(".")[0], ownerId))).toBe(allowed);
  });

  it("has table rows, allowing and denying, for every action it knows", () => {
    const decisions = [
      ...TABLE.map(([, action, , allowed]) => [action, allowed] as const),
      ...LEAD_TABLE.map(([, action, , , , allowed]) => [action, allowed] as const),
    ];
    for (const action of Object.keys(POLICIES)) {
      const rows = decisions.filter(([a]) => a === action);
      expect(
        rows.some(([, allowed]) => allowed),
        `${action} allowed somewhere`,
      ).toBe(true);
      expect(
        rows.some(([, allowed]) => !allowed),
        `${action} denied somewhere`,
      ).toBe(true);
    }
  });

  it("denies unknown actions, even to admins", () => {
    expect(can(subject(["admin", "platform_admin", "system"]), "org.delete", resource("org"))).toBe(false);
    expect(can(subject(["admin"]), "toString", resource("org"))).toBe(false);
    expect(can(subject(["admin"]), "__proto__", resource("org"))).toBe(false);
  });

  it("denies across organisations whatever the role", () => {
    for (const action of Object.keys(POLICIES)) {
      expect(
        can(subject(["admin", "platform_admin", "system"]), action, {
          type: "x",
          orgId: OTHER_ORG,
          attributes: { ownerId: ME },
        }),
      ).toBe(false);
    }
  });

  it("denies a subject without user for self-owned resources", () => {
    expect(
      can(subject(["admin"], null), "token.manage", {
        type: "token",
        orgId: ORG,
        attributes: { ownerId: null },
      }),
    ).toBe(false);
  });
});

describe("authorize", () => {
  it("hides another organisation's resource as not found, and refuses a denied action as forbidden", () => {
    const kind = (fn: () => void) => {
      try {
        fn();
        return "allowed";
      } catch (error) {
        return error instanceof AppError ? error.kind : "other";
      }
    };
    expect(kind(() => authorize(subject(["admin"]), "audit.read", { type: "audit", orgId: OTHER_ORG }))).toBe(
      "not_found",
    );
    expect(kind(() => authorize(subject(["sales"]), "audit.read", { type: "audit", orgId: ORG }))).toBe(
      "forbidden",
    );
    expect(kind(() => authorize(subject(["auditor"]), "audit.read", { type: "audit", orgId: ORG }))).toBe(
      "allowed",
    );
  });
});
