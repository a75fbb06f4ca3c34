import { appendFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { asSuperuser, withAdmin, withClient } from "@/test/pg";
import { createTenant, registerLead } from "@/test/tenants";

import { logActivity } from "@/lib/leads/clock";

import { createBackup, pruneBackups } from "./backup";
import { runDrill } from "./drill";

// A backup of a seeded database (two organisations, a lead, their audit trails) restores in a drill
// with every check passing; a restore that differs from what was dumped fails, naming what broke;
// the drill's scratch database never stays behind. One backup serves every case (each costs
// seconds), the tampering happens to the restored copy or to the file.

let dir: string;
let orgId: string;

async function drillDatabases(): Promise<string[]> {
  return withAdmin(async (admin) =>
    (
      await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE '%\\_drill\\_%'",
      )
    ).rows.map((r) => r.datname),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "freshplan-backups-"));
  const a = await createTenant("backup-a");
  await createTenant("backup-b");
  const { leadId } = await registerLead(a, "Kantine Nord");
  // An activity: its CHECK calls app_lead_activity_kinds() while pg_restore copies it, with an empty
  // search_path (the drill once failed on exactly that).
  await logActivity(a.sales, leadId, { kind: "QUALIFIED_CALL", note: "Termin vereinbart" });
  orgId = a.orgId;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("backups and restore drills", () => {
  let backupId: string;

  it("dumps the database with its checksum, row counts and migrations", async () => {
    const before = await drillDatabases();
    const result = await createBackup("cli", { dir });
    expect(result).toMatchObject({ status: "succeeded", pruned: 0 });
    if (result.status !== "succeeded") return;
    backupId = result.id;
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await readdir(dir)).toEqual([result.fileName]);
    const [row] = await asSuperuser(
      async (c) =>
        (
          await c.query<{ row_counts: Record<string, number>; migrations: string[]; size_bytes: string }>(
            "SELECT row_counts, migrations, size_bytes FROM backup_run WHERE id = $1",
            [result.id],
          )
        ).rows,
    );
    expect(row.row_counts).toMatchObject({ organization: 2, lead: 1 });
    expect(row.migrations).toContain("20261209200000");
    expect(Number(row.size_bytes)).toBe(result.sizeBytes);

    const drill = await runDrill("cli", { dir });
    expect(drill.checks.filter((c) => !c.ok)).toEqual([]);
    expect(drill).toMatchObject({ status: "passed", backupId: result.id });
    expect(drill.checks.map((c) => c.check)).toEqual([
      "checksum",
      "restore",
      "migrations",
      "row_counts",
      "force_rls",
      "audit_chain",
    ]);
    expect(drill.rtoSeconds).toBeGreaterThan(0);
    expect(drill.rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(await drillDatabases()).toEqual(before);
  });

  it("fails a restore whose rows, row-level security and audit trail differ, naming each", async () => {
    const drill = await runDrill("cli", {
      dir,
      backupId,
      async beforeVerify(scratchUrl) {
        await withClient(scratchUrl, async (c) => {
          // Past the triggers (foreign keys, the audit trail's append-only guard), as a raw edit would.
          await c.query("SET session_replication_role = replica");
          await c.query("DELETE FROM lead");
          await c.query("ALTER TABLE membership NO FORCE ROW LEVEL SECURITY");
          await c.query(
            "UPDATE audit_event SET action = 'org.renamed' WHERE id = (SELECT min(id) FROM audit_event WHERE org_id = $1)",
            [orgId],
          );
        });
      },
    });
    expect(drill.status).toBe("failed");
    const failed = Object.fromEntries(drill.checks.filter((c) => !c.ok).map((c) => [c.check, c.detail]));
    expect(Object.keys(failed).sort()).toEqual(["audit_chain", "force_rls", "row_counts"]);
    expect(failed.row_counts).toMatch(/lead: 1 in the backup, 0 restored/);
    expect(failed.force_rls).toMatch(/membership/);
    expect(failed.audit_chain).toMatch(/hash/);
    const [row] = await asSuperuser(
      async (c) =>
        (
          await c.query<{ status: string; error: string }>(
            "SELECT status, error FROM backup_drill WHERE id = $1",
            [drill.id],
          )
        ).rows,
    );
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/row_counts: .*force_rls: .*audit_chain: /);
  });

  it("fails a drill on a dump file that changed after it was recorded", async () => {
    const [file] = await readdir(dir);
    await appendFile(path.join(dir, file), "tampered");
    const drill = await runDrill("cli", { dir, backupId });
    expect(drill.status).toBe("failed");
    expect(drill.checks.find((c) => c.check === "checksum")).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/the file changed/),
    });
  });

  it("prunes by retention but never the newest good backup nor the one a drill passed on", async () => {
    const second = await createBackup("cli", { dir });
    expect(second).toMatchObject({ status: "succeeded", pruned: 0 });
    // All are of today, so the default retention keeps one per day, the newest: the third's run
    // prunes the second, and keeps the first as the one a drill passed on. The row stays.
    const third = await createBackup("cli", { dir });
    expect(third).toMatchObject({ status: "succeeded", pruned: 1 });
    expect(await readdir(dir)).toHaveLength(2);
    const rows = await asSuperuser(
      async (c) =>
        (
          await c.query<{ id: string; pruned: boolean }>(
            "SELECT id, pruned_at IS NOT NULL AS pruned FROM backup_run ORDER BY started_at",
          )
        ).rows,
    );
    expect(rows).toEqual([
      { id: backupId, pruned: false },
      { id: second.id, pruned: true },
      { id: third.id, pruned: false },
    ]);
    // Nothing kept by the policy: still the newest and the drilled one.
    expect(await pruneBackups({ dir, policy: { daily: 0, weekly: 0, monthly: 0 } })).toBe(0);
  });
});
