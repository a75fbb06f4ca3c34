import { execFile } from "node:child_process";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { testDatabaseUrl } from "@/test/env";

// sql/schema.sql shows the whole database as the migrations leave it. This file's database is a
// copy of the run's freshly migrated template, so its dump is what the migrations make: the script
// that writes the file compares the two and prints a diff when they differ.

const root = path.resolve(import.meta.dirname, "../..");

describe("sql/schema.sql", () => {
  it("is the schema the migrations make (else: npm run db:dump, and commit it)", async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [path.join(root, "scripts/db-dump.mjs"), "--check", "--url", testDatabaseUrl()],
        { cwd: root, timeout: 60_000, maxBuffer: 16 << 20 },
        (error, stdout, stderr) =>
          resolve({
            code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
            output: stdout + stderr,
          }),
      );
    });
    expect(code, output).toBe(0);
  });
});
