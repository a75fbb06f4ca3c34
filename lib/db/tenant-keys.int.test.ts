import { randomBytes, randomUUID } from "node:crypto";

import type pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";

import { asSuperuser, quoteIdent } from "@/test/pg";
import { createTenant, registerLead, type TestTenant } from "@/test/tenants";

// The database's second wall, read from its own catalogue, so a table added later is checked
// without anyone remembering to list it: every foreign key of a tenant row carries the
// organisation, and no row of organisation A can hang from a parent row of organisation B. Inserts
// run as freshplan_app, in A's context, with every role a policy might ask for: whatever refuses
// the attack is the database, not a missing permission.

type Row = Record<string, unknown>;

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  columns: string[];
  parentColumns: string[];
  onDelete: "a" | "r" | "c" | "n" | "d";
}

interface Fixture extends TestTenant {
  /** A lead the sales partner registered, so it has a current assignment. */
  leadId: string;
  assignmentId: string;
  /** A lead without any assignment yet. */
  freeLeadId: string;
  /** An account that belongs to no organisation. */
  strangerId: string;
  /** The organisation's latest audit event. */
  eventId: string;
  /** Two products, a sample box on the lead with the first, a test phase and a feedback link. */
  productId: string;
  sku: string;
  sku2: string;
  boxId: string;
  phaseId: string;
  linkId: string;
  /** A mail connection of the organisation. */
  connectionId: string;
  /** A message read from its mailbox, and an activity on the lead. */
  messageId: string;
  activityId: string;
  /** A company of the credit provider the organisation knows. */
  creditCompanyId: string;
  /** A help article of the organisation. */
  helpArticleId: string;
  /** A running A/B test of that article, with control (arm 0) and one variant (arm 1). */
  helpExperimentId: string;
  /** A workflow guide of the organisation and one of its steps. */
  helpGuideId: string;
  helpGuideStepId: string;
}

let a: Fixture;
let b: Fixture;

