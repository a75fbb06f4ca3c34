import { randomBytes, randomUUID } from "node:crypto";

import { beforeAll, describe, expect, it } from "vitest";

import { runCliWith } from "@/test/cli";
import { asSuperuser } from "@/test/pg";
import { createTenant } from "@/test/tenants";

import { keyringOf, openSecrets, sealSecrets } from "./crypto";

// integrations:rotate-key through the operators' CLI, on this file's database: rows sealed under the
// old key end up under the new one, the new key alone opens them, and the audit trail says so
// without the secret.

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const SECRET = "smtp-password-never-in-audit";
let orgId: string;
let connectionId: string;

beforeAll(async () => {
  ({ orgId } = await createTenant("rotate-key"));
  connectionId = randomUUID();
  const sealed = sealSecrets(connectionId, { password: SECRET }, keyringOf(oldKey));
  await asSuperuser((client) =>
    client.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLINKL_MAIL', 'Mail', '{"host":"127.0.0.1"}', $3, $4)`,
      [connectionId, orgId, Buffer.from(sealed.secrets), sealed.keyId],
    ),
  );
});

async function storedRow() {
  return asSuperuser(
    async (client) =>
      (
        await client.query<{ secrets: Buffer; key_id: string }>(
          "SELECT secrets, key_id FROM integration_connection WHERE id = $1",
          [connectionId],
        )
      ).rows[0],
  );
}

describe("integrations:rotate-key", () => {
  it("re-encrypts every row under the current key, once, and audits it without the secret", async () => {
    const env = { INTEGRATIONS_KEY: newKey, INTEGRATIONS_KEY_PREVIOUS: oldKey };
    const first = await runCliWith(env, "integrations:rotate-key");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("rotated: 1");

    const row = await storedRow();
    const onlyNew = keyringOf(newKey);
    expect(row.key_id).toBe(onlyNew.current?.id);
    expect(openSecrets(connectionId, { secrets: row.secrets, keyId: row.key_id }, onlyNew)).toEqual({
      password: SECRET,
    });

    const again = await runCliWith(env, "integrations:rotate-key");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("rotated: 0");

    const events = await asSuperuser(
      async (client) =>
        (
          await client.query<{ text: string }>(
            `SELECT row_to_json(e)::text AS text FROM audit_event e
             WHERE org_id = $1 AND action = 'integration.connection.key_rotated'`,
            [orgId],
          )
        ).rows,
    );
    expect(events).toHaveLength(1);
    expect(events[0].text).not.toContain(SECRET);
  });

  it("fails (exit 1) when a row's key is neither current nor previous, leaving the row as it was", async () => {
    const before = await storedRow();
    const stranger = await runCliWith(
      { INTEGRATIONS_KEY: randomBytes(32).toString("base64") },
      "integrations:rotate-key",
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stdout).toContain("failed: 1");
    expect((await storedRow()).secrets.equals(before.secrets)).toBe(true);
  });
});
