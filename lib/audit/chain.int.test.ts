import { spawnSync } from "node:child_process";
import path from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { createOrganization } from "@/lib/auth/service";
import { withContext, withOrg, withoutOrg, type Tx, type OrgContext } from "@/lib/db";
import { env } from "@/lib/env";
import { childEnv, setTestEnv } from "@/test/env";
import { postgresCode, rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { publishAuditHeads } from "./heads";
import { recordAudit, recordAudits } from "./service";
import { verifyAuditChains } from "./verify";

// The audit chain as the database keeps it: append-only, written in the caller's transaction,
// one unbroken hash chain per organisation however many write at once, tampering detected.

// Enough connections for the concurrent writers below to really overlap.
setTestEnv({ DATABASE_POOL_MAX: "10" });

const root = path.resolve(import.meta.dirname, "../..");

async function org(slug: string): Promise<OrgContext> {
  const created = await createOrganization({ name: `Org ${slug}`, slug });
  return { orgId: created.id, userId: null, roles: ["admin"] };
}

async function record(ctx: OrgContext, action: string, extra: { before?: unknown; after?: unknown } = {}) {
  await withOrg(ctx, (tx) =>
    recordAudit(tx, ctx, { action, resourceType: "test", resourceId: action, ...extra }),
  );
}

interface StoredEvent {
  id: string;
  action: string;
  prev_hash: string;
  hash: string;
  before: unknown;
  after: unknown;
  actor_type: string;
}

/** An organisation's chain as the superuser sees it, in id order. */
function chainOf(orgId: string): Promise<StoredEvent[]> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<StoredEvent>(
      `SELECT id::text, action, prev_hash, hash, before, after, actor_type
       FROM audit_event WHERE org_id = $1 ORDER BY audit_event.id`,
      [orgId],
    );
    return rows;
  });
}

function expectLinked(chain: StoredEvent[]) {
  expect(chain[0]?.prev_hash).toBe("0".repeat(64));
  for (let i = 1; i < chain.length; i++)
    expect(chain[i].prev_hash, `event ${chain[i].id}`).toBe(chain[i - 1].hash);
  expect(new Set(chain.map((e) => e.hash)).size).toBe(chain.length);
}

/** The CLI, as an operator runs it, on this file's database. */
function cliVerify(...options: string[]) {
  const result = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "lib/cli/main.ts", "audit:verify", ...options],
    { cwd: root, env: childEnv(), encoding: "utf8", timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let main: OrgContext;

beforeAll(async () => {
  main = await org("chain-main");
});

describe("appending", () => {
  it("links each event to the previous one of its organisation, starting from the genesis hash", async () => {
    const ctx = await org("chain-linking");
    await record(ctx, "test.one");
    await record(ctx, "test.two");
    await record(ctx, "test.three");
    const chain = await chainOf(ctx.orgId);
    // org.created comes first: createOrganization records it.
    expect(chain.map((e) => e.action)).toEqual(["org.created", "test.one", "test.two", "test.three"]);
    expectLinked(chain);
    expect(chain.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });

  it("links events written in one statement (recordAudits) in their order, as if written one by one", async () => {
    const ctx = await org("chain-batch");
    await record(ctx, "test.before");
    await withOrg(ctx, (tx) =>
      recordAudits(
        tx,
        ctx,
        ["test.a", "test.b", "test.c"].map((action) => ({
          action,
          resourceType: "test",
          resourceId: action,
        })),
      ),
    );
    const chain = await chainOf(ctx.orgId);
    expect(chain.map((e) => e.action)).toEqual(["org.created", "test.before", "test.a", "test.b", "test.c"]);
    expectLinked(chain);
    expect((await verifyAuditChains()).broken.filter((b) => b.orgId === ctx.orgId)).toEqual([]);
  });

  it("records the system as actor for operator contexts, and the user or token otherwise", async () => {
    await record(main, "test.operator");
    const userCtx = { ...main, userId: "00000000-0000-4000-8000-000000000001" };
    await record(userCtx, "test.user");
    await record({ ...userCtx, actor: { type: "token", id: "tok-1" } }, "test.token");
    const rows = await asSuperuser(
      async (client) =>
        (
          await client.query(
            `SELECT action, actor_type, actor_id FROM audit_event WHERE action LIKE 'test.%' AND org_id = $1 ORDER BY id`,
            [main.orgId],
          )
        ).rows,
    );
    expect(rows).toEqual([
      { action: "test.operator", actor_type: "system", actor_id: null },
      { action: "test.user", actor_type: "user", actor_id: userCtx.userId },
      { action: "test.token", actor_type: "token", actor_id: "tok-1" },
    ]);
  });

  it("stores before/after with secrets and personal data redacted", async () => {
    const ctx = await org("chain-redact");
    await record(ctx, "test.redacted", {
      before: { password: "hunter2", email: "a@example.com", nested: { apiKey: "k-1", role: "sales" } },
      after: {
        token: "fpa_secret",
        tokenHash: "ab".repeat(32),
        phone: "+49 30 1",
        role: "admin",
        note: null,
      },
    });
    const [event] = (await chainOf(ctx.orgId)).filter((e) => e.action === "test.redacted");
    expect(event.before).toEqual({
      password: "[secret]",
      email: "[personal]",
      nested: { apiKey: "[secret]", role: "sales" },
    });
    expect(event.after).toEqual({
      token: "[secret]",
      tokenHash: "[secret]",
      phone: "[personal]",
      role: "admin",
      note: null,
    });
    expect(JSON.stringify(event)).not.toMatch(/hunter2|a@example\.com|k-1|fpa_secret|abab/);
  });
});

describe("append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE to the app role: permission denied (42501)", async () => {
    await record(main, "test.keep");
    const statements: ((tx: Tx) => Promise<unknown>)[] = [
      (tx: Tx) => tx.$executeRaw`UPDATE audit_event SET action = 'test.changed'`,
      (tx: Tx) => tx.$executeRaw`DELETE FROM audit_event`,
      (tx: Tx) => tx.$executeRaw`TRUNCATE audit_event`,
      (tx: Tx) => tx.auditEvent.deleteMany({ where: { orgId: main.orgId } }),
      (tx: Tx) =>
        tx.auditEvent.updateMany({ where: { orgId: main.orgId }, data: { action: "test.changed" } }),
    ];
    for (const statement of statements) {
      const error = await rejectionOf(withOrg(main, async (tx) => statement(tx)));
      expect(postgresCode(error)).toBe("42501");
      expect(String(error)).toMatch(/permission denied for table audit_event/);
    }
    expect((await chainOf(main.orgId)).some((e) => e.action === "test.keep")).toBe(true);
  });

  it("stops even the superuser, by trigger, for events and their seals", async () => {
    const refusals = await asSuperuser(async (client) => {
      const messages: string[] = [];
      for (const sql of [
        "UPDATE audit_event SET action = 'test.changed'",
        "DELETE FROM audit_event",
        // The seals refer to the events: TRUNCATE takes them along only when told to, then their
        // trigger refuses.
        "TRUNCATE audit_event CASCADE",
        "UPDATE audit_seal SET mac = repeat('0', 64)",
        "DELETE FROM audit_seal",
        "TRUNCATE audit_seal",
      ]) {
        const error = await rejectionOf(client.query(sql));
        expect(postgresCode(error), sql).toBe("42501");
        messages.push((error as Error).message);
      }
      return messages;
    });
    expect(refusals).toEqual(Array(6).fill("audit_event is append-only"));
  });
});

