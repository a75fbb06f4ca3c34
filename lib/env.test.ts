import { describe, expect, it } from "vitest";

import { defaultPoolSize, parseEnv } from "./env";

const REQUIRED = {
  DATABASE_URL: "postgresql://app@127.0.0.1:5432/freshplan",
  AUTH_SECRET: "a-secret-of-at-least-thirty-two-characters",
  AUDIT_CHAIN_KEY: "an-audit-key-of-at-least-32-bytes-0123",
};

describe("parseEnv", () => {
  it("treats an empty variable as unset: its default applies, an optional one is absent", () => {
    const env = parseEnv({ ...REQUIRED, ANTHROPIC_API_KEY: "", OPENAI_MODEL_SMALL: "", AI_TIMEOUT_MS: "" });
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.OPENAI_MODEL_SMALL).toBe("gpt-4o-mini");
    expect(env.AI_TIMEOUT_MS).toBe(30_000);
  });

  it("wants audit chain keys of 32 bytes or more, and reads the previous ones as a list", () => {
    // 11 characters of 3 bytes each: 33 bytes, though only 11 characters.
    const env = parseEnv({
      ...REQUIRED,
      AUDIT_CHAIN_KEY: "€".repeat(11),
      AUDIT_CHAIN_KEY_PREVIOUS: ` ${"a".repeat(32)}, ${"b".repeat(40)} `,
    });
    expect(env.AUDIT_CHAIN_KEY_PREVIOUS).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(env.AUDIT_HEADS_FILE).toBe(".data/audit-heads.jsonl");
    expect(() => parseEnv({ ...REQUIRED, AUDIT_CHAIN_KEY: "short" })).toThrow(
      /AUDIT_CHAIN_KEY: AUDIT_CHAIN_KEY must be at least 32 bytes/,
    );
    expect(() => parseEnv({ ...REQUIRED, AUDIT_CHAIN_KEY_PREVIOUS: `${"a".repeat(32)},short` })).toThrow(
      /AUDIT_CHAIN_KEY_PREVIOUS\.1: AUDIT_CHAIN_KEY_PREVIOUS must be at least 32 bytes/,
    );
  });

  it("sizes the pool at twice the CPU cores, at least 4, unless DATABASE_POOL_MAX says otherwise", () => {
    expect([1, 2, 3, 8].map((cores) => defaultPoolSize(cores))).toEqual([4, 4, 6, 16]);
    expect(parseEnv(REQUIRED).DATABASE_POOL_MAX).toBe(defaultPoolSize());
    expect(parseEnv({ ...REQUIRED, DATABASE_POOL_MAX: "3" }).DATABASE_POOL_MAX).toBe(3);
  });

  it("takes REDIS_URL as redis:// or rediss:// only, and leaves it unset by default", () => {
    expect(parseEnv(REQUIRED).REDIS_URL).toBeUndefined();
    expect(parseEnv({ ...REQUIRED, REDIS_URL: "rediss://cache.example:6380" }).REDIS_URL).toBe(
      "rediss://cache.example:6380",
    );
    expect(() => parseEnv({ ...REQUIRED, REDIS_URL: "http://cache.example" })).toThrow(/REDIS_URL/);
  });

  it("names every malformed or missing variable", () => {
    expect(() =>
      parseEnv({ DATABASE_URL: "mysql://x", AUTH_SECRET: "", OPENAI_BASE_URL: "not a url" }),
    ).toThrow(
      /Invalid environment:\n {2}DATABASE_URL: .*\n {2}AUTH_SECRET: .*\n {2}AUDIT_CHAIN_KEY: .*\n {2}OPENAI_BASE_URL: /,
    );
  });
});

describe("parseEnv with a polluted Object.prototype", () => {
  it("reads own variables only: an unset optional one stays undefined", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.PLATFORM_ORG_SLUG = "attacker-org";
    proto.OPENAI_BASE_URL = "https://attacker.example/v1";
    try {
      const env = parseEnv({ ...REQUIRED });
      expect(env.PLATFORM_ORG_SLUG).toBeUndefined();
      expect(env.OPENAI_BASE_URL).toBeUndefined();
    } finally {
      delete proto.PLATFORM_ORG_SLUG;
      delete proto.OPENAI_BASE_URL;
    }
  });
});
