import { beforeAll, describe, expect, it } from "vitest";

import { postgresCode, rejectionOf } from "@/test/errors";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addCollaborator } from "@/lib/leads/collaborators";

import { createBox, createProduct, getBox } from "./service";

// Who configures a lead's samples, checked twice: by the service (sample.configure) and, underneath
// it, by the policies of the samples tables, which a statement that skips the service meets too.

let t: TestTenant;
let leadId = "";
let boxId = "";
const partner = (userId: string) => ({ orgId: t.orgId, userId, roles: ["sales"] });
let negotiator = "";
let assistant = "";
let stranger = "";

beforeAll(async () => {
  t = await createTenant("samples-rls");
  ({ leadId } = await registerLead(t, "Kantine RLS"));
  await createProduct(t.admin, { sku: "R-1", name: "Kürbissuppe" });
  const member = async (name: string) =>
    (
      await addMember({
        email: `${name}@samples-rls.example`,
        name,
        orgSlug: "samples-rls",
        role: "sales",
        locale: "de",
      })
    ).userId;
  [negotiator, assistant, stranger] = [
    await member("nego"),
    await member("assist"),
    await member("stranger"),
  ];
  await addCollaborator(t.sales, leadId, { userId: negotiator, role: "NEGOTIATE" });
  await addCollaborator(t.sales, leadId, { userId: assistant, role: "ASSIST" });
  boxId = (await createBox(t.sales, { leadId, items: [{ sku: "R-1", qty: 1 }] })).id;
});

const kindOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.kind : Promise.reject(error)),
  );

/** A box written past the service, as the partner's own transaction. */
const rawBox = (userId: string) =>
  withOrg(partner(userId), (tx) =>
    tx.sampleBox.createMany({ data: [{ orgId: t.orgId, leadId, configuredBy: userId }] }),
  );

describe("configuring a lead's samples", () => {
  it("is for the owner and a NEGOTIATE collaborator; an ASSIST collaborator reads only", async () => {
    expect(await kindOf(createBox(partner(negotiator), { leadId, items: [{ sku: "R-1", qty: 2 }] }))).toBe(
      "ok",
    );
    expect(await kindOf(createBox(partner(assistant), { leadId, items: [{ sku: "R-1", qty: 2 }] }))).toBe(
      "forbidden",
    );
    expect(await kindOf(getBox(partner(assistant), boxId))).toBe("ok");
  });

  it("is refused by the database too, to an ASSIST collaborator and to another partner", async () => {
    expect((await rawBox(negotiator)).count).toBe(1);
    expect(postgresCode(await rejectionOf(rawBox(assistant)))).toBe("42501");
    expect(postgresCode(await rejectionOf(rawBox(stranger)))).toBe("42501");
    // The other partner does not even see the boxes, nor their items.
    const seen = await withOrg(partner(stranger), async (tx) => [
      await tx.sampleBox.count(),
      await tx.sampleBoxItem.count(),
    ]);
    expect(seen).toEqual([0, 0]);
  });

  it("is refused to an auditor, who reads", async () => {
    const { userId } = await addMember({
      email: "auditor@samples-rls.example",
      name: "Audit",
      orgSlug: "samples-rls",
      role: "auditor",
      locale: "de",
    });
    const auditor = { orgId: t.orgId, userId, roles: ["auditor"] };
    expect(await kindOf(getBox(auditor, boxId))).toBe("ok");
    expect(await kindOf(createBox(auditor, { leadId, items: [{ sku: "R-1", qty: 1 }] }))).toBe("forbidden");
    const raw = await rejectionOf(
      withOrg(auditor, (tx) =>
        tx.sampleBox.createMany({ data: [{ orgId: t.orgId, leadId, configuredBy: userId }] }),
      ),
    );
    expect(postgresCode(raw)).toBe("42501");
  });
});
