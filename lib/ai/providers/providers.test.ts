// The provider layer through the real OpenAI and Anthropic SDKs, talking HTTP to the local fakes:
// nothing here is mocked, only the base URL differs from production.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { ProviderError, type ChatRequest, type ProviderClient, type TAiProvider } from "@/lib/ai/types";
import { stubRequiredEnv } from "@/test/stub-env";
import {
  FAKE_API_KEY,
  startFakeAnthropic,
  startFakeOpenAI,
  type FakeProvider,
  type FakeReply,
} from "@/test/fakes/ai-providers";

import {
  CircuitBreaker,
  completeWithFailover,
  createAnthropicClient,
  createOpenAiClient,
  NoProviderConfiguredError,
  providerClients,
  ProvidersExhaustedError,
  resetProviderClients,
  withBreaker,
  type ProviderClients,
} from "./index";

const OPENAI_MODELS = { small: "gpt-test-mini", large: "gpt-test" };
const ANTHROPIC_MODELS = { small: "claude-test-haiku", large: "claude-test-sonnet" };
const SCHEMA = {
  type: "object",
  properties: { label: { type: "string", enum: ["hot", "cold"] }, confidence: { type: "number" } },
  required: ["label", "confidence"],
  additionalProperties: false,
};
const ANSWER = { label: "hot", confidence: 0.92 };

let fakes: Record<TAiProvider, FakeProvider>;

beforeAll(async () => {
  fakes = { openai: await startFakeOpenAI(), anthropic: await startFakeAnthropic() };
});
afterAll(async () => {
  await Promise.all(Object.values(fakes).map((fake) => fake.close()));
});
beforeEach(() => {
  for (const fake of Object.values(fakes)) {
    fake.respond = () => ({ output: ANSWER });
    fake.requests.length = 0;
  }
});

/** A client of `provider` against its fake; no SDK retries, so one call is one request. */
function clientOf(
  provider: TAiProvider,
  options: { apiKey?: string; baseURL?: string; timeoutMs?: number; maxRetries?: number } = {},
): ProviderClient {
  const common = { apiKey: FAKE_API_KEY, timeoutMs: 2_000, maxRetries: 0, ...options };
  return provider === "openai"
    ? createOpenAiClient({ baseURL: fakes.openai.url, models: OPENAI_MODELS, ...common })
    : createAnthropicClient({ baseURL: fakes.anthropic.url, models: ANTHROPIC_MODELS, ...common });
}

function chatRequest(model: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model,
    system: "Classify the lead.",
    user: "Bakery chain, 40 branches, asks for a quote this week.",
    schemaName: "lead_classification",
    jsonSchema: SCHEMA,
    maxOutputTokens: 100,
    logprobs: false,
    ...overrides,
  };
}

