import { beforeAll, describe, expect, it } from "vitest";

import { setTestEnv } from "@/test/env";
import { asSuperuser } from "@/test/pg";
import { addTenantMember, createTenant, type TestTenant } from "@/test/tenants";

import { withOrg } from "@/lib/db";

import { evaluateAlerts } from "./alerts";
import { listAlerts, updateAlertRule } from "./alerts-service";

// An alert episode: the metric breaches its rule, stays pending for the rule's duration, fires once
// (one in-app notice and one e-mail to each admin of the operator's organisation, however often the
// job runs meanwhile), and resolves with one more notice when it recovers. Partners never see it.

setTestEnv({ PLATFORM_ORG_SLUG: "alerts-operator" });

let operator: TestTenant;
let other: TestTenant;
let managerCtx: TestTenant["admin"];

const at = (minutes: number) => new Date(Date.parse("2026-12-07T10:00:00Z") + minutes * 60_000);

async function outbox(orgId: string) {
  return asSuperuser(
    async (c) =>
      (
        await c.query<{ template: string; channel: string; recipient_user_id: string }>(
          "SELECT template, channel, recipient_user_id FROM notification_outbox WHERE org_id = $1 AND template LIKE 'system.alert.%' ORDER BY created_at, channel",
          [orgId],
        )
      ).rows,
  );
}

beforeAll(async () => {
  operator = await createTenant("alerts-operator");
  other = await createTenant("alerts-other");
  managerCtx = await addTenantMember(operator, "alerts-operator", "manager", "manager");
});

describe("alert episodes", () => {
  it("fire once after the rule's duration and resolve with a notice", async () => {
    // outbox.backlog: above 500 for 15 minutes (the default rule).
    expect(await evaluateAlerts({ "outbox.backlog": 800 }, at(0))).toMatchObject({ pending: 1, fired: 0 });
    expect(await evaluateAlerts({ "outbox.backlog": 900 }, at(10))).toMatchObject({ pending: 1, fired: 0 });
    expect(await outbox(operator.orgId)).toEqual([]);
    expect(await evaluateAlerts({ "outbox.backlog": 950 }, at(15))).toMatchObject({ fired: 1, notified: 2 });
    expect(await evaluateAlerts({ "outbox.backlog": 990 }, at(20))).toMatchObject({ fired: 0, notified: 0 });
    expect(await outbox(operator.orgId)).toEqual([
      { template: "system.alert.fired", channel: "EMAIL", recipient_user_id: operator.admin.userId },
      { template: "system.alert.fired", channel: "INAPP", recipient_user_id: operator.admin.userId },
    ]);
    expect(await evaluateAlerts({ "outbox.backlog": 12 }, at(25))).toMatchObject({
      resolved: 1,
      notified: 2,
    });
    expect(await evaluateAlerts({ "outbox.backlog": 10 }, at(30))).toMatchObject({
      resolved: 0,
      notified: 0,
    });
    expect((await outbox(operator.orgId)).map((n) => n.template)).toEqual([
      "system.alert.fired",
      "system.alert.fired",
      "system.alert.resolved",
      "system.alert.resolved",
    ]);
    // Only the operator's admins are told.
    expect(await outbox(other.orgId)).toEqual([]);

    const { events } = await listAlerts({ ...operator.admin, roles: ["admin", "platform_admin"] });
    expect(events.filter((e) => e.metric === "outbox.backlog")).toEqual([
      expect.objectContaining({ state: "resolved", firstValue: 800, firedValue: 950, lastValue: 12 }),
    ]);
  });

  it("clears a pending episode that recovers before it fires, silently", async () => {
    await evaluateAlerts({ "database.latency_ms": 3000 }, at(40));
    expect(await evaluateAlerts({ "database.latency_ms": 20 }, at(42))).toMatchObject({
      resolved: 0,
      notified: 0,
    });
    const { events } = await listAlerts({ ...operator.admin, roles: ["admin", "platform_admin"] });
    expect(events.find((e) => e.metric === "database.latency_ms")).toMatchObject({
      state: "cleared",
      firedAt: null,
    });
  });

  it("lets the operator's admins edit a rule, and shows nothing to others", async () => {
    const platformAdmin = { ...operator.admin, roles: ["admin", "platform_admin"] };
    const { rules } = await listAlerts(platformAdmin);
    const rule = rules.find((r) => r.metric === "backup.age_hours")!;
    expect(rule).toMatchObject({ comparison: "above", threshold: 26, durationSeconds: 0, enabled: true });
    await updateAlertRule(platformAdmin, {
      id: rule.id,
      threshold: 30,
      durationSeconds: 600,
      enabled: false,
    });
    expect((await listAlerts(platformAdmin)).rules.find((r) => r.id === rule.id)).toMatchObject({
      threshold: 30,
      durationSeconds: 600,
      enabled: false,
    });
    // Another organisation's admin, a manager, a sales partner: refused by the service…
    for (const ctx of [other.admin, managerCtx, operator.sales]) {
      await expect(listAlerts(ctx)).rejects.toMatchObject({ kind: "forbidden" });
    }
    // …and by the database: no row is visible to them.
    for (const ctx of [other.admin, operator.sales]) {
      expect(
        await withOrg(ctx, async (tx) => (await tx.alertRule.count()) + (await tx.alertEvent.count())),
      ).toBe(0);
    }
  });
});
