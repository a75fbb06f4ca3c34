import { readdirSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { asSuperuser } from "@/test/pg";

import { checkHealth } from "./health";

const shipped = readdirSync(path.join(process.cwd(), "sql", "migrations"))
  .filter((f) => f.endsWith(".sql"))
  .map((f) => f.split("_")[0])
  .sort();

describe("checkHealth", () => {
  it("reports ok on the migrated database", async () => {
    const health = await checkHealth();
    expect(health).toEqual({
      status: "ok",
      database: "up",
      migrations: { applied: shipped.length, pending: [] },
      checkedAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(health.checkedAt))).toBe(false);
  });

  it("reports degraded with the pending version when a migration is missing", async () => {
    const last = shipped.at(-1)!;
    await asSuperuser((c) => c.query("DELETE FROM schema_migrations WHERE version = $1", [last]));
    try {
      expect(await checkHealth()).toMatchObject({
        status: "degraded",
        database: "up",
        migrations: { pending: [last] },
      });
    } finally {
      await asSuperuser((c) => c.query("INSERT INTO schema_migrations (version) VALUES ($1)", [last]));
    }
    expect((await checkHealth()).status).toBe("ok");
  });
});
