import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { POST } from "@/app/(admin)/[org]/system/backups/[id]/download/route";
import { loadAccount } from "@/lib/auth/account";
import { addMember, createOrganization } from "@/lib/auth/service";
import { currentAccount } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";
import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";

import { createBackup } from "./backup";

// A backup's download as Next.js calls the route: only the operator's admin, only with their
// password typed again, audited; the bytes are the file whose SHA-256 was recorded. Only the
// cookie session is stood in for (next-auth needs a request scope).
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof SessionModule>()),
  currentAccount: vi.fn(),
}));

setTestEnv({
  PLATFORM_ORG_SLUG: "download-op",
  BACKUP_DIR: mkdtempSync(path.join(tmpdir(), "freshplan-download-")),
});

const users: Record<string, { id: string; password: string | null }> = {};
let backupId: string;
let sha256: string;

async function post(who: string, org: string, id: string, body: unknown) {
  vi.mocked(currentAccount).mockResolvedValue(await loadAccount(users[who].id));
  return POST(
    new Request(`http://localhost/${org}/system/backups/${id}/download`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ org, id }) },
  );
}

beforeAll(async () => {
  await createOrganization({ name: "Operator", slug: "download-op" });
  await createOrganization({ name: "Customer", slug: "download-other" });
  for (const [key, slug, role] of [
    ["operator", "download-op", "admin"],
    ["partner", "download-op", "sales"],
    ["otherAdmin", "download-other", "admin"],
  ] as const) {
    const created = await addMember({
      email: `${key}@download.example`,
      name: key,
      orgSlug: slug,
      role,
      locale: "de",
    });
    users[key] = { id: created.userId, password: created.password };
  }
  const backup = await createBackup("cli");
  if (backup.status !== "succeeded") throw new Error(backup.error);
  backupId = backup.id;
  sha256 = backup.sha256;
});

describe("POST /[org]/system/backups/[id]/download", () => {
  it("sends the operator's admin the file after their password, and audits it", async () => {
    const wrong = await post("operator", "download-op", backupId, { password: "not-my-password" });
    expect(wrong.status).toBe(422);
    const response = await post("operator", "download-op", backupId, { password: users.operator.password });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="freshplan-.+\.dump"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
    expect(response.headers.get("x-backup-sha256")).toBe(sha256);
    const events = await asSuperuser(
      async (c) =>
        (
          await c.query<{ actor_id: string; resource_id: string }>(
            "SELECT actor_id, resource_id FROM audit_event WHERE action = 'system.backup.downloaded'",
          )
        ).rows,
    );
    expect(events).toEqual([{ actor_id: users.operator.id, resource_id: backupId }]);
  });

  it("refuses a partner and another organisation's admin, whatever they type", async () => {
    for (const [who, org] of [
      ["partner", "download-op"],
      ["otherAdmin", "download-other"],
    ] as const) {
      const response = await post(who, org, backupId, { password: users[who].password });
      expect(response.status).toBe(403);
    }
  });
});
