-- Samples and the customer feedback portal (issue 11): the product catalogue, sample boxes with their
-- items, test phases with their results, the customer's feedback and the links it comes through.
--
-- Tenancy: every table carries org_id, and every child row is pinned to its parent by a composite
-- foreign key that includes org_id. Every child below a sample box also carries the box's lead_id,
-- pinned by the same key ((org_id, box_id, lead_id) → sample_box (org_id, id, lead_id), and so on
-- down), so each table's policy reads the lead predicates the lead tables use — "a partner sees the
-- samples of the leads they may read" — on its own row, without a join to its parent.
--
-- Who writes (the lead-protection rules, "Access" and "Collaboration"): the lead's owner
-- while ACTIVE/GRACE, managers and admins, and collaborators with NEGOTIATE ("configure sample
-- boxes"); never auditors. The public portal writes as the system context of the link's organisation
-- after app_feedback_link_by_hash found the link.
--
-- Feedback links: the token (32 random bytes, base64url) is shown once and stored only as its
-- SHA-256. Exactly one submission per link wins: feedback_submission's primary key is the link, so
-- of concurrent submissions the first to insert commits and every other fails on the unique index.

-- migrate:up

-- The catalogue -------------------------------------------------------------------------------------
-- Filled by hand (admins) or, later, by the Xentral sync (source XENTRAL, external_id its id).
CREATE TABLE product (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  sku         text NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  category    text CHECK (category IS NULL OR length(btrim(category)) BETWEEN 1 AND 100),
  unit        text CHECK (unit IS NULL OR length(btrim(unit)) BETWEEN 1 AND 40),
  pack_size   text CHECK (pack_size IS NULL OR length(btrim(pack_size)) BETWEEN 1 AND 100),
  -- An https URL or a path on this site; never javascript: or data: (the portal renders it).
  image_url   text CHECK (image_url IS NULL OR (length(image_url) <= 2000 AND image_url ~ '^(https://|/[^/])')),
  active      boolean NOT NULL DEFAULT true,
  source      text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'XENTRAL')),
  external_id text CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 100),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT product_org_sku_key UNIQUE (org_id, sku),
  CONSTRAINT product_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT product_external_key UNIQUE (org_id, source, external_id),
  CHECK ((source = 'XENTRAL') = (external_id IS NOT NULL))
);
CREATE INDEX product_active_idx ON product (org_id, category, name) WHERE active;

-- Sample boxes ------------------------------------------------------------------------------------
CREATE TABLE sample_box (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id       uuid NOT NULL,
  -- The customer account once the lead has one (the accounts come with the Xentral sync, another
  -- issue): an id without a key until that table exists.
  account_id    uuid,
  status        text NOT NULL DEFAULT 'CONFIGURED'
                CHECK (status IN ('CONFIGURED', 'SHIPPED', 'DELIVERED', 'IN_TEST', 'FEEDBACK', 'DECIDED',
                                  'CANCELLED')),
  notes         text CHECK (notes IS NULL OR length(notes) <= 4000),
  tracking_ref  text CHECK (tracking_ref IS NULL OR length(btrim(tracking_ref)) BETWEEN 1 AND 200),
  configured_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  configured_at timestamptz NOT NULL DEFAULT now(),
  shipped_at    timestamptz,
  delivered_at  timestamptz,
  status_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sample_box_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT sample_box_lead_key UNIQUE (org_id, id, lead_id),
  CONSTRAINT sample_box_lead_fkey FOREIGN KEY (org_id, lead_id) REFERENCES lead (org_id, id) ON DELETE CASCADE,
  CHECK (delivered_at IS NULL OR shipped_at IS NULL OR delivered_at >= shipped_at)
);
CREATE INDEX sample_box_lead_idx ON sample_box (org_id, lead_id, configured_at DESC);
CREATE INDEX sample_box_status_idx ON sample_box (org_id, status);