async function fixture(slug: string): Promise<Fixture> {
  const tenant = await createTenant(slug);
  const { leadId, assignmentId } = await registerLead(tenant, `Kantine ${slug}`);
  const { freeLeadId, strangerId, eventId, connectionId } = await asSuperuser(async (client) => ({
    freeLeadId: (
      await client.query<{ id: string }>(
        `INSERT INTO lead (org_id, company_name, city) VALUES ($1, 'Unassigned', 'Kiel') RETURNING id`,
        [tenant.orgId],
      )
    ).rows[0].id,
    strangerId: (
      await client.query<{ id: string }>(
        `INSERT INTO app_user (email, name) VALUES ($1, 'Stranger') RETURNING id`,
        [`stranger@${slug}.example`],
      )
    ).rows[0].id,
    eventId: (
      await client.query<{ id: string }>(`SELECT max(id)::text AS id FROM audit_event WHERE org_id = $1`, [
        tenant.orgId,
      ])
    ).rows[0].id,
    connectionId: (
      await client.query<{ id: string }>(
        `INSERT INTO integration_connection (org_id, provider, name) VALUES ($1, 'ALLINKL_MAIL', 'Mail') RETURNING id`,
        [tenant.orgId],
      )
    ).rows[0].id,
  }));
  const samples = await asSuperuser(async (client) => {
    const one = async (sql: string, params: unknown[]) =>
      (await client.query<{ id: string }>(sql, params)).rows[0].id;
    const [sku, sku2] = [`${slug}-1`, `${slug}-2`];
    const productId = await one(
      `INSERT INTO product (org_id, sku, name) VALUES ($1, $2, 'P1'), ($1, $3, 'P2') RETURNING id`,
      [tenant.orgId, sku, sku2],
    );
    const boxId = await one(`INSERT INTO sample_box (org_id, lead_id) VALUES ($1, $2) RETURNING id`, [
      tenant.orgId,
      leadId,
    ]);
    await client.query(
      `INSERT INTO sample_box_item (org_id, box_id, lead_id, sku, qty) VALUES ($1, $2, $3, $4, 2)`,
      [tenant.orgId, boxId, leadId, sku],
    );
    const phaseId = await one(
      `INSERT INTO test_phase (org_id, box_id, lead_id, stage, start_date, end_date)
       VALUES ($1, $2, $3, 'SAMPLE', '2026-12-01', '2026-12-14') RETURNING id`,
      [tenant.orgId, boxId, leadId],
    );
    const linkId = await one(
      `INSERT INTO feedback_link (org_id, phase_id, lead_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + interval '1 day') RETURNING id`,
      [tenant.orgId, phaseId, leadId, randomBytes(32)],
    );
    return { productId, sku, sku2, boxId, phaseId, linkId };
  });
  const inbox = await asSuperuser(async (client) => ({
    messageId: (
      await client.query<{ id: string }>(
        `INSERT INTO mail_message (org_id, connection_id, mailbox, uid_validity, uid, received_at)
         VALUES ($1, $2, 'INBOX', 1, 1, now()) RETURNING id`,
        [tenant.orgId, connectionId],
      )
    ).rows[0].id,
    activityId: (
      await client.query<{ id: string }>(
        `INSERT INTO lead_activity (org_id, lead_id, kind, at) VALUES ($1, $2, 'NOTE', now()) RETURNING id`,
        [tenant.orgId, leadId],
      )
    ).rows[0].id,
    creditCompanyId: (
      await client.query<{ id: string }>(
        `INSERT INTO credit_company (org_id, company_id, name) VALUES ($1, 'DE-1', 'Firma') RETURNING id`,
        [tenant.orgId],
      )
    ).rows[0].id,
    helpArticleId: (
      await client.query<{ id: string }>(
        `INSERT INTO help_article (org_id, space, locale, slug, title, body_md)
         VALUES ($1, 'enduser', 'de', 'schutzfrist', 'Schutzfrist', 'Text') RETURNING id`,
        [tenant.orgId],
      )
    ).rows[0].id,
  }));
  const guide = await asSuperuser(async (client) => {
    const helpGuideId = (
      await client.query<{ id: string }>(
        `INSERT INTO help_guide (org_id, space, locale, slug, title) VALUES ($1, 'salesops', 'de', 'g', 'G') RETURNING id`,
        [tenant.orgId],
      )
    ).rows[0].id;
    const helpGuideStepId = (
      await client.query<{ id: string }>(
        `INSERT INTO help_guide_step (org_id, guide_id, position, title) VALUES ($1, $2, 1, 'S') RETURNING id`,
        [tenant.orgId, helpGuideId],
      )
    ).rows[0].id;
    return { helpGuideId, helpGuideStepId };
  });
  return {
    ...tenant,
    leadId,
    assignmentId,
    freeLeadId,
    strangerId,
    eventId,
    connectionId,
    ...samples,
    ...inbox,
    helpExperimentId: await asSuperuser(async (client) => {
      const id = (
        await client.query<{ id: string }>(
          `INSERT INTO help_experiment (org_id, article_id, name, status, starts_at, ends_at,
                                        min_exposures_per_arm, win_probability)
           VALUES ($1, $2, 'Test', 'RUNNING', now(), now() + interval '7 days', 100, 0.95) RETURNING id`,
          [tenant.orgId, inbox.helpArticleId],
        )
      ).rows[0].id;
      await client.query(
        `INSERT INTO help_experiment_arm (org_id, experiment_id, position, label, title, body_md, weight)
         VALUES ($1, $2, 0, 'Control', NULL, NULL, 1), ($1, $2, 1, 'B', 'Titel B', 'Text B', 1)`,
        [tenant.orgId, id],
      );
      return id;
    }),
    ...guide,
  };
}

beforeAll(async () => {
  a = await fixture("keys-a");
  b = await fixture("keys-b");
});

/** Every foreign key of the public schema, with its columns in key order. */
async function foreignKeys(): Promise<ForeignKey[]> {
  return asSuperuser(
    async (client) =>
      (
        await client.query<ForeignKey>(`
          SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
                 array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
                 array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                       JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i)
                   AS "parentColumns",
                 c.confdeltype AS "onDelete"
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE c.contype = 'f' AND n.nspname = 'public'
          ORDER BY 2, 1`)
      ).rows,
  );
}

