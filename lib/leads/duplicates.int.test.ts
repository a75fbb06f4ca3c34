import { beforeAll, describe, expect, it } from "vitest";

import type { MemberContext } from "@/lib/db";
import { addMember, createOrganization } from "@/lib/auth/service";
import { AppError } from "@/lib/errors";
import { rejectionOf } from "@/test/errors";

import { addCollaborator } from "./collaborators";
import { createLead } from "./service";

// The duplicate check on registration, as two partners and a manager meet it (issue #9). It sees the
// whole organisation, so what it says must depend on what the caller may read: a partner learns that
// another partner's company is protected and since when, never which lead or whose; an expired lead
// is no collision for a partner; managers (who read every lead) keep the full answer.

let paula: MemberContext;
let peter: MemberContext;
let manager: MemberContext;

beforeAll(async () => {
  const orgId = (await createOrganization({ name: "Duplicates", slug: "duplicates" })).id;
  const member = async (name: string, role: "sales" | "manager") => {
    const { userId } = await addMember({
      email: `${name}@duplicates.test`,
      name,
      orgSlug: "duplicates",
      role,
      locale: "de",
    });
    return { orgId, userId, roles: [role] };
  };
  paula = await member("paula", "sales");
  peter = await member("peter", "sales");
  manager = await member("manager", "manager");
});

async function registered(ctx: MemberContext, input: Parameters<typeof createLead>[1]) {
  const result = await createLead(ctx, input);
  if (result.kind !== "created") throw new Error(`expected a new lead, got ${JSON.stringify(result)}`);
  return result.lead;
}

async function conflict(ctx: MemberContext, input: Parameters<typeof createLead>[1]): Promise<AppError> {
  const error = await rejectionOf(createLead(ctx, input));
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe("conflict");
  return error as AppError;
}

/** Everything an error hands to the caller, as one text to search for leaks. */
const said = (error: AppError) =>
  JSON.stringify({ message: error.message, fieldErrors: error.fieldErrors, text: error.text });

describe("an exact duplicate", () => {
  it("tells another partner only that the company is protected, and since when", async () => {
    const lead = await registered(paula, {
      companyName: "Kantine Sonne GmbH",
      city: "Hamburg",
      contact: { email: "einkauf@sonne.example" },
    });
    const since = new Date(lead.protection!.assignedAt);

    const byName = await conflict(peter, { companyName: "Kantine Sonne", city: "hamburg" });
    expect(byName.text).toEqual({ code: "leads.errors.protected", params: { since } });
    expect(byName.message).toBe(`This company is protected already, since ${since.toISOString()}.`);
    expect(byName.fieldErrors).toEqual([
      { path: "companyName", message: "protected already", code: "leads.fieldErrors.protected" },
    ]);
    // Matched by the contact's e-mail: not even the other company's name is given away.
    const byEmail = await conflict(peter, {
      companyName: "Ganz andere Firma",
      city: "Bremen",
      contact: { email: "Einkauf@Sonne.example" },
    });
    expect(byEmail.text).toEqual({ code: "leads.errors.protected", params: { since } });
    for (const error of [byName, byEmail]) {
      expect(said(error)).not.toContain(lead.id);
      expect(said(error)).not.toContain(paula.userId);
      expect(said(error)).not.toContain("Sonne GmbH");
    }
  });

  it("names the lead to those who may read it: its owner, a manager, a collaborator", async () => {
    const lead = await registered(paula, { companyName: "Hotel Mitte", city: "Kassel" });
    for (const ctx of [paula, manager]) {
      const error = await conflict(ctx, { companyName: "Hotel Mitte", city: "Kassel" });
      expect(error.text).toEqual({
        code: "leads.errors.duplicate",
        params: { value: "Hotel Mitte, Kassel" },
      });
      expect(error.message).toContain(lead.id);
    }
    await addCollaborator(paula, lead.id, { userId: peter.userId, role: "VIEW" });
    expect((await conflict(peter, { companyName: "Hotel Mitte", city: "Kassel" })).message).toContain(
      lead.id,
    );
  });
});

describe("an expired lead", () => {
  const expired = { companyName: "Mensa Alt", city: "Rostock" };
  let oldLead: { id: string };

  beforeAll(async () => {
    // Registered for Paula two years ago, never worked: its protection ran out long since.
    oldLead = await registered(manager, {
      ...expired,
      ownerUserId: paula.userId,
      registeredAt: new Date(Date.now() - 730 * 86_400_000),
    });
  });

  it("is still named to a manager, as before", async () => {
    const error = await conflict(manager, { companyName: "Mensa Alt", city: "Rostock" });
    expect(error.message).toContain(oldLead.id);
  });

  it("is no collision for a partner, nor a similar candidate", async () => {
    const similar = await registered(peter, { companyName: "Mensa Alte", city: "Rostock" });
    // The only candidate left is Peter's own new lead, which he may read.
    expect(await createLead(peter, expired)).toEqual({
      kind: "similar",
      candidates: [
        expect.objectContaining({ leadId: similar.id, companyName: "Mensa Alte", match: "SIMILAR" }),
      ],
    });
    const again = await registered(peter, { ...expired, confirmSimilar: true });
    expect(again.protection).toMatchObject({ status: "ACTIVE", ownerUserId: peter.userId });
  });
});

describe("similar candidates", () => {
  it("come without an id for a lead the partner may not read, with since when it is protected", async () => {
    const lead = await registered(paula, { companyName: "Bäckerei Schmidt", city: "Kiel" });
    const result = await createLead(peter, { companyName: "Baeckerei Schmitt", city: "Kiel" });
    expect(result).toEqual({
      kind: "similar",
      candidates: [
        {
          leadId: null,
          companyName: "Bäckerei Schmidt",
          city: "Kiel",
          match: "SIMILAR",
          similarity: expect.any(Number),
          protectedSince: new Date(lead.protection!.assignedAt),
        },
      ],
    });
    const forManager = await createLead(manager, { companyName: "Baeckerei Schmitt", city: "Kiel" });
    expect(forManager).toMatchObject({ kind: "similar", candidates: [{ leadId: lead.id }] });
  });
});
