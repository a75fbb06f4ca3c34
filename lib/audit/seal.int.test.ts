import { readFile, writeFile } from "node:fs/promises";

import type pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";

import { createOrganization } from "@/lib/auth/service";
import { withOrg, type OrgContext } from "@/lib/db";
import { env } from "@/lib/env";
import { runJob } from "@/lib/jobs/runner";
import { renderMetrics } from "@/lib/system/metrics";
import { runCli, runCliWith } from "@/test/cli";
import { TEST_AUDIT_CHAIN_KEY } from "@/test/env";
import { asSuperuser } from "@/test/pg";

import { publishedHeads } from "./heads";
import { keyringOf, sealOf } from "./seal";
import { recordAudits } from "./service";
import { verifyAuditChains, type VerifyReport } from "./verify";

// The keyed audit chain (issue #9): every event sealed with HMAC-SHA-256 under AUDIT_CHAIN_KEY, the
// chains' heads published outside the database, and what each of them catches when the owner of the
// tables rewrites history — with the plain hashes recomputed, with a wrong key, and with the key.

const testKeyring = keyringOf(TEST_AUDIT_CHAIN_KEY);

async function org(slug: string): Promise<OrgContext> {
  const created = await createOrganization({ name: `Org ${slug}`, slug });
  return { orgId: created.id, userId: null, roles: ["admin"] };
}

/** Appends events to the organisation's chain through the app; their ids, oldest first. */
async function record(ctx: OrgContext, ...actions: string[]): Promise<string[]> {
  await withOrg(ctx, (tx) =>
    recordAudits(
      tx,
      ctx,
      actions.map((action) => ({ action, resourceType: "test", resourceId: action })),
    ),
  );
  const ids = await eventIds(ctx.orgId);
  return ids.slice(ids.length - actions.length);
}

function eventIds(orgId: string): Promise<string[]> {
  return asSuperuser(async (c) =>
    (
      await c.query<{ id: string }>("SELECT id::text FROM audit_event WHERE org_id = $1 ORDER BY id", [orgId])
    ).rows.map((r) => r.id),
  );
}

/** The first broken event and head of one organisation's chain. */
function problemsOf(report: VerifyReport, orgId: string) {
  return {
    event: report.broken.find((b) => b.orgId === orgId) ?? null,
    head: report.heads.broken.find((h) => h.orgId === orgId) ?? null,
  };
}

// What the owner of the tables can do: switch the triggers off, change an event, and recompute the
// plain hash chain from there on, exactly as app_audit_link would have.
async function rewrite(client: pg.Client, orgId: string, eventId: string): Promise<string[]> {
  await client.query("SET session_replication_role = replica");
  await client.query("UPDATE audit_event SET action = 'test.innocent' WHERE id = $1", [eventId]);
  const { rows } = await client.query<{ id: string }>(
    "SELECT id::text FROM audit_event WHERE org_id = $1 AND id >= $2 ORDER BY id",
    [orgId, eventId],
  );
  let prev =
    (
      await client.query<{ hash: string }>(
        "SELECT hash FROM audit_event WHERE org_id = $1 AND id < $2 ORDER BY id DESC LIMIT 1",
        [orgId, eventId],
      )
    ).rows[0]?.hash ?? "0".repeat(64);
  for (const { id } of rows) {
    await client.query("UPDATE audit_event SET prev_hash = $2 WHERE id = $1", [id, prev]);
    prev = (
      await client.query<{ hash: string }>(
        "UPDATE audit_event a SET hash = app_audit_hash(a) WHERE id = $1 RETURNING hash",
        [id],
      )
    ).rows[0].hash;
  }
  return rows.map((r) => r.id);
}

/** Replaces the seals of `ids` with ones made by `secret`, filed under `keyId` (its own by default). */
async function reseal(client: pg.Client, orgId: string, ids: string[], secret: string, keyId?: string) {
  const key = keyringOf(secret).current;
  await client.query("DELETE FROM audit_seal WHERE event_id = ANY($1::bigint[])", [ids]);
  for (const id of ids) {
    const { hash } = (
      await client.query<{ hash: string }>("SELECT hash FROM audit_event WHERE id = $1", [id])
    ).rows[0];
    await client.query("INSERT INTO audit_seal (event_id, org_id, key_id, mac) VALUES ($1, $2, $3, $4)", [
      id,
      orgId,
      keyId ?? key.id,
      sealOf(key, { orgId, eventId: id, hash }),
    ]);
  }
}