/** Tables with an org_id column: the tenant tables. */
async function tenantTables(): Promise<Set<string>> {
  const rows = await asSuperuser(
    async (client) =>
      (
        await client.query<{ table: string }>(`
          SELECT c.relname AS "table" FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`)
      ).rows,
  );
  return new Set(rows.map((r) => r.table));
}

describe("every foreign key of a tenant row", () => {
  it("reaches a tenant parent through the organisation: (org_id, …) → (org_id, …)", async () => {
    const tenants = await tenantTables();
    const keys = await foreignKeys();
    expect(keys.length).toBeGreaterThan(20);
    const withoutOrg = keys.filter((key) => {
      // The installation-wide chain's seals have no organisation (org_id NULL), where the
      // composite key (org_id, event_id) does not apply; the plain key keeps those pointing at an event.
      if (key.child === "audit_seal" && key.columns.join() === "event_id") return false;
      if (key.parent === "organization")
        return !(key.columns.join() === "org_id" && key.parentColumns.join() === "id");
      if (!tenants.has(key.parent)) return false;
      const at = key.columns.indexOf("org_id");
      return at < 0 || key.parentColumns[at] !== "org_id";
    });
    expect(
      withoutOrg.map((k) => `${k.child}.${k.name}: (${k.columns}) → ${k.parent} (${k.parentColumns})`),
    ).toEqual([]);
  });

  it("points at an account directly only to record who acted (ON DELETE SET NULL); members via their membership", async () => {
    const tenants = await tenantTables();
    const direct = (await foreignKeys()).filter(
      (key) =>
        key.parent === "app_user" &&
        tenants.has(key.child) &&
        key.child !== "membership" &&
        key.onDelete !== "n",
    );
    expect(direct.map((k) => `${k.child}.${k.name} (${k.columns})`)).toEqual([]);
  });
});