CREATE TABLE sample_box_item (
  org_id  uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  box_id  uuid NOT NULL,
  lead_id uuid NOT NULL,
  sku     text NOT NULL,
  qty     integer NOT NULL CHECK (qty > 0 AND qty <= 1000),
  PRIMARY KEY (box_id, sku),
  CONSTRAINT sample_box_item_box_fkey FOREIGN KEY (org_id, box_id, lead_id)
    REFERENCES sample_box (org_id, id, lead_id) ON DELETE CASCADE,
  CONSTRAINT sample_box_item_product_fkey FOREIGN KEY (org_id, sku) REFERENCES product (org_id, sku)
);

-- Test phases and their results -----------------------------------------------------------------------
CREATE TABLE test_phase (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  box_id     uuid NOT NULL,
  lead_id    uuid NOT NULL,
  stage      text NOT NULL CHECK (stage IN ('SAMPLE', 'TRIAL', 'PRODUCTION_CANDIDATE')),
  start_date date NOT NULL,
  end_date   date NOT NULL,
  decision   text CHECK (decision IN ('LIST', 'CONTINUE', 'REJECT')),
  decided_at timestamptz,
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT test_phase_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT test_phase_lead_key UNIQUE (org_id, id, lead_id),
  CONSTRAINT test_phase_box_fkey FOREIGN KEY (org_id, box_id, lead_id)
    REFERENCES sample_box (org_id, id, lead_id) ON DELETE CASCADE,
  CHECK (end_date >= start_date),
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX test_phase_box_idx ON test_phase (box_id, start_date);
-- The daily job's question: which phases ended.
CREATE INDEX test_phase_end_idx ON test_phase (org_id, end_date);

CREATE TABLE test_result (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  phase_id         uuid NOT NULL,
  lead_id          uuid NOT NULL,
  sku              text NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('SUCCESS', 'MIXED', 'FAIL')),
  sell_through_pct numeric(5, 2) CHECK (sell_through_pct BETWEEN 0 AND 100),
  waste_delta_pct  numeric(6, 2) CHECK (waste_delta_pct BETWEEN -100 AND 1000),
  notes            text CHECK (notes IS NULL OR length(notes) <= 4000),
  recorded_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT test_result_once UNIQUE (phase_id, sku),
  CONSTRAINT test_result_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id)
    REFERENCES test_phase (org_id, id, lead_id) ON DELETE CASCADE,
  CONSTRAINT test_result_product_fkey FOREIGN KEY (org_id, sku) REFERENCES product (org_id, sku)
);

-- Feedback links --------------------------------------------------------------------------------
CREATE TABLE feedback_link (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id          uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  phase_id        uuid NOT NULL,
  lead_id         uuid NOT NULL,
  -- SHA-256 of the token; the token itself is shown once and stored nowhere.
  token_hash      bytea NOT NULL CHECK (length(token_hash) = 32),
  recipient_name  text CHECK (recipient_name IS NULL OR length(btrim(recipient_name)) BETWEEN 1 AND 120),
  recipient_email text CHECK (recipient_email IS NULL
                              OR (recipient_email = lower(btrim(recipient_email)) AND length(recipient_email) <= 254)),
  locale          text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
  expires_at      timestamptz NOT NULL,
  first_opened_at timestamptz,
  submitted_at    timestamptz,
  revoked_at      timestamptz,
  -- The customer's saved draft (lib/samples/schemas.ts ZFeedbackDraft).
  draft           jsonb NOT NULL DEFAULT '{}'::jsonb
                  CHECK (jsonb_typeof(draft) = 'object' AND pg_column_size(draft) <= 65536),
  draft_saved_at  timestamptz,
  -- When the invitation and the one reminder were queued (notification_outbox).
  invited_at      timestamptz,
  reminded_at     timestamptz,
  -- A re-sent link names the link it replaced (which is revoked).
  replaces_id     uuid,
  created_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feedback_link_token_hash_key UNIQUE (token_hash),
  CONSTRAINT feedback_link_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT feedback_link_lead_key UNIQUE (org_id, id, lead_id),
  CONSTRAINT feedback_link_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id)
    REFERENCES test_phase (org_id, id, lead_id) ON DELETE CASCADE,
  CONSTRAINT feedback_link_replaces_fkey FOREIGN KEY (org_id, replaces_id)
    REFERENCES feedback_link (org_id, id) ON DELETE SET NULL (replaces_id),
  CHECK (expires_at > created_at)
);
CREATE INDEX feedback_link_phase_idx ON feedback_link (phase_id, created_at DESC);
-- The reminder job's question: invited, neither answered nor revoked, no reminder yet.
CREATE INDEX feedback_link_remind_idx ON feedback_link (org_id, invited_at)
  WHERE reminded_at IS NULL AND submitted_at IS NULL AND revoked_at IS NULL;