const publishHeads = async () =>
  expect((await runJob("audit-chain-heads", "manual")).status).toBe("succeeded");

describe("sealing", () => {
  it("seals every event in its own transaction with the current key, over the hash the trigger made", async () => {
    const ctx = await org("seal-basic");
    await record(ctx, "test.one");
    await record(ctx, "test.two", "test.three");
    const rows = await asSuperuser(
      async (c) =>
        (
          await c.query<{ id: string; hash: string; key_id: string; mac: string }>(
            `SELECT a.id::text, a.hash, s.key_id, s.mac FROM audit_event a
             JOIN audit_seal s ON s.event_id = a.id AND s.org_id = a.org_id
             WHERE a.org_id = $1 ORDER BY a.id`,
            [ctx.orgId],
          )
        ).rows,
    );
    // org.created and the three recorded here, each with exactly one seal.
    expect(rows.map((r) => r.id)).toEqual(await eventIds(ctx.orgId));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.key_id).toBe(testKeyring.current.id);
      expect(row.mac).toBe(
        sealOf(testKeyring.current, { orgId: ctx.orgId, eventId: row.id, hash: row.hash }),
      );
    }
    expect(problemsOf(await verifyAuditChains(), ctx.orgId)).toEqual({ event: null, head: null });
  });
});

describe("a rewrite by the owner of the tables", () => {
  it("that recomputes the plain SHA-256 chain is named by its seal", async () => {
    const ctx = await org("seal-recomputed");
    const [, second] = await record(ctx, "test.one", "test.two", "test.three");
    await asSuperuser((c) => rewrite(c, ctx.orgId, second));

    const report = await verifyAuditChains();
    // The plain chain holds (app_audit_verify alone finds nothing): only the seal gives it away.
    expect(problemsOf(report, ctx.orgId).event).toEqual({
      orgId: ctx.orgId,
      orgSlug: "seal-recomputed",
      eventId: second,
      problem: "seal",
    });
  });

  it("that also seals again with another key is named too, whichever key id it claims", async () => {
    const claimed = await org("seal-claimed-key");
    const foreign = await org("seal-foreign-key");
    const wrongKey = "a-key-that-is-not-this-installations-0123456789";
    for (const [ctx, keyId] of [
      [claimed, testKeyring.current.id],
      [foreign, undefined],
    ] as const) {
      const [, second] = await record(ctx, "test.one", "test.two");
      await asSuperuser(async (c) =>
        reseal(c, ctx.orgId, await rewrite(c, ctx.orgId, second), wrongKey, keyId),
      );
    }
    const report = await verifyAuditChains();
    expect(problemsOf(report, claimed.orgId).event).toMatchObject({ problem: "seal" });
    expect(problemsOf(report, foreign.orgId).event).toMatchObject({ problem: "unknown-key" });
  });

  it("that seals again with the key passes every seal, but not the heads published before", async () => {
    const ctx = await org("seal-with-key");
    const [, second] = await record(ctx, "test.one", "test.two", "test.three");
    await publishHeads();
    const head = (await publishedHeads()).filter((h) => h.orgId === ctx.orgId).at(-1)!;
    await record(ctx, "test.four");

    await asSuperuser(async (c) =>
      reseal(c, ctx.orgId, await rewrite(c, ctx.orgId, second), TEST_AUDIT_CHAIN_KEY),
    );

    expect(problemsOf(await verifyAuditChains(), ctx.orgId)).toEqual({ event: null, head: null });
    const report = await verifyAuditChains({ heads: await publishedHeads() });
    expect(problemsOf(report, ctx.orgId)).toEqual({
      event: null,
      head: {
        orgId: ctx.orgId,
        orgSlug: "seal-with-key",
        publishedAt: head.publishedAt,
        eventId: head.eventId,
        problem: "changed",
      },
    });

    // The operator's view: the CLI reads AUDIT_HEADS_FILE and names the head.
    const cli = await runCli("audit:verify");
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(
      `organisation seal-with-key: the head published ${head.publishedAt} (event ${head.eventId}) no longer matches: its event's hash is another now (the chain was rewritten)`,
    );
  });

  it("that removes the seals is named from where the published heads say sealing began", async () => {
    const ctx = await org("seal-stripped");
    const [first] = await eventIds(ctx.orgId);
    const [, second] = await record(ctx, "test.one", "test.two");
    await publishHeads();
    await asSuperuser(async (c) => {
      await rewrite(c, ctx.orgId, second);
      await c.query("DELETE FROM audit_seal WHERE org_id = $1", [ctx.orgId]);
    });

    // Without the heads, the chain would pass for one from before the key.
    expect(problemsOf(await verifyAuditChains(), ctx.orgId)).toEqual({ event: null, head: null });
    const report = await verifyAuditChains({ heads: await publishedHeads() });
    expect(problemsOf(report, ctx.orgId).event).toMatchObject({ eventId: first, problem: "unsealed" });
    expect(problemsOf(report, ctx.orgId).head).toMatchObject({ problem: "changed" });
  });

  it("that appends an event past the app (without a seal) is named", async () => {
    const ctx = await org("seal-appended");
    await record(ctx, "test.one");
    const planted = await asSuperuser(
      async (c) =>
        (
          await c.query<{ id: string }>(
            `INSERT INTO audit_event (org_id, actor_type, action, resource_type)
             VALUES ($1, 'system', 'test.planted', 'test') RETURNING id::text`,
            [ctx.orgId],
          )
        ).rows[0].id,
    );
    expect(problemsOf(await verifyAuditChains(), ctx.orgId).event).toMatchObject({
      eventId: planted,
      problem: "unsealed",
    });
  });
});

