import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as ai from "@/app/api/v1/ai/[useCase]/route";
import { startFakeProvidersAsEnv } from "@/test/fakes/ai-env";
import { type FakeProvider } from "@/test/fakes/ai-providers";
import { createTenant } from "@/test/tenants";

import { createToken } from "@/lib/auth/tokens";
import { PROBLEM_BASE } from "@/lib/http/problem";

// POST /api/v1/ai/{useCase} end to end: a Bearer token, the route wrapper, the router with the
// clients the environment configures (pointed at the fake providers), problem+json for refusals.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

let openai: FakeProvider;
let fakes: Awaited<ReturnType<typeof startFakeProvidersAsEnv>>;
const tokens: Record<"admin" | "sales", string> = { admin: "", sales: "" };

beforeAll(async () => {
  fakes = await startFakeProvidersAsEnv();
  ({ openai } = fakes);
  const tenant = await createTenant("ai-api");
  for (const who of ["admin", "sales"] as const) {
    tokens[who] = (await createToken(tenant[who], { name: "t", expiresInDays: 1 })).token;
  }
});
afterAll(async () => {
  await fakes.close();
});

async function ask(useCase: string, body: unknown, as: "admin" | "sales" = "sales") {
  const response = await ai.POST(
    new Request(`http://localhost/api/v1/ai/${useCase}`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens[as]}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ useCase }) },
  );
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as Json,
  };
}

describe("POST /api/v1/ai/{useCase}", () => {
  it("answers with the output and who gave it at what cost", async () => {
    openai.respond = () => ({ output: { sentiment: "negative", topics: ["Lieferzeit"], confidence: 0.92 } });
    const res = await ask("feedback.sentiment", { input: { comment: "Die Ware kam zwei Tage zu spät." } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      output: { sentiment: "negative", topics: ["Lieferzeit"] },
      provider: "openai",
      model: "gpt-4o-mini",
      tier: "small",
      escalated: false,
      cached: false,
    });
    expect(res.body.costEur).toBeGreaterThan(0);
  });

  it("refuses input that does not fit the use case with field errors", async () => {
    const res = await ask("lead.classify", { input: { city: "Berlin" } });
    expect(res.status).toBe(400);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.errors).toEqual([expect.objectContaining({ path: "input.companyName" })]);
  });

  it("knows only its eight use cases", async () => {
    expect((await ask("poem.write", { input: {} })).status).toBe(400);
  });

  it("answers 402 ai-budget-exceeded when the organisation's cap cannot cover the call", async () => {
    const { setSetting } = await import("@/lib/settings/service");
    const tenant = await createTenant("ai-api-broke");
    await setSetting(tenant.admin, { key: "ai.budget.monthly.cap", scope: "org", value: 0 });
    const token = (await createToken(tenant.sales, { name: "t", expiresInDays: 1 })).token;
    const before = openai.requests.length;
    const response = await ai.POST(
      new Request("http://localhost/api/v1/ai/lead.classify", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ input: { companyName: "Mensa Campus", city: "Bonn" } }),
      }),
      { params: Promise.resolve({ useCase: "lead.classify" }) },
    );
    expect(response.status).toBe(402);
    const problem = (await response.json()) as Json;
    expect(problem.type).toBe(`${PROBLEM_BASE}ai-budget-exceeded`);
    expect(problem.detail).toMatch(/budget/);
    expect(openai.requests.length).toBe(before);
  });
});