// A row of each table that has a parent, valid in `t`'s organisation, written as `t`'s admin.
// A table added with a parent needs a row here: the test below says which.
function sampleRows(t: Fixture): Record<string, Row> {
  const now = new Date();
  const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}-01`;
  const hex = () => randomBytes(32).toString("hex");
  const author = t.admin.userId;
  return {
    membership: { org_id: t.orgId, user_id: t.strangerId, role: "sales" },
    api_token: { org_id: t.orgId, user_id: author, name: "t", token_hash: hex(), token_prefix: "fpa_test" },
    audit_event: { org_id: t.orgId, actor_type: "system", action: "test.keys", resource_type: "test" },
    app_log: { org_id: t.orgId, level: "error", message: "test.keys", fingerprint: "a".repeat(40) },
    setting_value: {
      scope: "user",
      org_id: t.orgId,
      user_id: author,
      key: "test.keys",
      value: "1",
      updated_by: author,
    },
    idempotency_key: {
      org_id: t.orgId,
      caller: `user:${author}`,
      key: randomUUID(),
      request_hash: "h",
      state: "running",
      locked_until: now,
      expires_at: now,
    },
    lead: { org_id: t.orgId, company_name: "Sample", city: "Bonn", created_by: author },
    lead_assignment: {
      org_id: t.orgId,
      lead_id: t.freeLeadId,
      owner_user_id: t.sales.userId,
      assigned_at: now,
    },
    lead_activity: { org_id: t.orgId, lead_id: t.leadId, kind: "NOTE", at: now, created_by: author },
    lead_hold: { org_id: t.orgId, lead_id: t.leadId, reason: "OTHER", start_at: now, created_by: author },
    lead_extension_request: {
      org_id: t.orgId,
      lead_id: t.leadId,
      assignment_id: t.assignmentId,
      days: 1,
      reason: "r",
      requested_by: author,
    },
    lead_collaborator: {
      org_id: t.orgId,
      lead_id: t.leadId,
      user_id: t.sales.userId,
      role: "VIEW",
      added_by: author,
    },
    lead_reminder: { org_id: t.orgId, assignment_id: t.assignmentId, type: "REMINDER_60D", due_at: now },
    notification_outbox: {
      org_id: t.orgId,
      recipient_user_id: t.sales.userId,
      channel: "INAPP",
      template: "test.keys",
      dedupe_key: randomUUID(),
    },
    ai_model_price: {
      model: `test-${randomUUID()}`,
      provider: "openai",
      input_per_million_eur: 1,
      output_per_million_eur: 1,
      updated_by: author,
    },
    ai_budget_org_month: { org_id: t.orgId, month },
    ai_budget_user_month: { org_id: t.orgId, user_id: author, month },
    ai_budget_reservation: { org_id: t.orgId, user_id: author, month, amount_eur: 1 },
    ai_cache: {
      org_id: t.orgId,
      key: hex(),
      use_case: "lead.classify",
      model: "m",
      output: "{}",
      expires_at: new Date(now.getTime() + 3_600_000),
    },
    ai_call: { org_id: t.orgId, user_id: author, use_case: "lead.classify", tier: "small", outcome: "ok" },
    audit_seal: { org_id: t.orgId, event_id: t.eventId, key_id: "0123456789abcdef", mac: hex() },
    product: { org_id: t.orgId, sku: `SKU-${randomUUID().slice(0, 8)}`, name: "Sample product" },
    sample_box: { org_id: t.orgId, lead_id: t.leadId, configured_by: author },
    sample_box_item: { org_id: t.orgId, box_id: t.boxId, lead_id: t.leadId, sku: t.sku2, qty: 1 },
    test_phase: {
      org_id: t.orgId,
      box_id: t.boxId,
      lead_id: t.leadId,
      stage: "SAMPLE",
      start_date: "2026-12-01",
      end_date: "2026-12-14",
      created_by: author,
    },
    test_result: {
      org_id: t.orgId,
      phase_id: t.phaseId,
      lead_id: t.leadId,
      sku: t.sku,
      outcome: "MIXED",
      recorded_by: author,
    },
    password_token: {
      org_id: t.orgId,
      user_id: author,
      purpose: "reset",
      token_hash: randomBytes(32),
      expires_at: new Date(now.getTime() + 86_400_000),
      created_by: author,
    },
    feedback_link: {
      org_id: t.orgId,
      phase_id: t.phaseId,
      lead_id: t.leadId,
      token_hash: randomBytes(32),
      expires_at: new Date(now.getTime() + 86_400_000),
      replaces_id: t.linkId,
      created_by: author,
    },
    feedback_submission: {
      org_id: t.orgId,
      link_id: t.linkId,
      lead_id: t.leadId,
      contact_name: "C",
      contact_role: "CHEF",
    },
    product_feedback: {
      org_id: t.orgId,
      phase_id: t.phaseId,
      lead_id: t.leadId,
      link_id: t.linkId,
      sku: t.sku2,
      rating: 4,
      source: "FORM",
    },
    integration_connection: {
      org_id: t.orgId,
      provider: "XENTRAL",
      name: `Sample ${randomUUID()}`,
      enabled: false,
      created_by: author,
      updated_by: author,
    },
    integration_call: {
      org_id: t.orgId,
      connection_id: t.connectionId,
      provider: "ALLINKL_MAIL",
      operation: "smtp.send",
      outcome: "ok",
    },
    sync_run: { org_id: t.orgId, connection_id: t.connectionId, kind: "test.keys" },
    integration_webhook_event: {
      org_id: t.orgId,
      connection_id: t.connectionId,
      provider: "GENERIC",
      event_id: `evt-${randomUUID()}`,
      event_type: "test.keys",
      payload: "{}",
    },
    mail_inbox_state: { org_id: t.orgId, connection_id: t.connectionId, mailbox: "Keys", uid_validity: 1 },
    mail_message: {
      org_id: t.orgId,
      connection_id: t.connectionId,
      mailbox: "INBOX",
      uid_validity: 1,
      uid: 2,
      received_at: new Date(),
    },
    mail_suggestion: {
      org_id: t.orgId,
      lead_id: t.leadId,
      message_ref: t.messageId,
      matched_by: "address",
      from_address: "einkauf@example.test",
      received_at: new Date(),
    },
    credit_company: { org_id: t.orgId, company_id: `DE-${randomUUID()}`, name: "Firma" },
    lead_credit: { org_id: t.orgId, lead_id: t.leadId, company_ref: t.creditCompanyId, linked_by: author },
    credit_limit_request: {
      org_id: t.orgId,
      lead_id: t.leadId,
      company_ref: t.creditCompanyId,
      amount: 1000,
      currency: "EUR",
      provider_job_id: "job-1",
      requested_by: author,
    },
    help_article: {
      org_id: t.orgId,
      space: "enduser",
      locale: "en",
      slug: `keys-${randomUUID()}`,
      title: "Keys",
      body_md: "Text",
      created_by: author,
      updated_by: author,
    },
    help_article_version: {
      org_id: t.orgId,
      article_id: t.helpArticleId,
      number: 1,
      title: "Keys",
      body_md: "Text",
      author_id: author,
    },
    help_feedback: { org_id: t.orgId, article_id: t.helpArticleId, user_id: author, helpful: true },
    help_search_log: {
      org_id: t.orgId,
      query: "q",
      normalized: "q",
      locale: "de",
      result_count: 0,
      user_id: author,
    },
    help_synonym: { org_id: t.orgId, term: "a", expansion: `b-${randomUUID()}`, created_by: author },
    help_word: { org_id: t.orgId, space: "enduser", word: `w${randomUUID().slice(0, 8)}` },
    help_experiment: {
      org_id: t.orgId,
      article_id: t.helpArticleId,
      name: "Draft test",
      ends_at: new Date(Date.now() + 86_400_000),
      min_exposures_per_arm: 100,
      win_probability: 0.95,
      created_by: author,
    },
    help_experiment_arm: {
      org_id: t.orgId,
      experiment_id: t.helpExperimentId,
      position: 2,
      label: "C",
      title: "Titel C",
      body_md: "Text C",
      weight: 1,
    },
    help_exposure: { org_id: t.orgId, experiment_id: t.helpExperimentId, arm: 1, user_id: author },
    help_guide: { org_id: t.orgId, space: "salesops", locale: "de", slug: `g-${randomUUID()}`, title: "G" },
    help_guide_step: {
      org_id: t.orgId,
      guide_id: t.helpGuideId,
      position: 2 + Math.floor(Math.random() * 1e6),
      title: "S",
    },
    help_guide_progress: { org_id: t.orgId, user_id: author, step_id: t.helpGuideStepId },
    lead_protection_daily: {
      org_id: t.orgId,
      day: "2026-12-01",
      active: 1,
      grace: 0,
      expired: 0,
      due_soon: 0,
      as_of: new Date(),
    },
    help_question: {
      org_id: t.orgId,
      user_id: author,
      question: "Wie?",
      locale: "de",
      answered_by: "search",
      covered: false,
    },
    lead_xentral: {
      org_id: t.orgId,
      lead_id: t.leadId,
      customer_id: "4711",
      customer_number: "10001",
      customer_name: "Firma",
      linked_by: author,
      order_number: "FP-1",
      order_state: "SENDING",
      order_created_by: author,
    },
  };
}

/** A row of each parent table that belongs to `t`'s organisation. */
function parentRows(t: Fixture): Record<string, Row> {
  return {
    organization: { id: t.orgId },
    app_user: { id: t.admin.userId },
    membership: { org_id: t.orgId, user_id: t.sales.userId, role: "sales" },
    // The lead without an assignment: one with a current assignment could refuse a second for
    // another reason (one current assignment per lead).
    lead: { org_id: t.orgId, id: t.freeLeadId },
    lead_assignment: { org_id: t.orgId, lead_id: t.leadId, id: t.assignmentId },
    audit_event: { org_id: t.orgId, id: t.eventId },
    product: { org_id: t.orgId, sku: t.sku, id: t.productId },
    sample_box: { org_id: t.orgId, id: t.boxId, lead_id: t.leadId },
    test_phase: { org_id: t.orgId, id: t.phaseId, lead_id: t.leadId },
    feedback_link: { org_id: t.orgId, id: t.linkId, lead_id: t.leadId },
    integration_connection: { org_id: t.orgId, id: t.connectionId },
    mail_message: { org_id: t.orgId, id: t.messageId },
    lead_activity: { org_id: t.orgId, id: t.activityId },
    credit_company: { org_id: t.orgId, id: t.creditCompanyId },
    help_article: { org_id: t.orgId, id: t.helpArticleId },
    help_experiment: { org_id: t.orgId, id: t.helpExperimentId },
    help_experiment_arm: { org_id: t.orgId, experiment_id: t.helpExperimentId, position: 0 },
    help_guide: { org_id: t.orgId, id: t.helpGuideId },
    help_guide_step: { org_id: t.orgId, id: t.helpGuideStepId },
  };
}

/** `row` of A, hung from B's parent row: every key column but the row's own org_id takes B's value. */
function attached(row: Row, key: ForeignKey, parent: Row): Row {
  const onlyOrg = key.columns.join() === "org_id";
  return {
    ...row,
    ...Object.fromEntries(
      key.columns.flatMap((column, i) =>
        column === "org_id" && !onlyOrg ? [] : [[column, parent[key.parentColumns[i]]]],
      ),
    ),
  };
}

/** Inserts `row` as freshplan_app in A's context; the SQLSTATE of the refusal, or "accepted". */
async function insertAsApp(client: pg.Client, table: string, row: Row): Promise<string> {
  const columns = Object.keys(row);
  await client.query("SAVEPOINT attempt");
  try {
    await client.query(
      `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      columns.map((c) => row[c]),
    );
    return "accepted";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
  }
}