describe("events from before the key", () => {
  it("still verify by their plain hashes, and their chain is sealed from the first event after", async () => {
    // An organisation and events as the code before this change wrote them: linked, not sealed.
    const orgId = "00000000-0000-4000-8000-00000000a0d1";
    const legacy = await asSuperuser(async (c) => {
      await c.query("INSERT INTO organization (id, slug, name) VALUES ($1, 'seal-legacy', 'Legacy')", [
        orgId,
      ]);
      for (const action of ["test.old_one", "test.old_two"]) {
        await c.query(
          "INSERT INTO audit_event (org_id, actor_type, action, resource_type) VALUES ($1, 'system', $2, 'test')",
          [orgId, action],
        );
      }
      return (await c.query("SELECT count(*)::int AS n FROM audit_event WHERE org_id = $1", [orgId])).rows[0]
        .n;
    });
    const before = await verifyAuditChains();
    expect(problemsOf(before, orgId)).toEqual({ event: null, head: null });
    expect(before.unsealed).toBeGreaterThanOrEqual(legacy);

    const [sealed] = await record({ orgId, userId: null, roles: ["admin"] }, "test.new");
    await publishHeads();
    const head = (await publishedHeads()).filter((h) => h.orgId === orgId).at(-1)!;
    expect(head).toMatchObject({ eventId: sealed, sealedSince: sealed });
    expect(problemsOf(await verifyAuditChains({ heads: await publishedHeads() }), orgId)).toEqual({
      event: null,
      head: null,
    });

    // Rewriting an event from before the key changes every later hash, and the sealed one's seal.
    const [oldFirst] = await eventIds(orgId);
    await asSuperuser((c) => rewrite(c, orgId, oldFirst));
    expect(problemsOf(await verifyAuditChains(), orgId).event).toMatchObject({
      eventId: sealed,
      problem: "seal",
    });
  });
});

