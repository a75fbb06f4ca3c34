import { describe, expect, it } from "vitest";

import { redactError, retryAfterMs } from "./errors";
import { Quota } from "./quota";

describe("redactError", () => {
  it("removes credentials from URLs, bearer tokens and password pairs", () => {
    const text = redactError(
      "connect smtps://mailer:s3cret@mail.example:465 failed; Authorization: Bearer abc.def password=hunter2",
    );
    expect(text).not.toMatch(/s3cret|abc\.def|hunter2/);
    expect(text).toContain("smtps://[secret]@mail.example:465");
  });
});

describe("retryAfterMs", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(retryAfterMs("3")).toBe(3000);
    const now = Date.parse("2026-12-07T10:00:00Z");
    expect(retryAfterMs("Mon, 07 Dec 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("soon")).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe("Quota", () => {
  it("keeps to the documented limit per sliding minute", async () => {
    const quota = new Quota({ perMinute: 2, maxWaitMs: 100 });
    await quota.take();
    await quota.take();
    expect(quota.waitMs()).toBeGreaterThan(59_000);
    await expect(quota.take()).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("reads X-RateLimit-Reset as epoch seconds or as seconds from now", () => {
    const now = 1_800_000_000_000;
    const quota = new Quota({ perMinute: 100, maxWaitMs: 100 });
    quota.observe(new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }), now);
    expect(quota.waitMs(now)).toBe(30_000);
    quota.observe(new Headers({ "x-ratelimit-reset": String(now / 1000 + 10) }), now);
    expect(quota.waitMs(now)).toBe(10_000);
    quota.observe(new Headers({ "x-ratelimit-remaining": "5" }), now);
    expect(quota.waitMs(now)).toBe(0);
  });
});