-- The one completed submission of a link: its primary key is what makes it one.
CREATE TABLE feedback_submission (
  link_id      uuid PRIMARY KEY,
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id      uuid NOT NULL,
  contact_name text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 120),
  contact_role text NOT NULL CHECK (contact_role IN ('CHEF', 'BUYER', 'GM', 'OTHER')),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT feedback_submission_link_fkey FOREIGN KEY (org_id, link_id, lead_id)
    REFERENCES feedback_link (org_id, id, lead_id) ON DELETE CASCADE
);

CREATE TABLE product_feedback (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id               uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  phase_id             uuid NOT NULL,
  lead_id              uuid NOT NULL,
  -- The link it came through (source FORM or EMAIL); none for what a partner heard by phone or visit.
  link_id              uuid,
  sku                  text NOT NULL,
  rating               smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment              text CHECK (comment IS NULL OR length(comment) <= 2000),
  would_reorder        boolean,
  contact_name         text CHECK (contact_name IS NULL OR length(btrim(contact_name)) BETWEEN 1 AND 120),
  contact_role         text CHECK (contact_role IN ('CHEF', 'BUYER', 'GM', 'OTHER')),
  source               text NOT NULL CHECK (source IN ('EMAIL', 'FORM', 'PHONE', 'VISIT')),
  -- feedback.sentiment through the AI router, after the submission (lib/samples/jobs.ts).
  sentiment            text CHECK (sentiment IN ('positive', 'neutral', 'negative')),
  sentiment_topics     text[] NOT NULL DEFAULT '{}',
  sentiment_confidence numeric(4, 3) CHECK (sentiment_confidence BETWEEN 0 AND 1),
  sentiment_at         timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT product_feedback_once UNIQUE (link_id, sku),
  CONSTRAINT product_feedback_phase_fkey FOREIGN KEY (org_id, phase_id, lead_id)
    REFERENCES test_phase (org_id, id, lead_id) ON DELETE CASCADE,
  CONSTRAINT product_feedback_link_fkey FOREIGN KEY (org_id, link_id, lead_id)
    REFERENCES feedback_link (org_id, id, lead_id) ON DELETE CASCADE,
  CONSTRAINT product_feedback_product_fkey FOREIGN KEY (org_id, sku) REFERENCES product (org_id, sku),
  CHECK ((link_id IS NULL) = (source IN ('PHONE', 'VISIT')))
);
CREATE INDEX product_feedback_phase_idx ON product_feedback (phase_id, created_at);
CREATE INDEX product_feedback_sentiment_idx ON product_feedback (org_id, created_at)
  WHERE sentiment IS NULL AND comment IS NOT NULL;

-- The audit actor of a submission is the link it came through.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_type_check
  CHECK (actor_type IN ('user', 'token', 'system', 'feedback_link'));

