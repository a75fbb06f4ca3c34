import { beforeAll, describe, expect, it } from "vitest";

import { rejectionOf } from "@/test/errors";
import { asSuperuser } from "@/test/pg";

import { addMember, createOrganization } from "@/lib/auth/service";
import { systemContext, type MemberContext } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { flushAppLog, log } from "@/lib/log";
import { pruneAppLog } from "@/lib/log/prune";

import { getLogReport } from "./logs";
import { ZLogQuery } from "./logs-schemas";

// Warnings and errors reach app_log through the real logger (pino → batched sink), redacted, grouped
// by fingerprint (template + place in the code), readable per organisation, pruned by retention.

type Who = "admin" | "auditor" | "sales" | "other";
const ctx = {} as Record<Who, MemberContext>;
const query = (q: Record<string, string> = {}) => ZLogQuery.parse(q);

/** The same log call, wherever it is called from: one place in the code. */
function failLead(orgId: string, n: number) {
  log().error({ orgId, route: "job lead-protection-daily" }, `Lead ${n} could not be released`);
}

beforeAll(async () => {
  for (const [slug, people] of [
    [
      "logs",
      [
        ["admin", "admin"],
        ["auditor", "auditor"],
        ["sales", "sales"],
      ],
    ],
    ["logs-other", [["other", "admin"]]],
  ] as const) {
    const orgId = (await createOrganization({ name: slug, slug })).id;
    for (const [name, role] of people) {
      const { userId } = await addMember({
        email: `${name}@${slug}.test`,
        name,
        orgSlug: slug,
        role,
        locale: "de",
      });
      ctx[name] = { orgId, userId, roles: [role] };
    }
  }
});

describe("app_log", () => {
  it("groups lines by template and place: other numbers are one group, another place is another", async () => {
    failLead(ctx.admin.orgId, 1);
    failLead(ctx.admin.orgId, 22);
    failLead(ctx.admin.orgId, 333);
    log().error({ orgId: ctx.admin.orgId }, "Lead 4 could not be released"); // the same words, elsewhere
    log().warn({ orgId: ctx.admin.orgId, route: "GET /leads" }, "Slow answer");
    failLead(ctx.other.orgId, 5);
    await flushAppLog();

    const report = await getLogReport(ctx.admin, query());
    expect(report.total).toBe(5);
    const [lead, ...rest] = report.groups;
    expect([lead.count, lead.level, lead.message]).toEqual([3, "error", "Lead 333 could not be released"]);
    // The two single lines were logged within the same moment: their order is not defined.
    expect(rest.map((g) => [g.count, g.level, g.message]).sort()).toEqual([
      [1, "error", "Lead 4 could not be released"],
      [1, "warn", "Slow answer"],
    ]);
    expect(lead.location).toMatch(/^lib\/system\/logs\.int\.test\.ts:\d+$/);
    expect(rest.find((g) => g.message.startsWith("Lead"))?.location).not.toBe(lead.location);
    expect(report.rate.reduce((s, b) => s + b.errors, 0)).toBe(4);
    expect(report.rate.reduce((s, b) => s + b.warnings, 0)).toBe(1);
    expect(report.routes).toEqual(["GET /leads", "job lead-protection-daily"]);

    // Filters: one group, a level, a search, a route.
    expect((await getLogReport(ctx.admin, query({ fingerprint: lead.fingerprint }))).total).toBe(3);
    expect((await getLogReport(ctx.admin, query({ level: "warn" }))).total).toBe(1);
    expect((await getLogReport(ctx.admin, query({ q: "lead 22" }))).lines.map((l) => l.message)).toEqual([
      "Lead 22 could not be released",
    ]);
    expect((await getLogReport(ctx.admin, query({ route: "GET /leads" }))).total).toBe(1);
    expect((await getLogReport(ctx.admin, query({ q: "%" }))).total).toBe(0);
  });

  it("shows an organisation only its own lines, and every organisation's only to the operator's admins", async () => {
    const other = await getLogReport(ctx.other, query());
    expect(other.lines.map((l) => l.message)).toEqual(["Lead 5 could not be released"]);
    expect(other.slowRoutes.routes).toEqual([]);
    expect((await getLogReport(ctx.auditor, query())).total).toBe(5);
    expect(await rejectionOf(getLogReport(ctx.sales, query()))).toBeInstanceOf(AppError);
    expect(await rejectionOf(getLogReport(ctx.admin, query({ org: "all" })))).toBeInstanceOf(AppError);
    const operator = { ...ctx.admin, roles: ["admin", "platform_admin"] };
    expect((await getLogReport(operator, query({ org: "all" }))).total).toBeGreaterThanOrEqual(6);
  });

  it("stores no token, secret or e-mail address, neither in the message nor in the fields", async () => {
    const token = "fpa_" + "T0kenMaterial".repeat(3);
    log().error(
      { orgId: ctx.admin.orgId, token, user: { email: "anna.berg@example.com" }, detail: `key=${token}` },
      `Sign-in of anna.berg@example.com with Bearer ${token} failed`,
    );
    log().warn(
      { orgId: ctx.admin.orgId, err: new Error(`mail to paul@example.org refused (password=hunter2)`) },
      "mail",
    );
    await flushAppLog();
    const rows = await asSuperuser(
      async (client) =>
        (
          await client.query(`SELECT * FROM app_log WHERE org_id = $1 AND at > now() - interval '1 minute'`, [
            ctx.admin.orgId,
          ])
        ).rows,
    );
    const stored = JSON.stringify(rows);
    expect(stored).toContain("Sign-in of [email] with Bearer [redacted] failed");
    expect(stored).not.toMatch(/T0kenMaterial|anna\.berg|example\.com|example\.org|paul@|hunter2/);
  });

  it("is pruned by system.logs.retention: each organisation's by its value, the rest by the global one", async () => {
    await asSuperuser(async (client) => {
      await client.query(
        `INSERT INTO setting_value (scope, org_id, key, value) VALUES ('org', $1, 'system.logs.retention', '"P90D"')`,
        [ctx.other.orgId],
      );
      for (const orgId of [ctx.admin.orgId, ctx.other.orgId, null])
        for (const age of ["40 days", "10 days"])
          await client.query(
            `INSERT INTO app_log (org_id, at, level, message, fingerprint)
             VALUES ($1, now() - $2::interval, 'error', 'old ' || $2, repeat('a', 40))`,
            [orgId, age],
          );
    });
    const { deleted } = await pruneAppLog(systemContext("test"));
    expect(deleted).toBeGreaterThanOrEqual(2);
    const left = await asSuperuser(
      async (client) =>
        (
          await client.query<{ org: string; message: string }>(
            `SELECT coalesce(org_id::text, 'none') AS org, message FROM app_log WHERE message LIKE 'old %'
             ORDER BY 1, 2`,
          )
        ).rows,
    );
    const byOrg = (org: string) => left.filter((r) => r.org === org).map((r) => r.message);
    expect(byOrg(ctx.admin.orgId)).toEqual(["old 10 days"]);
    expect(byOrg(ctx.other.orgId)).toEqual(["old 10 days", "old 40 days"]);
    expect(byOrg("none")).toEqual(["old 10 days"]);
  });
});
