-- Integrations I (issue 12): the organisation's connections to vendors, the record of every call
-- made to them and of every sync, and the outbox's delivery state for the mail sender.
-- All three tables are the admins' business: a connection holds credentials (encrypted, see
-- lib/integrations/crypto.ts), and calls and syncs say what the organisation's vendors answered.
-- The system context (jobs: the outbox sender, syncs) reads connections and writes calls and runs.

-- migrate:up

-- Connections -----------------------------------------------------------------------------------
-- One row per configured vendor account. settings holds what may be shown (host, port, user name,
-- sender address); secrets holds the rest as one AES-256-GCM blob (iv ‖ tag ‖ ciphertext of a JSON
-- object) under the key named by key_id (the first 8 hex digits of the key's SHA-256), so a key can
-- rotate: integrations:rotate-key re-encrypts every row under the current key.
CREATE TABLE integration_connection (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  provider   text NOT NULL CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE')),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  settings   jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(settings) = 'object'),
  -- 12 bytes iv, 16 bytes tag, at least one byte of ciphertext.
  secrets    bytea CHECK (octet_length(secrets) > 28),
  key_id     text CHECK (key_id ~ '^[0-9a-f]{8}$'),
  enabled    boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT integration_connection_secrets_keyed CHECK ((secrets IS NULL) = (key_id IS NULL)),
  CONSTRAINT integration_connection_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT integration_connection_name_key UNIQUE (org_id, name)
);
-- "The organisation's mail connection" is one: at most one enabled connection per provider.
CREATE UNIQUE INDEX integration_connection_enabled_idx ON integration_connection (org_id, provider)
  WHERE enabled;

ALTER TABLE integration_connection ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_connection FORCE ROW LEVEL SECURITY;
CREATE POLICY integration_connection_select ON integration_connection FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
CREATE POLICY integration_connection_insert ON integration_connection FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('admin')
              AND (created_by IS NULL OR created_by = app_current_user_id())
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
-- Admins edit; the system context only re-encrypts (key rotation), as an operator without a user.
CREATE POLICY integration_connection_update ON integration_connection FOR UPDATE
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')))
  WITH CHECK (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system'))
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
CREATE POLICY integration_connection_delete ON integration_connection FOR DELETE
  USING (org_id = app_current_org_id() AND app_has_role('admin'));

GRANT SELECT, INSERT, DELETE ON integration_connection TO freshplan_app;
GRANT UPDATE (name, settings, secrets, key_id, enabled, updated_by, updated_at)
  ON integration_connection TO freshplan_app;

-- Calls -----------------------------------------------------------------------------------------
-- One row per call through lib/integrations/resilience.ts: what, how it ended, how long it took,
-- how many attempts. Never a body or a secret; error is the redacted message. connection_id is
-- NULL for the installation's own mail server (SMTP_URL), which is no connection row.
CREATE TABLE integration_call (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  connection_id uuid,
  provider      text NOT NULL CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE', 'SMTP_ENV')),
  operation     text NOT NULL CHECK (operation ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  outcome       text NOT NULL CHECK (outcome IN ('ok', 'error', 'timeout', 'circuit_open', 'bulkhead_full',
                                                 'rate_limited')),
  -- The vendor's status: HTTP status, or the SMTP reply code.
  status        integer CHECK (status BETWEEN 100 AND 999),
  duration_ms   integer NOT NULL DEFAULT 0 CHECK (duration_ms >= 0),
  attempts      integer NOT NULL DEFAULT 1 CHECK (attempts >= 0),
  error         text CHECK (length(error) <= 2000),
  at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT integration_call_connection_fkey FOREIGN KEY (org_id, connection_id)
    REFERENCES integration_connection (org_id, id) ON DELETE CASCADE
);
CREATE INDEX integration_call_org_time_idx ON integration_call (org_id, at DESC);
CREATE INDEX integration_call_connection_idx ON integration_call (org_id, connection_id, at DESC);

ALTER TABLE integration_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_call FORCE ROW LEVEL SECURITY;
CREATE POLICY integration_call_select ON integration_call FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
-- An admin's "Test connection" and the jobs' calls.
CREATE POLICY integration_call_insert ON integration_call FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
-- Retention: the system context drops old calls.
CREATE POLICY integration_call_delete ON integration_call FOR DELETE
  USING (org_id = app_current_org_id() AND app_has_role('system'));

GRANT SELECT, INSERT, DELETE ON integration_call TO freshplan_app;

-- Syncs -----------------------------------------------------------------------------------------
-- One row per sync run (a later issue: Xentral products, Allianz Trade covers, the IMAP inbox):
-- what ran, when, what it counted, and why it failed.
CREATE TABLE sync_run (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  kind          text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  counts        jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(counts) = 'object'),
  error         text CHECK (length(error) <= 2000),
  CONSTRAINT sync_run_finished_after_start CHECK (finished_at IS NULL OR finished_at >= started_at),
  CONSTRAINT sync_run_connection_fkey FOREIGN KEY (org_id, connection_id)
    REFERENCES integration_connection (org_id, id) ON DELETE CASCADE
);
CREATE INDEX sync_run_connection_idx ON sync_run (org_id, connection_id, started_at DESC);

ALTER TABLE sync_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_run FORCE ROW LEVEL SECURITY;
CREATE POLICY sync_run_select ON sync_run FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
-- An admin may start a sync by hand; jobs start them on schedule.
CREATE POLICY sync_run_insert ON sync_run FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
CREATE POLICY sync_run_update ON sync_run FOR UPDATE
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')))
  WITH CHECK (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));

GRANT SELECT, INSERT ON sync_run TO freshplan_app;
GRANT UPDATE (finished_at, counts, error) ON sync_run TO freshplan_app;

-- Outbox delivery ---------------------------------------------------------------------------------
-- The mail sender (job outbox-deliver) claims due EMAIL rows (state QUEUED, or SENDING whose claim
-- has run out) with FOR UPDATE SKIP LOCKED and marks them SENDING in the same statement, so two
-- senders never hold the same row; next_attempt_at is when a QUEUED row is due and until when a
-- SENDING row is claimed. A delivered row is SENT (sent_at and the Message-ID set), a refused one
-- (SMTP 5xx, or too many attempts) FAILED with the server's answer in last_error; an admin may put
-- a FAILED row back in the queue. sent_at stays: it is what other code and reports read.
ALTER TABLE notification_outbox
  ADD COLUMN state text NOT NULL DEFAULT 'QUEUED'
    CONSTRAINT notification_outbox_state_check CHECK (state IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
  ADD COLUMN attempts integer NOT NULL DEFAULT 0 CONSTRAINT notification_outbox_attempts_check CHECK (attempts >= 0),
  ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN last_error text CONSTRAINT notification_outbox_last_error_check CHECK (length(last_error) <= 2000),
  ADD COLUMN message_id text CONSTRAINT notification_outbox_message_id_check CHECK (length(message_id) <= 300);

UPDATE notification_outbox SET state = 'SENT' WHERE sent_at IS NOT NULL;

DROP INDEX notification_outbox_unsent_idx;
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at)
  WHERE channel = 'EMAIL' AND state IN ('QUEUED', 'SENDING');

-- An admin puts a failed e-mail back in the queue (the Integrations page's "retry"); everything
-- else about delivery stays the system context's (notification_outbox_update).
CREATE POLICY notification_outbox_update_admin_retry ON notification_outbox FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('admin') AND channel = 'EMAIL' AND state = 'FAILED')
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('admin') AND channel = 'EMAIL' AND state = 'QUEUED');

GRANT UPDATE (state, attempts, next_attempt_at, last_error, message_id) ON notification_outbox TO freshplan_app;

-- migrate:down

REVOKE UPDATE (state, attempts, next_attempt_at, last_error, message_id) ON notification_outbox FROM freshplan_app;
DROP POLICY notification_outbox_update_admin_retry ON notification_outbox;
DROP INDEX notification_outbox_due_idx;
CREATE INDEX notification_outbox_unsent_idx ON notification_outbox (created_at)
  WHERE channel = 'EMAIL' AND sent_at IS NULL;
ALTER TABLE notification_outbox
  DROP COLUMN message_id,
  DROP COLUMN last_error,
  DROP COLUMN next_attempt_at,
  DROP COLUMN attempts,
  DROP COLUMN state;

DROP TABLE sync_run;
DROP TABLE integration_call;
DROP TABLE integration_connection;