/** The ProviderError a call failed with (and a test failure if it did not fail with one). */
async function providerErrorOf(call: Promise<unknown>): Promise<ProviderError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("OpenAI client", () => {
  it("asks for strict structured output and returns the answer, usage, reported model and log-probabilities", async () => {
    fakes.openai.respond = () => ({
      output: ANSWER,
      usage: { inputTokens: 120, outputTokens: 14 },
      model: "gpt-test-mini-2026-01-15",
    });

    const response = await clientOf("openai").complete(chatRequest("gpt-test-mini", { logprobs: true }));

    expect(JSON.parse(response.json)).toEqual(ANSWER);
    expect(response).toMatchObject({
      provider: "openai",
      model: "gpt-test-mini-2026-01-15",
      usage: { inputTokens: 120, outputTokens: 14 },
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    expect(response.logprobs!.map((t) => t.token).join("")).toBe(response.json);
    expect(response.logprobs!.every((t) => t.logprob === -0.01)).toBe(true);

    const [sent] = fakes.openai.requests;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(sent.body).toEqual({
      model: "gpt-test-mini",
      messages: [
        { role: "system", content: "Classify the lead." },
        { role: "user", content: "Bakery chain, 40 branches, asks for a quote this week." },
      ],
      response_format: {
        type: "json_schema",
        json_schema: { name: "lead_classification", schema: SCHEMA, strict: true },
      },
      max_completion_tokens: 100,
      logprobs: true,
    });
  });

  it("maps the answer's token log-probabilities as the provider sent them", async () => {
    const tokens = [
      { token: '{"label":"', logprob: -0.02 },
      { token: "hot", logprob: -0.7 },
      { token: '"}', logprob: 0 },
    ];
    fakes.openai.respond = () => ({ output: ANSWER, logprobs: tokens });

    const response = await clientOf("openai").complete(chatRequest("gpt-test", { logprobs: true }));

    expect(response.logprobs).toEqual(tokens);
  });

  it("neither asks for nor returns log-probabilities unless asked", async () => {
    const response = await clientOf("openai").complete(chatRequest("gpt-test"));

    expect(response.logprobs).toBeNull();
    expect(fakes.openai.requests[0].body).not.toHaveProperty("logprobs");
    // Without scripted usage the fake estimates it from the text, as a real model would count.
    expect(response.usage.inputTokens).toBeGreaterThan(10);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
  });
});

describe("Anthropic client", () => {
  it("forces a single tool whose input is the answer, and returns it as JSON with usage and model", async () => {
    fakes.anthropic.respond = () => ({
      output: ANSWER,
      usage: { inputTokens: 230, outputTokens: 31 },
      model: "claude-test-haiku-20260101",
    });

    const response = await clientOf("anthropic").complete(
      chatRequest("claude-test-haiku", { logprobs: true }),
    );

    expect(response).toEqual({
      provider: "anthropic",
      model: "claude-test-haiku-20260101",
      json: JSON.stringify(ANSWER),
      usage: { inputTokens: 230, outputTokens: 31 },
      logprobs: null,
      latencyMs: expect.any(Number),
    });

    const [sent] = fakes.anthropic.requests;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["anthropic-version"]).toBeTruthy();
    expect(sent.body).toMatchObject({
      model: "claude-test-haiku",
      max_tokens: 100,
      system: "Classify the lead.",
      messages: [{ role: "user", content: "Bakery chain, 40 branches, asks for a quote this week." }],
      tools: [{ name: "lead_classification", input_schema: SCHEMA }],
      tool_choice: { type: "tool", name: "lead_classification" },
    });
  });

  it("refuses a schema that is not an object before sending anything", async () => {
    const error = await providerErrorOf(
      clientOf("anthropic").complete(chatRequest("claude-test-haiku", { jsonSchema: { type: "string" } })),
    );

    expect(error.failure).toBe("bad_request");
    expect(fakes.anthropic.requests).toHaveLength(0);
  });
});

describe.each(["openai", "anthropic"] as const)("%s failures", (provider) => {
  const model = provider === "openai" ? "gpt-test" : "claude-test-sonnet";

  it.each<[string, FakeReply, ProviderError["failure"], boolean]>([
    ["429", { status: 429, retryAfter: 0 }, "rate_limited", true],
    ["500", { status: 500 }, "server", true],
    ["503", { status: 503 }, "server", true],
    ["529 (Anthropic's overloaded)", { status: 529 }, "server", true],
    ["400", { status: 400 }, "bad_request", false],
    ["403", { status: 403 }, "auth", false],
    ["a dropped connection", { hangUp: true }, "connection", true],
    ["prose instead of the schema", { text: "The lead looks hot to me." }, "invalid_output", false],
  ])("%s", async (_, reply, failure, failsOver) => {
    fakes[provider].respond = () => reply;

    const error = await providerErrorOf(clientOf(provider).complete(chatRequest(model)));

    expect(error).toMatchObject({ provider, failure, failsOver });
    expect(fakes[provider].requests).toHaveLength(1);
  });

  it("a wrong API key is an auth failure (the fake checks the key like the real API)", async () => {
    const error = await providerErrorOf(clientOf(provider, { apiKey: "wrong" }).complete(chatRequest(model)));

    expect(error).toMatchObject({ provider, failure: "auth", failsOver: false });
  });

  it("an answer slower than the timeout is a timeout", async () => {
    fakes[provider].respond = () => ({ output: ANSWER, delayMs: 2_000 });

    const started = Date.now();
    const error = await providerErrorOf(clientOf(provider, { timeoutMs: 150 }).complete(chatRequest(model)));

    expect(error).toMatchObject({ provider, failure: "timeout", failsOver: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("a refused connection is a connection failure", async () => {
    const gone = provider === "openai" ? await startFakeOpenAI() : await startFakeAnthropic();
    await gone.close();

    const error = await providerErrorOf(
      clientOf(provider, { baseURL: gone.url }).complete(chatRequest(model)),
    );

    expect(error).toMatchObject({ provider, failure: "connection", failsOver: true });
  });

  it("the caller's own abort is passed on as it is, not as a provider failure", async () => {
    fakes[provider].respond = () => ({ output: ANSWER, delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await clientOf(provider)
      .complete(chatRequest(model, { signal: controller.signal }))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ProviderError);
  });

  it("the SDK retries a 503 once by default before it counts as a failure", async () => {
    let calls = 0;
    fakes[provider].respond = () => (++calls === 1 ? { status: 503, retryAfter: 0 } : { output: ANSWER });

    const response = await clientOf(provider, { maxRetries: undefined }).complete(chatRequest(model));

    expect(JSON.parse(response.json)).toEqual(ANSWER);
    expect(fakes[provider].requests).toHaveLength(2);
  });
});

describe("completeWithFailover", () => {
  const both = (): ProviderClients => ({
    openai: withBreaker(clientOf("openai", { timeoutMs: 150 }), new CircuitBreaker("openai")),
    anthropic: withBreaker(clientOf("anthropic"), new CircuitBreaker("anthropic")),
  });
  const build = (model: string) => chatRequest(model);

  it.each<[string, FakeReply, ProviderError["failure"]]>([
    ["503", { status: 503 }, "server"],
    ["429", { status: 429, retryAfter: 0 }, "rate_limited"],
    ["a timeout", { output: ANSWER, delayMs: 2_000 }, "timeout"],
  ])("asks the other provider's same tier when the preferred one answers %s", async (_, reply, failure) => {
    fakes.openai.respond = () => reply;

    const { response, attempts } = await completeWithFailover(
      both(),
      ["openai", "anthropic"],
      "large",
      build,
    );

    expect(response.provider).toBe("anthropic");
    expect(JSON.parse(response.json)).toEqual(ANSWER);
    expect(attempts).toEqual([
      { provider: "openai", model: "gpt-test", failure },
      { provider: "anthropic", model: "claude-test-sonnet", failure: null },
    ]);
    expect(fakes.openai.requests.map((r) => r.body.model)).toEqual(["gpt-test"]);
    expect(fakes.anthropic.requests.map((r) => r.body.model)).toEqual(["claude-test-sonnet"]);
  });

  it("stays with the preferred provider when it answers", async () => {
    const { response, attempts } = await completeWithFailover(
      both(),
      ["anthropic", "openai"],
      "small",
      build,
    );

    expect(response.provider).toBe("anthropic");
    expect(attempts).toEqual([{ provider: "anthropic", model: "claude-test-haiku", failure: null }]);
    expect(fakes.openai.requests).toHaveLength(0);
  });

  it("does not fail over on a 400: the other provider would get the same bad request", async () => {
    fakes.openai.respond = () => ({ status: 400 });

    const error = await providerErrorOf(
      completeWithFailover(both(), ["openai", "anthropic"], "small", build),
    );

    expect(error).toMatchObject({ provider: "openai", failure: "bad_request" });
    expect(fakes.anthropic.requests).toHaveLength(0);
  });

  it("reports every attempt when all providers fail over", async () => {
    fakes.openai.respond = () => ({ status: 503 });
    fakes.anthropic.respond = () => ({ status: 529 });

    const error = await providerErrorOf(
      completeWithFailover(both(), ["openai", "anthropic"], "small", build),
    );

    expect(error).toBeInstanceOf(ProvidersExhaustedError);
    expect((error as ProvidersExhaustedError).attempts).toEqual([
      { provider: "openai", model: "gpt-test-mini", failure: "server" },
      { provider: "anthropic", model: "claude-test-haiku", failure: "server" },
    ]);
  });

  it("skips a provider that is not configured, and says so when none is", async () => {
    const { anthropic } = both();
    const { attempts } = await completeWithFailover({ anthropic }, ["openai", "anthropic"], "small", build);
    expect(attempts.map((a) => a.provider)).toEqual(["anthropic"]);

    await expect(completeWithFailover({}, ["openai", "anthropic"], "small", build)).rejects.toBeInstanceOf(
      NoProviderConfiguredError,
    );
  });
});

describe("circuit breaker", () => {
  let now: number;
  let breaker: CircuitBreaker;
  let guarded: ProviderClient;
  beforeEach(() => {
    now = 1_000_000;
    breaker = new CircuitBreaker("openai", { failureThreshold: 3, cooldownMs: 10_000, now: () => now });
    guarded = withBreaker(clientOf("openai"), breaker);
  });
  const call = () => guarded.complete(chatRequest("gpt-test-mini"));

  it("opens after N failures in a row and then fails at once without a request", async () => {
    fakes.openai.respond = () => ({ status: 503 });

    for (let i = 0; i < 3; i++) expect((await providerErrorOf(call())).failure).toBe("server");
    expect(breaker.state).toBe("open");
    expect(fakes.openai.requests).toHaveLength(3);

    for (let i = 0; i < 5; i++) {
      expect(await providerErrorOf(call())).toMatchObject({ failure: "circuit_open", failsOver: true });
    }
    expect(fakes.openai.requests).toHaveLength(3);
  });

  it("half-opens after the cooldown: one successful trial call closes it", async () => {
    fakes.openai.respond = () => ({ status: 503 });
    for (let i = 0; i < 3; i++) await providerErrorOf(call());

    now += 9_999;
    expect((await providerErrorOf(call())).failure).toBe("circuit_open");
    now += 1;
    expect(breaker.state).toBe("half-open");
    fakes.openai.respond = () => ({ output: ANSWER });

    await expect(call()).resolves.toMatchObject({ provider: "openai" });
    expect(breaker.state).toBe("closed");
    expect(fakes.openai.requests).toHaveLength(4);
  });

  it("lets only one trial through while half-open, and a failed trial reopens it", async () => {
    fakes.openai.respond = () => ({ status: 503 });
    for (let i = 0; i < 3; i++) await providerErrorOf(call());
    now += 10_000;
    fakes.openai.respond = () => ({ status: 503, delayMs: 100 });

    const [trial, second] = await Promise.all([providerErrorOf(call()), providerErrorOf(call())]);

    expect(trial.failure).toBe("server");
    expect(second.failure).toBe("circuit_open");
    expect(breaker.state).toBe("open");
    expect(fakes.openai.requests).toHaveLength(4);
  });

  it("does not count answers that show the provider is up (a 400, unusable output)", async () => {
    fakes.openai.respond = () => ({ status: 400 });
    for (let i = 0; i < 3; i++) await providerErrorOf(call());
    fakes.openai.respond = () => ({ text: "no JSON here" });
    for (let i = 0; i < 3; i++) await providerErrorOf(call());

    expect(breaker.state).toBe("closed");
    expect(fakes.openai.requests).toHaveLength(6);
  });

  it("an open circuit fails over to the other provider without touching the network", async () => {
    fakes.openai.respond = () => ({ status: 503 });
    for (let i = 0; i < 3; i++) await providerErrorOf(call());
    const clients: ProviderClients = {
      openai: withBreaker(clientOf("openai"), breaker),
      anthropic: withBreaker(clientOf("anthropic"), new CircuitBreaker("anthropic")),
    };

    const { attempts } = await completeWithFailover(clients, ["openai", "anthropic"], "small", (m) =>
      chatRequest(m),
    );

    expect(attempts.map((a) => a.failure)).toEqual(["circuit_open", null]);
    expect(fakes.openai.requests).toHaveLength(3);
  });
});

describe("providerClients from the environment", () => {
  // vi.stubEnv, not setTestEnv: the unit project reuses worker processes, and these keys must not
  // leak into other files. env() caches its first parse, and nothing in this file calls it earlier.
  beforeAll(() => {
    stubRequiredEnv();
    vi.stubEnv("OPENAI_API_KEY", FAKE_API_KEY);
    vi.stubEnv("OPENAI_BASE_URL", fakes.openai.url);
    vi.stubEnv("OPENAI_MODEL_SMALL", "env-mini");
    vi.stubEnv("AI_TIMEOUT_MS", "5000");
    vi.stubEnv("ANTHROPIC_API_KEY", undefined);
  });
  afterEach(() => resetProviderClients());
  afterAll(() => vi.unstubAllEnvs());

  it("builds a client for each provider with a key; one without is not configured", async () => {
    const clients = providerClients();

    expect(clients.anthropic).toBeUndefined();
    expect(clients.openai?.model("small")).toBe("env-mini");
    expect(clients.openai?.model("large")).toBe("gpt-4o");
    const { response } = await completeWithFailover(clients, ["anthropic", "openai"], "small", (m) =>
      chatRequest(m),
    );
    expect(response.provider).toBe("openai");
    expect(fakes.openai.requests.map((r) => r.body.model)).toEqual(["env-mini"]);
  });

  it("keeps one set of clients, so breakers remember, until reset", () => {
    const first = providerClients();
    expect(providerClients()).toBe(first);
    expect(first.openai?.breaker.state).toBe("closed");

    resetProviderClients();
    expect(providerClients()).not.toBe(first);
  });
});