-- Messages to customers: outbox rows addressed to an e-mail address instead of a member. Only
-- e-mails; deduplicated per address as member rows are per member.
ALTER TABLE notification_outbox ALTER COLUMN recipient_user_id DROP NOT NULL;
ALTER TABLE notification_outbox
  ADD COLUMN recipient_email text
    CHECK (recipient_email IS NULL
           OR (recipient_email = lower(btrim(recipient_email)) AND length(recipient_email) BETWEEN 3 AND 254)),
  ADD COLUMN recipient_locale text CHECK (recipient_locale IN ('de', 'en')),
  ADD CONSTRAINT notification_outbox_recipient_check
    CHECK ((recipient_user_id IS NULL) <> (recipient_email IS NULL)
           AND (recipient_email IS NULL OR (channel = 'EMAIL' AND recipient_locale IS NOT NULL)));
CREATE UNIQUE INDEX notification_outbox_once_customer ON notification_outbox (org_id, recipient_email, dedupe_key)
  WHERE recipient_user_id IS NULL;

-- Access ------------------------------------------------------------------------------------------

-- Who may configure a lead's samples (boxes, items, phases, results, links): who may write the lead,
-- or a NEGOTIATE collaborator; never an auditor.
CREATE FUNCTION app_can_configure_samples(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT NOT app_has_role('auditor')
       AND (app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['NEGOTIATE']))
  $$;

-- The portal's only way in: the link of a token's hash, whatever its state, with its organisation
-- and the address an expired link names (setting samples.feedback.contact: the organisation's
-- value, else the global one; NULL: the registry's default). One round trip, one index probe:
-- unknown, revoked, expired and submitted links take the same path. The caller then works in that
-- organisation's own context, under its policies.
CREATE FUNCTION app_feedback_link_by_hash(p_hash bytea)
  RETURNS TABLE (org_id uuid, link_id uuid, expires_at timestamptz, revoked_at timestamptz,
                 submitted_at timestamptz, contact jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT l.org_id, l.id, l.expires_at, l.revoked_at, l.submitted_at,
           (SELECT v.value FROM setting_value v
            WHERE v.key = 'samples.feedback.contact'
              AND ((v.scope = 'org' AND v.org_id = l.org_id) OR v.scope = 'global')
            ORDER BY v.scope = 'org' DESC LIMIT 1)
    FROM feedback_link l WHERE l.token_hash = p_hash
  $$;

REVOKE ALL ON FUNCTION app_can_configure_samples(uuid), app_feedback_link_by_hash(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_can_configure_samples(uuid), app_feedback_link_by_hash(bytea) TO freshplan_app;

ALTER TABLE product ENABLE ROW LEVEL SECURITY;
ALTER TABLE product FORCE ROW LEVEL SECURITY;
ALTER TABLE sample_box ENABLE ROW LEVEL SECURITY;
ALTER TABLE sample_box FORCE ROW LEVEL SECURITY;
ALTER TABLE sample_box_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE sample_box_item FORCE ROW LEVEL SECURITY;
ALTER TABLE test_phase ENABLE ROW LEVEL SECURITY;
ALTER TABLE test_phase FORCE ROW LEVEL SECURITY;
ALTER TABLE test_result ENABLE ROW LEVEL SECURITY;
ALTER TABLE test_result FORCE ROW LEVEL SECURITY;
ALTER TABLE feedback_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback_link FORCE ROW LEVEL SECURITY;
ALTER TABLE feedback_submission ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback_submission FORCE ROW LEVEL SECURITY;
ALTER TABLE product_feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE product_feedback FORCE ROW LEVEL SECURITY;

-- The catalogue: every member reads it; admins (and the sync, as system) maintain it.
CREATE POLICY product_select ON product FOR SELECT USING (org_id = app_current_org_id());
CREATE POLICY product_insert ON product FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
CREATE POLICY product_update ON product FOR UPDATE
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')))
  WITH CHECK (org_id = app_current_org_id());

-- Boxes and everything below them: read as the lead is read, written as samples are configured.
CREATE POLICY sample_box_select ON sample_box FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY sample_box_insert ON sample_box FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id)
              AND (configured_by IS NULL OR configured_by = app_current_user_id()));
CREATE POLICY sample_box_update ON sample_box FOR UPDATE
  USING (org_id = app_current_org_id() AND app_can_configure_samples(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));

CREATE POLICY sample_box_item_select ON sample_box_item FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY sample_box_item_all ON sample_box_item
  USING (org_id = app_current_org_id() AND app_can_configure_samples(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));

CREATE POLICY test_phase_select ON test_phase FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY test_phase_insert ON test_phase FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id)
              AND (created_by IS NULL OR created_by = app_current_user_id()));
