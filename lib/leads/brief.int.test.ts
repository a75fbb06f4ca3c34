import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startFakeProvidersAsEnv } from "@/test/fakes/ai-env";
import { type FakeProvider } from "@/test/fakes/ai-providers";
import { createTenant, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { withOrg } from "@/lib/db";
import { AppError } from "@/lib/errors";

import { briefLead } from "./brief";

// The lead page's AI brief through the AI router, with the providers the environment configures
// pointed at the fake servers: what goes out about a lead, what comes back, who may ask.

let openai: FakeProvider;
let fakes: Awaited<ReturnType<typeof startFakeProvidersAsEnv>>;
let tenant: TestTenant;
let leadId = "";
const BRIEF = {
  summary: "Kantine mit 400 Essen am Tag.",
  opportunities: ["Frischgemüse"],
  risks: [],
  nextSteps: ["Muster"],
};

beforeAll(async () => {
  fakes = await startFakeProvidersAsEnv();
  ({ openai } = fakes);
  tenant = await createTenant("lead-brief");
  leadId = await withOrg(tenant.admin, async (tx) => {
    const lead = await tx.lead.create({
      data: {
        orgId: tenant.orgId,
        companyName: "Kantine Hafenblick",
        city: "Bremen",
        industry: "Betriebsverpflegung",
        stage: 1,
        contactFirstName: "Gesine",
        contactLastName: "Oltmanns",
        contactEmail: "g.oltmanns@hafenblick.example",
      },
    });
    await tx.leadAssignment.create({
      data: {
        orgId: tenant.orgId,
        leadId: lead.id,
        ownerUserId: tenant.sales.userId,
        assignedAt: new Date(),
      },
    });
    await tx.leadActivity.create({
      data: {
        orgId: tenant.orgId,
        leadId: lead.id,
        kind: "QUALIFIED_CALL",
        at: new Date(),
        note: "Frau Oltmanns will Muster, Rückruf unter g.oltmanns@hafenblick.example",
      },
    });
    return lead.id;
  });
});
afterAll(async () => {
  await fakes.close();
});

describe("the lead's AI brief", () => {
  it("sends the lead's facts but no contact data, and answers with the brief and its cost", async () => {
    openai.respond = () => ({ output: BRIEF });
    const answer = await briefLead(tenant.sales, leadId);
    expect(answer).toMatchObject({ output: BRIEF, tier: "large", model: "gpt-4o", cached: false });
    expect(answer.costEur).toBeGreaterThan(0);

    expect(openai.requests).toHaveLength(1);
    const sent = openai.requests[0].rawBody;
    expect(sent).toContain("Kantine Hafenblick");
    expect(sent).toContain("QUALIFIED_CALL");
    for (const secret of ["Gesine", "Oltmanns", "g.oltmanns@hafenblick.example"])
      expect(sent).not.toContain(secret);

    // The same lead again: from the cache, at no cost; asking for a fresh one pays again.
    expect(await briefLead(tenant.sales, leadId)).toMatchObject({ cached: true, costEur: 0 });
    expect(openai.requests).toHaveLength(1);
    expect((await briefLead(tenant.sales, leadId, { noCache: true })).cached).toBe(false);
    expect(openai.requests).toHaveLength(2);
  });

  it("is a 404 for someone who may not read the lead, before any provider is asked", async () => {
    const other = await addMember({
      email: "other@lead-brief.example",
      name: "Other",
      orgSlug: "lead-brief",
      role: "sales",
      locale: "de",
    });
    const before = openai.requests.length;
    const failure = await briefLead(
      { orgId: tenant.orgId, userId: other.userId, roles: ["sales"] },
      leadId,
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(404);
    expect(openai.requests.length).toBe(before);
  });
});