async function asAppInA<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return asSuperuser(async (client) => {
    await client.query("BEGIN");
    try {
      await client.query(
        `SELECT set_config('role', 'freshplan_app', true), set_config('app.org_id', $1, true),
                set_config('app.user_id', $2, true), set_config('app.roles', 'admin,manager,system,platform_admin', true)`,
        [a.orgId, a.admin.userId],
      );
      return await work(client);
    } finally {
      await client.query("ROLLBACK");
    }
  });
}

describe("a row of organisation A attached to organisation B's parent row", () => {
  // Becoming a member is what a membership is: an admin adds any existing account. A sign-in
  // session belongs to an account, not to an organisation, and only app_session_start writes it.
  // Backups, drills and alerts are the installation's (no org_id; only the system context and the
  // operator's admins reach them), so there is no organisation to pin.
  const INSTALLATION_TABLES = ["backup_drill", "alert_rule", "alert_event"];
  const exempt = (key: ForeignKey) =>
    (key.child === "membership" && key.parent === "app_user") ||
    key.child === "user_session" ||
    INSTALLATION_TABLES.includes(key.child);

  it("is refused, for every foreign key in the catalogue, while the same row under A's parent is accepted", async () => {
    const keys = (await foreignKeys()).filter((key) => !exempt(key));
    const samples = sampleRows(a);
    const parents = parentRows(b);
    const outcomes = await asAppInA(async (client) => {
      const lines: string[] = [];
      for (const key of keys) {
        const sample = samples[key.child];
        const parent = parents[key.parent];
        if (!sample || !parent) {
          lines.push(
            `${key.child}.${key.name}: no sample row for ${sample ? key.parent : key.child} in this test`,
          );
          continue;
        }
        const own = await insertAsApp(client, key.child, sample);
        const foreign = await insertAsApp(client, key.child, attached(sample, key, parent));
        lines.push(
          `${key.child}.${key.name}: own parent ${own}, B's parent ${foreign === "accepted" ? foreign : "refused"}`,
        );
        if (foreign !== "accepted" && !["23503", "42501"].includes(foreign)) {
          lines.push(`${key.child}.${key.name}: refused for another reason (${foreign}); fix the sample row`);
        }
      }
      return lines;
    });
    expect(outcomes).toEqual(
      keys.map((key) => `${key.child}.${key.name}: own parent accepted, B's parent refused`),
    );
  });
});
