// Integrations benchmark: (1) outbox delivery throughput — 2 000 queued e-mails through the real
// sender (claims, rendering, nodemailer, settle, call rows) to a real SMTP server on 127.0.0.1
// (smtp-server + mailparser); (2) call latency through the framework against a local HTTP server
// with the breaker closed vs open (fail fast); (3) inbox reading — 500 messages appended to a real
// IMAP server (Dovecot, as the tests start it), half from a lead's contact, read by the inbox
// reader (pollOrgInbox, as the job and the IDLE watcher run it) into mail_message and suggestions.
// Runs on a fresh database fp_in_bench_<random> on TEST_DATABASE_URL's server, dropped afterwards.
//
//   npm run bench:integrations [-- --messages=2000 --calls=2000 --inbox=500]
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";

import pg from "pg";

import { startFakeImap } from "@/test/fakes/imap";
import { startScriptedServer } from "@/test/fakes/scripted-http";
import { startFakeSmtp } from "@/test/fakes/smtp";

import { admin, numberOption, percentile, scratchDatabase } from "../scratch";

const root = path.resolve(import.meta.dirname, "../..");
const arg = numberOption;
const MESSAGES = arg("messages", 2000);
const CALLS = arg("calls", 2000);
const INBOX = arg("inbox", 500);

const { name: dbName, url: dbUrl } = scratchDatabase("fp_in_bench");

