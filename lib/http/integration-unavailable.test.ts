import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";

import { errorResponse } from "./api";

// An open circuit breaker (lib/integrations/resilience.ts) reaches an API client as problem+json
// 503 of type integration-unavailable, with Retry-After and the message code whose text says since
// and until when.

describe("integration_unavailable", () => {
  it("answers 503 problem+json …/integration-unavailable with Retry-After", async () => {
    const since = new Date("2026-12-07T10:00:00Z");
    const until = new Date("2026-12-07T10:01:00Z");
    const error = new AppError("integration_unavailable", "Xentral is unavailable since … until …", {
      retryAfterSeconds: 42,
      text: { code: "integrations.errors.unavailable", params: { provider: "Xentral", since, until } },
    });
    const answer = errorResponse(error, "req-1", "/api/v1/products");
    expect(answer.status).toBe(503);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("retry-after")).toBe("42");
    const body = (await answer.json()) as { type: string; code: string; detail: string };
    expect(body.type).toMatch(/\/problems\/integration-unavailable$/);
    expect(body.code).toBe("integrations.errors.unavailable");
    expect(body.detail).toContain("Xentral is unavailable");
  });
});