describe("the surrounding transaction", () => {
  it("takes the event with it when it rolls back", async () => {
    const ctx = await org("chain-rollback");
    const before = await chainOf(ctx.orgId);
    const error = await rejectionOf(
      withOrg(ctx, async (tx) => {
        await tx.organization.update({ where: { id: ctx.orgId }, data: { name: "Renamed" } });
        await recordAudit(tx, ctx, {
          action: "test.rolled_back",
          resourceType: "organization",
          resourceId: ctx.orgId,
        });
        throw new Error("the change fails after its event was written");
      }),
    );
    expect(String(error)).toMatch(/the change fails/);
    expect(await chainOf(ctx.orgId)).toEqual(before);
    // The chain goes on from the last committed event.
    await record(ctx, "test.after_rollback");
    expectLinked(await chainOf(ctx.orgId));
  });
});

describe("concurrent appends", () => {
  it("keep one unbroken chain: 20 parallel transactions", async () => {
    const ctx = await org("chain-parallel");
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withOrg(ctx, async (tx) => {
          await tx.$executeRaw`SELECT pg_sleep(${(i % 5) / 100})`;
          await recordAudit(tx, ctx, {
            action: "test.parallel",
            resourceType: "test",
            resourceId: String(i),
          });
        }),
      ),
    );
    const chain = await chainOf(ctx.orgId);
    expect(chain).toHaveLength(21);
    expectLinked(chain);
    expect((await verifyAuditChains()).broken.filter((b) => b.orgId === ctx.orgId)).toEqual([]);
  });

  it("stay in id order even when a writer that started first is linked last", async () => {
    // A writer slowed down between taking its row's id and linking it (a BEFORE INSERT trigger
    // that fires before app_audit_link, alphabetically) lets a later writer link first. The chain
    // must still verify: the id is drawn under the chain's lock.
    const ctx = await org("chain-overtaken");
    await asSuperuser(async (client) => {
      await client.query(`CREATE FUNCTION test_audit_delay() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.action = 'test.slow' THEN PERFORM pg_sleep(0.5); END IF; RETURN NEW; END $$`);
      await client.query(`CREATE TRIGGER audit_event_a_delay BEFORE INSERT ON audit_event
        FOR EACH ROW EXECUTE FUNCTION test_audit_delay()`);
    });
    try {
      const slow = record(ctx, "test.slow");
      await new Promise((resolve) => setTimeout(resolve, 150));
      await record(ctx, "test.fast");
      await slow;
    } finally {
      await asSuperuser(async (client) => {
        await client.query("DROP TRIGGER audit_event_a_delay ON audit_event");
        await client.query("DROP FUNCTION test_audit_delay()");
      });
    }
    const chain = await chainOf(ctx.orgId);
    expect(chain.map((e) => e.action)).toEqual(["org.created", "test.fast", "test.slow"]);
    expectLinked(chain);
    expect((await verifyAuditChains()).broken.filter((b) => b.orgId === ctx.orgId)).toEqual([]);
  });
});

