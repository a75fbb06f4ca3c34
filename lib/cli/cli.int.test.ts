import { describe, expect, it } from "vitest";

import { verifyCredentials } from "@/lib/auth/login";
import { postgresStore } from "@/lib/http/rate-limit";
import { findUserIdByEmail } from "@/lib/auth/service";
import { authenticateToken } from "@/lib/auth/tokens";
import { runCli, type CliResult } from "@/test/cli";

// The CLI as operators and scripts use it: a child process, output parsed from its last line.

function expectError(result: CliResult, message: RegExp) {
  expect(result.code).not.toBe(0);
  expect(result.stderr.split("\n").filter((l) => l.startsWith("error:"))).toEqual([
    expect.stringMatching(message),
  ]);
}

// Each run starts tsx and compiles the CLI's imports: seconds apiece on a busy two-core machine.
describe("operator CLI", { timeout: 120_000 }, () => {
  it("creates an organisation, a user whose printed password signs in, and a token that authenticates", async () => {
    const org = await runCli("orgs:create", "--name", "CLI Frischdienst", "--slug", "cli-org");
    expect(org.stderr).toBe("");
    expect(org.code).toBe(0);
    expect(org.stdout).toMatch(/^created organisation cli-org \([0-9a-f-]{36}\)$/m);

    const user = await runCli(
      "users:create",
      "--email",
      "ops@cli.example",
      "--name",
      "Olga Ops",
      "--org",
      "cli-org",
      "--role",
      "admin",
    );
    expect(user.code).toBe(0);
    expect(user.lastLine).toMatch(/^[A-Za-z0-9]{20}$/);
    const userId = await findUserIdByEmail("ops@cli.example");
    expect(userId).not.toBeNull();
    expect(
      await verifyCredentials(
        { email: "ops@cli.example", password: user.lastLine },
        "192.0.2.10",
        postgresStore,
      ),
    ).toBe(userId);

    const token = await runCli(
      "tokens:create",
      "--email",
      "ops@cli.example",
      "--name",
      "deploy",
      "--days",
      "7",
    );
    expect(token.code).toBe(0);
    expect(token.lastLine).toMatch(/^fpa_[A-Za-z0-9_-]{43}$/);
    expect(await authenticateToken(token.lastLine)).toMatchObject({
      userId,
      orgSlug: "cli-org",
      role: "admin",
    });
  });

  it("refuses bad input with an error line on stderr and a non-zero exit", async () => {
    await runCli("orgs:create", "--name", "CLI Errors", "--slug", "cli-errors");
    const [badRole, missingOption, unknownOrg, unknownOption, duplicateSlug] = await Promise.all([
      runCli(
        "users:create",
        "--email",
        "x@cli.example",
        "--name",
        "X",
        "--org",
        "cli-errors",
        "--role",
        "boss",
      ),
      runCli("users:create", "--email", "x@cli.example", "--org", "cli-errors", "--role", "sales"),
      runCli(
        "users:create",
        "--email",
        "x@cli.example",
        "--name",
        "X",
        "--org",
        "no-such-org",
        "--role",
        "sales",
      ),
      runCli("orgs:create", "--name", "X", "--slug", "x", "--colour", "red"),
      runCli("orgs:create", "--name", "Again", "--slug", "cli-errors"),
    ]);
    expectError(badRole, /^error: role: /);
    expectError(missingOption, /^error: --name is required$/);
    expectError(unknownOrg, /^error: No organisation with slug "no-such-org"/);
    expectError(unknownOption, /^error: .*--colour/);
    expectError(duplicateSlug, /^error: The slug "cli-errors" is taken/);
    expect(await findUserIdByEmail("x@cli.example")).toBeNull();
  });

  it("reports the database status with exit 0", async () => {
    const status = await runCli("db:status");
    expect({ code: status.code, stdout: status.stdout, stderr: status.stderr }).toMatchObject({ code: 0 });
    expect(status.stdout).toContain("database: up");
    expect(status.stdout).toContain("migrations pending: none");
  });

  it("answers an unknown command with usage and exit 2, also one named like an object's own member", async () => {
    const names = ["nope", "constructor", "__proto__"];
    const results = await Promise.all(names.map((name) => runCli(name)));
    for (const [i, result] of results.entries()) {
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`unknown command "${names[i]}"`);
      expect(result.stderr).toContain("usage: npm run cli");
    }
  });
});