CREATE POLICY test_phase_update ON test_phase FOR UPDATE
  USING (org_id = app_current_org_id() AND app_can_configure_samples(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));

CREATE POLICY test_result_select ON test_result FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY test_result_insert ON test_result FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id)
              AND (recorded_by IS NULL OR recorded_by = app_current_user_id()));
CREATE POLICY test_result_update ON test_result FOR UPDATE
  USING (org_id = app_current_org_id() AND app_can_configure_samples(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id)
              AND (recorded_by IS NULL OR recorded_by = app_current_user_id()));

CREATE POLICY feedback_link_select ON feedback_link FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY feedback_link_insert ON feedback_link FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id)
              AND (created_by IS NULL OR created_by = app_current_user_id()));
CREATE POLICY feedback_link_update ON feedback_link FOR UPDATE
  USING (org_id = app_current_org_id() AND app_can_configure_samples(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));

CREATE POLICY feedback_submission_select ON feedback_submission FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY feedback_submission_insert ON feedback_submission FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));

CREATE POLICY product_feedback_select ON product_feedback FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager() OR app_has_role('auditor') OR app_can_read_lead(lead_id)));
CREATE POLICY product_feedback_insert ON product_feedback FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_can_configure_samples(lead_id));
-- Only the sentiment job (system) changes a feedback row, and only its sentiment (column grant).
CREATE POLICY product_feedback_update_system ON product_feedback FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system'))
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));

-- Whoever may configure a link's samples may queue its invitation to the customer ("send now"),
-- besides the system context; only invitations and reminders of a link of this organisation.
CREATE POLICY notification_outbox_insert_customer ON notification_outbox FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND recipient_user_id IS NULL
              AND template IN ('samples.feedback.invitation', 'samples.feedback.reminder')
              AND EXISTS (SELECT 1 FROM feedback_link l
                          WHERE l.org_id = app_current_org_id() AND l.id::text = payload ->> 'linkId'
                            AND l.recipient_email = notification_outbox.recipient_email
                            AND app_can_configure_samples(l.lead_id)));

GRANT SELECT, INSERT, UPDATE ON product, sample_box, test_phase, test_result, feedback_link TO freshplan_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON sample_box_item TO freshplan_app;
GRANT SELECT, INSERT ON feedback_submission, product_feedback TO freshplan_app;
GRANT UPDATE (sentiment, sentiment_topics, sentiment_confidence, sentiment_at) ON product_feedback TO freshplan_app;

-- migrate:down

DROP POLICY notification_outbox_insert_customer ON notification_outbox;
DELETE FROM notification_outbox WHERE recipient_user_id IS NULL;
DROP INDEX notification_outbox_once_customer;
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_recipient_check;
ALTER TABLE notification_outbox DROP COLUMN recipient_locale, DROP COLUMN recipient_email;
ALTER TABLE notification_outbox ALTER COLUMN recipient_user_id SET NOT NULL;

DROP TABLE product_feedback, feedback_submission, feedback_link, test_result, test_phase, sample_box_item,
  sample_box, product;
DROP FUNCTION app_feedback_link_by_hash(bytea);
DROP FUNCTION app_can_configure_samples(uuid);

-- Events a link wrote stay, as the system's: the append-only trail refuses UPDATE, so the check
-- can only be narrowed again when there are none.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_type_check
  CHECK (actor_type IN ('user', 'token', 'system')) NOT VALID;