describe("publishing the heads", () => {
  afterEach(() => vi.restoreAllMocks());

  it("puts each chain's head in a log line, the metric and the heads file, sealed", async () => {
    const ctx = await org("seal-published");
    const [last] = await record(ctx, "test.last");
    const logged = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const linesBefore = (await readFile(env().AUDIT_HEADS_FILE, "utf8").catch(() => "")).split("\n").length;

    const run = await runJob("audit-chain-heads", "manual");

    const hash = await asSuperuser(
      async (c) =>
        (await c.query("SELECT hash FROM audit_event WHERE id = $1", [last])).rows[0].hash as string,
    );
    const chains = await asSuperuser(
      async (c) =>
        (await c.query("SELECT count(*)::int AS n FROM (SELECT DISTINCT org_id FROM audit_event) c")).rows[0]
          .n as number,
    );
    expect(run).toMatchObject({ status: "succeeded", counts: { chains } });
    expect(logged.mock.calls.map(([line]) => String(line))).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^\\[audit\\] chain head \\{.*"org":"seal-published","eventId":"${last}","hash":"${hash}"`,
        ),
      ),
    );
    const heads = await publishedHeads();
    expect(heads.length - (linesBefore - 1)).toBe(chains);
    expect(heads.find((h) => h.orgId === ctx.orgId && h.eventId === last)).toMatchObject({
      org: "seal-published",
      hash,
      keyId: testKeyring.current.id,
    });
    expect((await renderMetrics()).body).toContain(
      `freshplan_audit_chain_head{chain="seal-published",hash="${hash}"} ${last}`,
    );
  });

  it("names a head that was edited in the file", async () => {
    const ctx = await org("seal-edited-head");
    await record(ctx, "test.one");
    await publishHeads();
    const file = env().AUDIT_HEADS_FILE;
    const text = await readFile(file, "utf8");
    const edited = text
      .split("\n")
      .map((line) =>
        line.includes('"org":"seal-edited-head"')
          ? line.replace(/"hash":"[0-9a-f]{64}"/, `"hash":"${"0".repeat(64)}"`)
          : line,
      )
      .join("\n");
    await writeFile(file, edited);
    const report = await verifyAuditChains({ heads: await publishedHeads() });
    expect(problemsOf(report, ctx.orgId).head).toMatchObject({ problem: "forged" });
  });
});

// Last: from here on, this file's chains hold seals of two keys.
describe("rotating the key", { timeout: 120_000 }, () => {
  it("keeps the old seals verifiable through AUDIT_CHAIN_KEY_PREVIOUS, and only through it", async () => {
    const rotated = "the-next-audit-chain-key-0123456789abcdefghij";
    const created = await runCliWith(
      { AUDIT_CHAIN_KEY: rotated, AUDIT_CHAIN_KEY_PREVIOUS: TEST_AUDIT_CHAIN_KEY },
      "orgs:create",
      "--name",
      "Rotated",
      "--slug",
      "seal-rotated",
    );
    expect(created.code).toBe(0);
    const newKeyId = keyringOf(rotated).current.id;
    const sealedWith = await asSuperuser(
      async (c) =>
        (
          await c.query<{ key_id: string }>(
            `SELECT s.key_id FROM audit_seal s JOIN organization o ON o.id = s.org_id WHERE o.slug = 'seal-rotated'`,
          )
        ).rows,
    );
    expect(sealedWith).toEqual([{ key_id: newKeyId }]);

    // This file's earlier tests broke other chains on purpose: what matters is that the chain sealed
    // with the old key and the one sealed with the new key both verify, and the old breaks still show.
    const both = await runCliWith(
      { AUDIT_CHAIN_KEY: rotated, AUDIT_CHAIN_KEY_PREVIOUS: TEST_AUDIT_CHAIN_KEY },
      "audit:verify",
    );
    expect(both.stdout).toContain(`organisation seal-with-key: the head published`);
    expect(both.stdout).not.toMatch(/organisation seal-(rotated|basic):/);

    const newOnly = await runCliWith({ AUDIT_CHAIN_KEY: rotated }, "audit:verify");
    expect(newOnly.code).toBe(1);
    expect(newOnly.stdout).toMatch(
      /^organisation seal-basic: event \d+ is sealed only with keys this installation does not know/m,
    );
    expect(newOnly.stdout).not.toMatch(/organisation seal-rotated:/);
  });
});