describe("row-level security", () => {
  it("shows an organisation only its own events, and no context none", async () => {
    const a = await org("chain-rls-a");
    const b = await org("chain-rls-b");
    await record(a, "test.in_a");
    await record(b, "test.in_b");
    const seenByA = await withOrg(a, (tx) =>
      tx.auditEvent.findMany({ select: { orgId: true, action: true } }),
    );
    expect(new Set(seenByA.map((e) => e.orgId))).toEqual(new Set([a.orgId]));
    expect(seenByA.map((e) => e.action)).toContain("test.in_a");
    expect(await withOrg(a, (tx) => tx.auditEvent.count({ where: { orgId: b.orgId } }))).toBe(0);
    expect(await withoutOrg((tx) => tx.auditEvent.count())).toBe(0);
    expect(
      await withContext({ orgId: null, userId: null, roles: ["admin", "auditor"] }, (tx) =>
        tx.auditEvent.count(),
      ),
    ).toBe(0);
  });

  it("refuses an event for another organisation (42501)", async () => {
    const a = await org("chain-rls-c");
    const b = await org("chain-rls-d");
    const error = await rejectionOf(
      withOrg(a, (tx) =>
        recordAudit(tx, { ...a, orgId: b.orgId }, { action: "test.planted", resourceType: "test" }),
      ),
    );
    expect(postgresCode(error)).toBe("42501");
    expect((await chainOf(b.orgId)).map((e) => e.action)).toEqual(["org.created"]);
  });
});

describe("audit:verify", () => {
  it("reports every chain intact, with the number of events checked", async () => {
    const report = await verifyAuditChains();
    expect(report.broken).toEqual([]);
    const total = await asSuperuser(
      async (c) => (await c.query("SELECT count(*)::int AS n FROM audit_event")).rows[0].n,
    );
    expect(report.events).toBe(total);

    const cli = cliVerify();
    expect(cli.stderr).toBe("");
    expect(cli.stdout.trim().split("\n").at(-1)).toBe(
      `checked ${total} events in ${report.chains} chains: ok`,
    );
    expect(cli.status).toBe(0);
  });

  it("checks the heads in the file it is given, and says so when it cannot read it", async () => {
    await publishAuditHeads();
    const file = env().AUDIT_HEADS_FILE;
    const chains = (await verifyAuditChains()).chains;
    const cli = cliVerify("--heads", file);
    expect(cli.stdout.trim().split("\n").slice(-2)).toEqual([
      `checked ${chains} published heads: ok`,
      expect.stringMatching(/^checked \d+ events in \d+ chains: ok$/),
    ]);
    expect(cli.status).toBe(0);

    const missing = cliVerify("--heads", `${file}.missing`);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`error: Cannot read the published heads in ${file}.missing`);
  });

  it("names an edited event (hash) and the event after a removed one (link), per organisation", async () => {
    const edited = await org("chain-tamper-edit");
    const gap = await org("chain-tamper-gap");
    for (const ctx of [edited, gap]) for (const n of [1, 2, 3]) await record(ctx, `test.event_${n}`);
    const editedChain = await chainOf(edited.orgId);
    const gapChain = await chainOf(gap.orgId);
    const target = editedChain.find((e) => e.action === "test.event_2")!;
    const removed = gapChain.find((e) => e.action === "test.event_2")!;
    const afterRemoved = gapChain.find((e) => e.action === "test.event_3")!;

    // What an attacker with superuser rights would do: switch the triggers off, then edit.
    await asSuperuser(async (client) => {
      await client.query("SET session_replication_role = replica");
      await client.query("UPDATE audit_event SET action = 'test.innocent' WHERE id = $1", [target.id]);
      await client.query("DELETE FROM audit_event WHERE id = $1", [removed.id]);
    });

    const report = await verifyAuditChains();
    expect(report.broken).toEqual(
      expect.arrayContaining([
        { orgId: edited.orgId, orgSlug: "chain-tamper-edit", eventId: target.id, problem: "hash" },
        { orgId: gap.orgId, orgSlug: "chain-tamper-gap", eventId: afterRemoved.id, problem: "link" },
      ]),
    );
    expect(report.broken).toHaveLength(2);

    const cli = cliVerify();
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(
      `organisation chain-tamper-edit: event ${target.id} does not match its hash`,
    );
    expect(cli.stdout).toContain(`organisation chain-tamper-gap: event ${afterRemoved.id} does not link`);
    expect(cli.stdout.trim().split("\n").at(-1)).toMatch(
      /^checked \d+ events in \d+ chains: 2 broken chains$/,
    );
  });
});
