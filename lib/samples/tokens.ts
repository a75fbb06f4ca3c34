import "server-only";

import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

import { env } from "@/lib/env";

/**
 * Feedback link tokens: 32 random bytes, base64url (43 characters), shown once to whoever creates
 * the link and stored only as their SHA-256 (feedback_link.token_hash). The portal finds a link by
 * hashing the token it is given; no raw token is ever compared or stored.
 *
 * An invitation e-mail has to carry the link, and only the mail sender (notification outbox, another
 * issue) sends mail. So the invitation's outbox row carries the token sealed (AES-256-GCM under a key
 * derived from AUTH_SECRET, which never reaches the database): the database holds no usable token,
 * and the sender opens it with `openToken` when it renders the mail.
 */

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** A string that could be a token: no real link is anything else, so others need no look-up. */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function hashToken(token: string): Uint8Array<ArrayBuffer> {
  const digest = createHash("sha256").update(token, "utf8").digest();
  const bytes = new Uint8Array(new ArrayBuffer(digest.length));
  bytes.set(digest);
  return bytes;
}

/** Where the customer answers: absolute when APP_URL is set, else the path. */
export function feedbackUrl(token: string): string {
  const path = `/feedback/${token}`;
  const base = env().APP_URL;
  return base ? new URL(path, base).toString() : path;
}

function sealKey(): Buffer {
  return Buffer.from(
    hkdfSync("sha256", env().AUTH_SECRET, "freshplan", "samples/feedback-link-token/v1", 32),
  );
}

/** The token sealed for the outbox: `v1.<iv>.<ciphertext+tag>`, base64url. */
export function sealToken(token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The token a `sealToken` result holds; throws when it was not sealed under this AUTH_SECRET. */
export function openToken(sealed: string): string {
  const [version, iv, body] = sealed.split(".");
  if (version !== "v1" || !iv || !body) throw new Error("Not a sealed feedback token.");
  const bytes = Buffer.from(body, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", sealKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
    "utf8",
  );
}