async function main() {
  const smtp = await startFakeSmtp();
  const http = await startScriptedServer();
  const imap = await startFakeImap();
  await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
  try {
    execFileSync(
      process.execPath,
      [path.join(root, "scripts/migrate.mjs"), "up", "--url", dbUrl.toString()],
      {
        stdio: "ignore",
      },
    );
    Object.assign(process.env, {
      DATABASE_URL: dbUrl.toString(),
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123",
      AUDIT_CHAIN_KEY: "bench-audit-chain-key-0123456789abcdef",
      SMTP_URL: smtp.url,
      MAIL_FROM: "FreshPlan <noreply@bench.example>",
      INTEGRATIONS_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "error",
    });
    // Imported only now: lib/env.ts reads the variables on first use.
    const { deliverOutbox } = await import("@/lib/integrations/mail/deliver");
    const { callVendor, ProviderPolicy, PROVIDER_POLICIES, flushCallRecords } =
      await import("@/lib/integrations/resilience");
    const { httpError } = await import("@/lib/integrations/errors");
    const { disconnect } = await import("@/lib/db");

    const client = new pg.Client({ connectionString: dbUrl.toString() });
    await client.connect();
    const orgId = (
      await client.query<{ id: string }>(
        `INSERT INTO organization (slug, name) VALUES ('bench', 'Bench') RETURNING id`,
      )
    ).rows[0].id;
    const userId = (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, name) VALUES ('bench@bench.example', 'Bench') RETURNING id`,
      )
    ).rows[0].id;
    await client.query(`INSERT INTO membership (org_id, user_id, role) VALUES ($1, $2, 'admin')`, [
      orgId,
      userId,
    ]);
    await client.query(
      `INSERT INTO notification_outbox (org_id, recipient_user_id, channel, template, payload, dedupe_key)
       SELECT $1, $2, 'EMAIL', 'lead.reminder_60d',
              jsonb_build_object('companyName', 'Kantine ' || i, 'city', 'Kiel', 'graceUntil', '2026-12-20T09:00:00Z'),
              'bench:' || i
       FROM generate_series(1, $3) AS i`,
      [orgId, userId, MESSAGES],
    );

    // (1) Throughput.
    const system = { orgId: null, userId: null, roles: ["system"] };
    const started = performance.now();
    const counts = await deliverOutbox(system, { batch: 100, concurrency: 4, budgetMs: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    const sent = (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE state = 'SENT'`,
      )
    ).rows[0].n;
    console.log(
      `outbox delivery: ${counts.sent} of ${MESSAGES} sent, ${counts.retried} to retry, ${counts.failed} failed (${sent} SENT rows, ${smtp.received.length} received) in ${seconds.toFixed(1)} s = ${(counts.sent / seconds).toFixed(0)} messages/s`,
    );
    await client.end();

    // (2) Latency through the framework, breaker closed vs open; call rows not written (no DB in the path).
    const ctx = { orgId, userId: null, roles: ["system"] };
    const options = {
      ...PROVIDER_POLICIES.XENTRAL,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 3_600_000 },
      quota: { perMinute: 1_000_000, maxWaitMs: 1000 },
    };
    const policy = new ProviderPolicy("XENTRAL", "bench", options);
    const record = async () => undefined;
    const call = () =>
      callVendor(
        {
          ctx,
          provider: "XENTRAL",
          connectionId: null,
          operation: "bench.get",
          idempotent: false,
          async run({ signal }) {
            const response = await fetch(`${http.url}/x`, { signal });
            await response.arrayBuffer();
            if (!response.ok) throw httpError(response, "bench.get");
            return response.status;
          },
        },
        { policy, record },
      ).catch(() => undefined);
    const measure = async (n: number) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b);
    };
    const closed = await measure(CALLS);
    http.fallback = { status: 503 };
    await measure(3);
    if (policy.state !== "open") throw new Error("breaker did not open");
    const open = await measure(CALLS);
    const fmt = (t: number[]) =>
      `p50 ${percentile(t, 50).toFixed(3)} ms, p95 ${percentile(t, 95).toFixed(3)} ms, p99 ${percentile(t, 99).toFixed(3)} ms`;
    console.log(`call latency, breaker closed (HTTP 200 from 127.0.0.1), ${CALLS} calls: ${fmt(closed)}`);
    console.log(`call latency, breaker open (fail fast), ${CALLS} calls: ${fmt(open)}`);
    await flushCallRecords();

    // (3) Inbox reading: a lead whose contact writes half of the messages, a mail connection with
    // IMAP, the messages appended, then read in the reader's batches until none is left.
    const { pollOrgInbox } = await import("@/lib/integrations/mail/inbox");
    const { sealSecrets } = await import("@/lib/integrations/crypto");
    const { createLead } = await import("@/lib/leads/service");
    const created = await createLead(
      { orgId, userId, roles: ["admin"] },
      { companyName: "Kantine Bench", city: "Kiel", contact: { email: "einkauf@kantine-bench.example" } },
    );
    if (created.kind !== "created") throw new Error("bench lead not created");
    const connectionId = crypto.randomUUID();
    const sealed = sealSecrets(connectionId, { password: imap.password });
    const inboxClient = new pg.Client({ connectionString: dbUrl.toString() });
    await inboxClient.connect();
    await inboxClient.query(
      `INSERT INTO integration_connection (id, org_id, provider, name, settings, secrets, key_id)
       VALUES ($1, $2, 'ALLINKL_MAIL', 'Bench', $3, $4, $5)`,
      [
        connectionId,
        orgId,
        JSON.stringify({
          host: "127.0.0.1",
          port: smtp.port,
          security: "none",
          user: imap.user,
          from: "FreshPlan <noreply@bench.example>",
          imapHost: "127.0.0.1",
          imapPort: imap.port,
          imapSecurity: "none",
        }),
        Buffer.from(sealed.secrets),
        sealed.keyId,
      ],
    );
    await imap.deliverAll(
      Array.from({ length: INBOX }, (_, i) => ({
        from:
          i % 2 === 0 ? "Einkauf <einkauf@kantine-bench.example>" : `Jemand <person${i}@elsewhere.example>`,
        subject: `Nachricht ${i}`,
        text: `Guten Tag,\n\ndas ist Nachricht ${i}.\n\nGrüße`,
      })),
    );
    const inboxStarted = performance.now();
    let read = 0;
    let suggestions = 0;
    for (;;) {
      const counts = await pollOrgInbox({ ...system, orgId }, { router: { clients: {} } });
      if (counts.read === 0) break;
      read += counts.read;
      suggestions += counts.suggestions;
    }
    const inboxSeconds = (performance.now() - inboxStarted) / 1000;
    const stored = (await inboxClient.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_message`))
      .rows[0].n;
    await inboxClient.end();
    console.log(
      `inbox reading: ${read} of ${INBOX} messages read (${stored} mail_message rows, ${suggestions} suggestions) in ${inboxSeconds.toFixed(1)} s = ${(read / inboxSeconds).toFixed(0)} messages/s`,
    );
    await flushCallRecords();
    await disconnect();
  } finally {
    const { closeTransporters } = await import("@/lib/integrations/mail/transport");
    closeTransporters();
    await smtp.close();
    await http.close();
    await imap.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
