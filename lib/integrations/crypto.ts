import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Secrets of integration connections at rest: AES-256-GCM under INTEGRATIONS_KEY. A stored blob is
 * iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext of the secrets as JSON; the row's key_id names the key
 * (the first 8 hex digits of its SHA-256), so rows sealed under a retired key (listed in
 * INTEGRATIONS_KEY_PREVIOUS) still open until integrations:rotate-key re-encrypts them. The
 * connection's id is the additional authenticated data: a blob copied onto another row does not open.
 */

const IV_BYTES = 12;
const TAG_BYTES = 16;

export type Secrets = Record<string, string>;

export interface Keyring {
  /** Encrypts new secrets; undefined when INTEGRATIONS_KEY is not set. */
  current?: { id: string; key: Buffer };
  /** Every key that may open a blob, by id: the current one and the previous ones. */
  byId: Map<string, Buffer>;
}

export interface Sealed {
  secrets: Uint8Array<ArrayBuffer>;
  keyId: string;
}

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** A keyring from base64 keys: the current one (optional) and the previous ones. */
export function keyringOf(current: string | undefined, previous: readonly string[] = []): Keyring {
  const byId = new Map<string, Buffer>();
  const decode = (text: string) => {
    const key = Buffer.from(text, "base64");
    if (key.length !== 32) throw new Error("an integrations key must be 32 bytes");
    return key;
  };
  const currentKey = current === undefined ? undefined : decode(current);
  for (const key of [...(currentKey ? [currentKey] : []), ...previous.map(decode)]) {
    byId.set(keyIdOf(key), key);
  }
  return { current: currentKey && { id: keyIdOf(currentKey), key: currentKey }, byId };
}

/** The keyring from the environment. */
export function keyring(): Keyring {
  const e = env();
  return keyringOf(e.INTEGRATIONS_KEY, e.INTEGRATIONS_KEY_PREVIOUS ?? []);
}

export function canEncrypt(ring: Keyring = keyring()): boolean {
  return ring.current !== undefined;
}

/** Encrypts a connection's secrets under the current key; "not configured" without one. */
export function sealSecrets(connectionId: string, secrets: Secrets, ring: Keyring = keyring()): Sealed {
  if (!ring.current) {
    throw new AppError("unavailable", "INTEGRATIONS_KEY is not configured: secrets cannot be stored", {
      text: { code: "integrations.errors.keyNotConfigured" },
    });
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(connectionId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  const blob = new Uint8Array(IV_BYTES + TAG_BYTES + ciphertext.length);
  blob.set(iv, 0);
  blob.set(cipher.getAuthTag(), IV_BYTES);
  blob.set(ciphertext, IV_BYTES + TAG_BYTES);
  return { secrets: blob, keyId: ring.current.id };
}

/**
 * Opens a blob. Throws when its key is unknown (rotated away without re-encrypting) or the blob was
 * altered or belongs to another connection; the message never contains the secrets.
 */
export function openSecrets(
  connectionId: string,
  sealed: { secrets: Uint8Array; keyId: string },
  ring: Keyring = keyring(),
): Secrets {
  const key = ring.byId.get(sealed.keyId);
  if (!key) {
    throw new AppError(
      "unavailable",
      `the key ${sealed.keyId} that encrypted this connection's secrets is not configured`,
      { text: { code: "integrations.errors.keyUnknown", params: { keyId: sealed.keyId } } },
    );
  }
  const blob = Buffer.from(sealed.secrets);
  if (blob.length <= IV_BYTES + TAG_BYTES) throw new Error("integration secrets: blob too short");
  const decipher = createDecipheriv("aes-256-gcm", key, blob.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(connectionId, "utf8"));
  decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  let plain: string;
  try {
    plain = Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new Error(`integration secrets of connection ${connectionId} do not authenticate`);
  }
  const parsed = JSON.parse(plain) as unknown;
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error("integration secrets: not an object");
  }
  const out: Secrets = Object.create(null) as Secrets;
  for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") out[name] = value;
  return out;
}
