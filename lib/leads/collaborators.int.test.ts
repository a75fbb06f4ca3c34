import { beforeAll, describe, expect, it } from "vitest";

import { withOrg, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { createHold, logActivity, requestExtension } from "./clock";
import { addCollaborator } from "./collaborators";
import { reassignLead } from "./service";

// Collaborators are sales partners (spec, "Collaboration"), and auditors never write. A probe made
// an auditor a collaborator with a commission share, and as such logged a qualifying activity that
// moved the owner's deadline. The service refuses, and so does the database, as freshplan_app.

let tenant: TestTenant;
let manager: MemberContext;
let auditor: MemberContext;
let vera: MemberContext;
let leadId = "";

beforeAll(async () => {
  tenant = await createTenant("collab");
  const member = (name: string, role: "manager" | "auditor" | "sales") =>
    addTenantMember(tenant, "collab", name, role);
  manager = await member("manager", "manager");
  auditor = await member("auditor", "auditor");
  vera = await member("vera", "sales");
  ({ leadId } = await registerLead(tenant, "Kantine Mitwirkung"));
});

/** The cached moment the lead's protection ends, as the triggers keep it. */
async function cachedExpiry(id: string): Promise<string> {
  const { rows } = await asSuperuser((c) =>
    c.query<{ e: string }>(
      "SELECT expires_at::text AS e FROM lead_assignment WHERE lead_id = $1 AND released_at IS NULL",
      [id],
    ),
  );
  return rows[0].e;
}

describe("only sales partners collaborate", () => {
  it("the service refuses an admin, a manager and an auditor on the member field; a partner is added", async () => {
    for (const member of [tenant.admin, manager, auditor]) {
      const error = await rejectionOf(
        addCollaborator(tenant.sales, leadId, { userId: member.userId, role: "ASSIST", sharePercent: 25 }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        kind: "unprocessable",
        text: { code: "leads.errors.collaboratorNotPartner" },
        fieldErrors: [{ path: "userId", code: "leads.fieldErrors.notPartner" }],
      });
    }
    const collaborators = await addCollaborator(tenant.sales, leadId, {
      userId: vera.userId,
      role: "ASSIST",
      sharePercent: 25,
    });
    expect(collaborators.map((c) => c.userId)).toEqual([vera.userId]);
  });

  it("the database refuses anyone else, and a collaborating partner's role cannot change under them", async () => {
    const planted = await rejectionOf(
      withOrg(manager, (tx) =>
        tx.leadCollaborator.createMany({
          data: [{ orgId: tenant.orgId, leadId, userId: auditor.userId, role: "ASSIST", sharePercent: 25 }],
        }),
      ),
    );
    expect(postgresCode(planted)).toBe("23503");
    const promoted = await rejectionOf(
      withOrg(tenant.admin, (tx) =>
        tx.membership.updateMany({ where: { userId: vera.userId }, data: { role: "auditor" } }),
      ),
    );
    expect(postgresCode(promoted)).toBe("23503");
  });
});

describe("an auditor never writes", () => {
  it("not as a collaborator who somehow became one: no activity, no hold, no extension, the clock stays", async () => {
    // A collaboration from before the rule: the key refuses it now, so it is planted with the
    // foreign-key triggers off.
    await asSuperuser(async (c) => {
      await c.query("SET session_replication_role = replica");
      await c.query(
        `INSERT INTO lead_collaborator (org_id, lead_id, user_id, role, share_percent)
         VALUES ($1, $2, $3, 'NEGOTIATE', 50)`,
        [tenant.orgId, leadId, auditor.userId],
      );
    });
    const before = await cachedExpiry(leadId);

    const refusedByTheService = await rejectionOf(logActivity(auditor, leadId, { kind: "QUALIFIED_CALL" }));
    expect(refusedByTheService).toMatchObject({ kind: "forbidden" });
    const asApp = (write: Parameters<typeof withOrg>[1]) => rejectionOf(withOrg(auditor, write));
    const now = new Date();
    const refusedByTheDatabase = [
      await asApp((tx) =>
        tx.leadActivity.createMany({
          data: [{ orgId: tenant.orgId, leadId, kind: "QUALIFIED_CALL", at: now, createdBy: auditor.userId }],
        }),
      ),
      await asApp((tx) =>
        tx.leadHold.createMany({ data: [{ orgId: tenant.orgId, leadId, reason: "OTHER", startAt: now }] }),
      ),
    ];
    expect(refusedByTheDatabase.map(postgresCode)).toEqual(["42501", "42501"]);
    expect(await cachedExpiry(leadId)).toBe(before);
  });

  it("not as the owner of a lead a manager gave them", async () => {
    const { leadId: given } = await registerLead(tenant, "Mensa Prüfung");
    await reassignLead(manager, given, { ownerUserId: auditor.userId });
    const before = await cachedExpiry(given);
    expect(await rejectionOf(createHold(auditor, given, { reason: "OTHER" }))).toMatchObject({
      kind: "forbidden",
    });
    expect(
      await rejectionOf(requestExtension(auditor, given, { days: 30, reason: "Prüfung" })),
    ).toMatchObject({ kind: "forbidden" });
    const hold = await rejectionOf(
      withOrg(auditor, (tx) =>
        tx.leadHold.createMany({
          data: [{ orgId: tenant.orgId, leadId: given, reason: "OTHER", startAt: new Date() }],
        }),
      ),
    );
    expect(postgresCode(hold)).toBe("42501");
    expect(await cachedExpiry(given)).toBe(before);
  });
});
