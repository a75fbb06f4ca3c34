import { beforeAll, describe, expect, it } from "vitest";

import type { MemberContext } from "@/lib/db";
import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { eraseLeadPersonalData, updateLead } from "./details";
import { createLead, reassignLead } from "./service";

// A lead as a record people maintain (issue 16): its owner while protected and managers edit its
// details, with the duplicate check and the audit trail; an admin erases its contact person.

let tenant: TestTenant;
let other: TestTenant;
let manager: MemberContext;
let auditor: MemberContext;
let vera: MemberContext;

const details = {
  companyName: "Kantine Nord",
  city: "Hamburg",
  industry: "Gemeinschaftsverpflegung",
  contact: {
    firstName: "Jana",
    lastName: "Kühn",
    email: "jana.kuehn@kantine-nord.example",
    phone: "+49 40 123456",
  },
  vatId: "DE123456789",
  expectedVolume: 25000.5,
};

beforeAll(async () => {
  tenant = await createTenant("details");
  other = await createTenant("details-other");
  const member = (name: string, role: "manager" | "auditor" | "sales") =>
    addTenantMember(tenant, "details", name, role);
  manager = await member("manager", "manager");
  auditor = await member("auditor", "auditor");
  vera = await member("vera", "sales");
});

async function auditOf(leadId: string, action: string) {
  const { rows } = await asSuperuser((c) =>
    c.query<{ actor_id: string; before: unknown; after: Record<string, unknown> }>(
      "SELECT actor_id, before, after FROM audit_event WHERE resource_id = $1 AND action = $2 ORDER BY id",
      [leadId, action],
    ),
  );
  return rows;
}

describe("editing a lead's details", () => {
  it("the owner replaces the details: the stage rises, the audit names changed values but not the contact's", async () => {
    const { leadId } = await registerLead(tenant, "Kantine Nord Alt");
    const lead = await updateLead(tenant.sales, leadId, details);
    expect(lead).toMatchObject({
      companyName: "Kantine Nord",
      city: "Hamburg",
      industry: "Gemeinschaftsverpflegung",
      stage: 2,
      contact: details.contact,
      vatId: "DE123456789",
      expectedVolume: 25000.5,
    });
    const [event] = await auditOf(leadId, "lead.updated");
    expect(event.actor_id).toBe(tenant.sales.userId);
    expect(event.before).toEqual({
      companyName: "Kantine Nord Alt",
      city: "Berlin",
      industry: null,
      vatId: null,
      expectedVolume: null,
      stage: 0,
    });
    expect(event.after).toEqual({
      companyName: "Kantine Nord",
      city: "Hamburg",
      industry: "Gemeinschaftsverpflegung",
      vatId: "DE123456789",
      expectedVolume: 25000.5,
      stage: 2,
      contactChanged: ["firstName", "lastName", "email", "phone"],
    });
    expect(JSON.stringify(event)).not.toContain("kantine-nord.example");
  });

  it("a field left out is cleared, the stage stays, and an unchanged save records nothing", async () => {
    const { leadId } = await registerLead(tenant, "Mensa Ost");
    await updateLead(tenant.sales, leadId, {
      ...details,
      companyName: "Mensa Ost",
      contact: { email: "kueche@mensa-ost.example" },
    });
    const cleared = await updateLead(manager, leadId, { companyName: "Mensa Ost", city: "Hamburg" });
    expect(cleared).toMatchObject({
      industry: null,
      contact: null,
      vatId: null,
      expectedVolume: null,
      stage: 2,
    });
    await updateLead(manager, leadId, { companyName: "Mensa Ost", city: "Hamburg" });
    expect(await auditOf(leadId, "lead.updated")).toHaveLength(2);
  });

  it("an exact duplicate of another lead is a 409 (by company and city, or by contact address); the lead's own name is none", async () => {
    await createLead(vera, { companyName: "Hotel Seeblick", city: "Kiel" });
    const { leadId } = await registerLead(tenant, "Hotel Bergblick");
    expect(
      await rejectionOf(updateLead(tenant.sales, leadId, { companyName: "Hotel Seeblick", city: "Kiel" })),
    ).toMatchObject({ kind: "conflict", text: { code: "leads.errors.protected" } });
    const sameAddress = { companyName: "Hotel Bergblick", city: "Berlin", contact: details.contact };
    expect(await rejectionOf(updateLead(tenant.sales, leadId, sameAddress))).toMatchObject({
      kind: "conflict",
    });
    await expect(
      updateLead(tenant.sales, leadId, { companyName: "Hotel Bergblick", city: "Berlin", industry: "Hotel" }),
    ).resolves.toMatchObject({ industry: "Hotel" });
  });

  it("auditors, another partner, a released owner and another organisation cannot edit", async () => {
    const { leadId } = await registerLead(tenant, "Bistro Süd");
    expect(await rejectionOf(updateLead(auditor, leadId, details))).toMatchObject({ kind: "forbidden" });
    expect(await rejectionOf(updateLead(vera, leadId, details))).toMatchObject({ kind: "not_found" });
    const stranger = { ...other.admin };
    expect(await rejectionOf(updateLead(stranger, leadId, details))).toMatchObject({ kind: "not_found" });
    await reassignLead(manager, leadId, { ownerUserId: vera.userId });
    expect(await rejectionOf(updateLead(tenant.sales, leadId, details))).toMatchObject({ kind: "not_found" });
    await expect(
      updateLead(vera, leadId, { companyName: "Bistro Süd", city: "Berlin" }),
    ).resolves.toBeTruthy();
  });
});

describe("erasing the contact person", () => {
  it("an admin erases it with a reason; the lead and its evidence stay", async () => {
    const { leadId } = await registerLead(tenant, "Kita Sonnenschein");
    await updateLead(tenant.sales, leadId, {
      ...details,
      companyName: "Kita Sonnenschein",
      city: "Bremen",
      contact: { ...details.contact, email: "leitung@kita-sonnenschein.example" },
    });
    const erased = await eraseLeadPersonalData(tenant.admin, leadId, {
      reason: "Art. 17 DSGVO, Antrag vom 1.12.",
    });
    expect(erased).toMatchObject({ companyName: "Kita Sonnenschein", contact: null, vatId: "DE123456789" });
    const { rows } = await asSuperuser((c) =>
      c.query("SELECT contact_email, pseudonymised_at IS NOT NULL AS marked FROM lead WHERE id = $1", [
        leadId,
      ]),
    );
    expect(rows[0]).toEqual({ contact_email: null, marked: true });
    const [event] = await auditOf(leadId, "lead.personal_data.erased");
    expect(event.actor_id).toBe(tenant.admin.userId);
    expect(event.after).toMatchObject({
      reason: "Art. 17 DSGVO, Antrag vom 1.12.",
      replaced: ["firstName", "lastName", "email", "phone"],
    });
  });

  it("managers and owners may not erase, and a reason is required", async () => {
    const { leadId } = await registerLead(tenant, "Kita Regenbogen");
    for (const who of [manager, tenant.sales]) {
      expect(await rejectionOf(eraseLeadPersonalData(who, leadId, { reason: "weil" }))).toMatchObject({
        kind: "forbidden",
      });
    }
    const { ZEraseLead } = await import("./schemas");
    expect(ZEraseLead.safeParse({ reason: "  " }).success).toBe(false);
  });
});
