import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startFakeProvidersAsEnv } from "@/test/fakes/ai-env";
import { type FakeProvider } from "@/test/fakes/ai-providers";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

import { addMember } from "@/lib/auth/service";
import { AppError } from "@/lib/errors";

import { suggestSamples } from "./match";
import { createProduct } from "./service";

// The box configurator's AI suggestions (sample.match) through the AI router, with the providers
// the environment configures pointed at the fake servers: what goes out, what comes back, who asks.

let openai: FakeProvider;
let fakes: Awaited<ReturnType<typeof startFakeProvidersAsEnv>>;
let t: TestTenant;
let leadId = "";

beforeAll(async () => {
  fakes = await startFakeProvidersAsEnv();
  ({ openai } = fakes);
  t = await createTenant("samples-match");
  ({ leadId } = await registerLead(t, "Kantine Hafenblick"));
  await createProduct(t.admin, { sku: "FG-1001", name: "Rinderroulade", category: "Fleisch" });
  await createProduct(t.admin, { sku: "FG-1002", name: "Kartoffelgratin" });
  // A sku unlike the use case's article numbers (lower case, a dot): it is offered all the same.
  await createProduct(t.admin, { sku: "fg.local", name: "Hausgemachtes" });
});
afterAll(async () => {
  await fakes.close();
});

describe("sample suggestions", () => {
  it("send the lead's company and the catalogue, and keep only products of that catalogue", async () => {
    openai.respond = () => ({
      output: {
        skus: [
          // The catalogue goes out by category and name, each product as P-1, P-2, …
          { sku: "P-3", reason: "Beliebte Beilage in Kantinen" },
          { sku: "P-2", reason: "Hausgemacht" },
          { sku: "FG-1001", reason: "erfunden: keine der gesendeten Nummern" },
        ],
        note: "Kein Dessert im Katalog.",
      },
    });
    const answer = await suggestSamples(t.sales, leadId);
    expect(answer).toMatchObject({
      items: [
        { sku: "FG-1002", name: "Kartoffelgratin", reason: "Beliebte Beilage in Kantinen" },
        { sku: "fg.local", name: "Hausgemachtes", reason: "Hausgemacht" },
      ],
      note: "Kein Dessert im Katalog.",
      cached: false,
    });
    const sent = openai.requests.at(-1)?.rawBody ?? "";
    expect(sent).toContain("Kantine Hafenblick");
    expect(sent).toContain("Rinderroulade");
    // The skus themselves stay here.
    expect(sent).not.toContain("FG-100");
  });

  it("are asked only by who may configure the lead's samples", async () => {
    const other = await addMember({
      email: "other@samples-match.example",
      name: "Other",
      orgSlug: "samples-match",
      role: "sales",
      locale: "de",
    });
    const before = openai.requests.length;
    const failure = await suggestSamples(
      { orgId: t.orgId, userId: other.userId, roles: ["sales"] },
      leadId,
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).status).toBe(404);
    expect(openai.requests.length).toBe(before);
  });
});
