import { randomBytes } from "node:crypto";
import { Socket } from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { insertMailConnection } from "@/test/connections";
import { setTestEnv } from "@/test/env";
import { startFakeImap, type FakeImap } from "@/test/fakes/imap";
import { asSuperuser } from "@/test/pg";
import { createTenant, type TestTenant } from "@/test/tenants";

import { createLead } from "@/lib/leads/service";

import { resetPolicies } from "../resilience";
import { InboxWatcher } from "./idle";
import { watcherDecision } from "./idle-start";
import { listLeadSuggestions } from "./suggestions";

// The inbox watcher against a real IMAP server (Dovecot, which offers IDLE) on 127.0.0.1: a message
// appended while the watcher waits in IDLE becomes a suggestion within seconds, with no run of the
// job mail-inbox-poll; a disabled connection is no longer watched; stopped, no socket stays open.

const KEY = randomBytes(32).toString("base64");
setTestEnv({ INTEGRATIONS_KEY: KEY });

let imap: FakeImap;
let org: TestTenant;
let bare: TestTenant;
let leadId: string;
let connectionId: string;

/** This process's open sockets to the IMAP server. */
function socketsToImap(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && !h.destroyed && h.remotePort === imap.port).length;
}

beforeAll(async () => {
  imap = await startFakeImap();
  org = await createTenant("idle-a");
  bare = await createTenant("idle-b");
  const created = await createLead(org.sales, {
    companyName: "Mensa Nord",
    city: "Flensburg",
    contact: { email: "kueche@mensa-nord.example" },
  });
  if (created.kind !== "created") throw new Error("lead not created");
  leadId = created.lead.id;
  connectionId = await insertMailConnection(
    org.orgId,
    KEY,
    {
      host: "127.0.0.1",
      port: 2525,
      security: "none",
      user: imap.user,
      from: "FreshPlan <noreply@example.test>",
      imapHost: "127.0.0.1",
      imapPort: imap.port,
      imapSecurity: "none",
    },
    { password: imap.password },
  );
  // An organisation that sends mail but reads no inbox: nothing to watch.
  await insertMailConnection(
    bare.orgId,
    KEY,
    { host: "127.0.0.1", port: 2525, security: "none", user: "x@example.test", from: "x@example.test" },
    { password: "smtp" },
  );
});
afterAll(async () => {
  await imap?.close();
});

describe("the inbox watcher (IMAP IDLE)", () => {
  it("is off in tests and development unless MAIL_IDLE=on says otherwise", () => {
    expect(watcherDecision()).toEqual({ start: false, reason: "dev" });
  });

  it("turns a message appended while it idles into a suggestion within seconds, without the poll job", async () => {
    resetPolicies();
    const reads: string[] = [];
    const watcher = new InboxWatcher({
      inbox: { router: { clients: {} } },
      onRead: (orgId) => reads.push(orgId),
    });
    try {
      await watcher.start();
      // Only the organisation whose connection names an IMAP host is watched.
      await vi.waitFor(() => expect(watcher.states()).toEqual(new Map([[org.orgId, "idle"]])), {
        timeout: 10_000,
      });
      // The catch-up read on connecting found nothing.
      await vi.waitFor(() => expect(reads).toEqual([org.orgId]), { timeout: 5_000 });
      expect(socketsToImap()).toBe(1);

      const appended = Date.now();
      await imap.deliver({
        from: "Küche Mensa Nord <kueche@mensa-nord.example>",
        subject: "Probelieferung",
        text: "Die Probelieferung kam gut an.",
      });
      await vi.waitFor(
        async () => {
          const suggestions = await listLeadSuggestions(org.sales, leadId);
          expect(suggestions.map((s) => s.subject)).toEqual(["Probelieferung"]);
        },
        { timeout: 5_000, interval: 100 },
      );
      expect(Date.now() - appended).toBeLessThan(5_000);
      // The read that made it ran after the catch-up read (onRead follows the stored rows).
      await vi.waitFor(() => expect(reads.length).toBeGreaterThanOrEqual(2), { timeout: 2_000 });
      // No job ran: no job_run row of mail-inbox-poll exists.
      const jobRuns = await asSuperuser(
        async (client) =>
          (
            await client.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM job_run WHERE job_id = 'mail-inbox-poll'`,
            )
          ).rows[0].n,
      );
      expect(jobRuns).toBe(0);

      // Disabled: the next refresh stops its watch and closes its connection.
      await asSuperuser((client) =>
        client.query(`UPDATE integration_connection SET enabled = false WHERE id = $1`, [connectionId]),
      );
      await watcher.refresh();
      expect(watcher.states().size).toBe(0);
      await vi.waitFor(() => expect(socketsToImap()).toBe(0), { timeout: 2_000 });

      // Enabled again: watched again.
      await asSuperuser((client) =>
        client.query(`UPDATE integration_connection SET enabled = true WHERE id = $1`, [connectionId]),
      );
      await watcher.refresh();
      await vi.waitFor(() => expect(watcher.states().get(org.orgId)).toBe("idle"), { timeout: 10_000 });
    } finally {
      await watcher.stop();
    }
    // Stopped: no socket to the server is left, and no watch.
    expect(watcher.states().size).toBe(0);
    await vi.waitFor(() => expect(socketsToImap()).toBe(0), { timeout: 2_000 });
  });
});
