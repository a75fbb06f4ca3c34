import { randomBytes, randomUUID } from "node:crypto";

import { afterEach, describe, expect, it, vi } from "vitest";

import { parseEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { stubRequiredEnv } from "@/test/stub-env";

import { canEncrypt, keyIdOf, keyring, keyringOf, openSecrets, sealSecrets } from "./crypto";

const newKey = () => randomBytes(32).toString("base64");

afterEach(() => vi.unstubAllEnvs());

describe("integration secrets at rest", () => {
  const id = randomUUID();

  it("round-trips under the current key, and the blob holds neither the secret nor its JSON", () => {
    const ring = keyringOf(newKey());
    const sealed = sealSecrets(id, { password: "hunter2-very-secret" }, ring);
    expect(Buffer.from(sealed.secrets).toString("latin1")).not.toContain("hunter2");
    expect(sealed.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(openSecrets(id, sealed, ring)).toEqual({ password: "hunter2-very-secret" });
  });

  it("uses a fresh iv each time: the same secret never encrypts to the same blob", () => {
    const ring = keyringOf(newKey());
    const a = sealSecrets(id, { password: "same" }, ring);
    const b = sealSecrets(id, { password: "same" }, ring);
    expect(Buffer.from(a.secrets).equals(Buffer.from(b.secrets))).toBe(false);
  });

  it("names the key by the first 8 hex digits of its SHA-256", () => {
    const key = Buffer.alloc(32, 1);
    expect(keyIdOf(key)).toBe("72cd6e84");
    expect(keyringOf(key.toString("base64")).current?.id).toBe("72cd6e84");
  });

  it("refuses a blob that was altered or moved to another connection", () => {
    const ring = keyringOf(newKey());
    const sealed = sealSecrets(id, { password: "p" }, ring);
    const flipped = new Uint8Array(sealed.secrets);
    flipped[flipped.length - 1] ^= 1;
    expect(() => openSecrets(id, { ...sealed, secrets: flipped }, ring)).toThrow(/do not authenticate/);
    expect(() => openSecrets(randomUUID(), sealed, ring)).toThrow(/do not authenticate/);
  });

  it("opens a row sealed under a previous key, and only while that key is listed", () => {
    const old = newKey();
    const sealed = sealSecrets(id, { password: "p" }, keyringOf(old));
    const rotated = keyringOf(newKey(), [old]);
    expect(openSecrets(id, sealed, rotated)).toEqual({ password: "p" });
    const resealed = sealSecrets(id, openSecrets(id, sealed, rotated), rotated);
    expect(resealed.keyId).toBe(rotated.current?.id);
    expect(resealed.keyId).not.toBe(sealed.keyId);
    const error = (() => {
      try {
        openSecrets(id, sealed, keyringOf(newKey()));
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && error.text?.code).toBe("integrations.errors.keyUnknown");
  });

  it("without INTEGRATIONS_KEY refuses to store secrets: not configured, not a crash", () => {
    stubRequiredEnv({ INTEGRATIONS_KEY: undefined });
    expect(canEncrypt(keyring())).toBe(false);
    const error = (() => {
      try {
        sealSecrets(id, { password: "p" }, keyring());
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && error.kind).toBe("unavailable");
    expect(isAppError(error) && error.text?.code).toBe("integrations.errors.keyNotConfigured");
  });

  it("reads the keys from the environment and refuses one that is not 32 bytes of base64", () => {
    const base = {
      DATABASE_URL: "postgresql://h/db",
      AUTH_SECRET: "x".repeat(32),
      AUDIT_CHAIN_KEY: "y".repeat(32),
    };
    const current = newKey();
    const previous = [newKey(), newKey()];
    const e = parseEnv({
      ...base,
      INTEGRATIONS_KEY: current,
      INTEGRATIONS_KEY_PREVIOUS: previous.join(", "),
    });
    expect(e.INTEGRATIONS_KEY).toBe(current);
    expect(e.INTEGRATIONS_KEY_PREVIOUS).toEqual(previous);
    expect(() => parseEnv({ ...base, INTEGRATIONS_KEY: randomBytes(16).toString("base64") })).toThrow(
      /INTEGRATIONS_KEY must be 32 bytes/,
    );
    expect(() => parseEnv({ ...base, INTEGRATIONS_KEY: "not base64 at all!" })).toThrow(/INTEGRATIONS_KEY/);
  });
});
