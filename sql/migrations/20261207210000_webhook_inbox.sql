-- Integrations I (issue 12): the webhook inbox. A vendor posts an event to
-- /api/webhooks/{provider}/{connectionId}, signed with the connection's webhook secret (kept in the
-- connection's encrypted secrets). The route finds the connection without an organisation context
-- (app_webhook_connection, below), checks the signature in the app, and stores the raw event once
-- per provider event id; the job webhook-process hands each stored event to its provider's handler
-- (lib/integrations/webhook-handlers.ts). Admins see the events and replay failed ones.
-- GENERIC is a provider of its own: a vendor without an adapter yet, or a test sender, that only
-- posts webhooks in the generic envelope.

-- migrate:up

ALTER TABLE integration_connection DROP CONSTRAINT integration_connection_provider_check;
ALTER TABLE integration_connection ADD CONSTRAINT integration_connection_provider_check
  CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE', 'GENERIC'));
ALTER TABLE integration_call DROP CONSTRAINT integration_call_provider_check;
ALTER TABLE integration_call ADD CONSTRAINT integration_call_provider_check
  CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE', 'SMTP_ENV', 'GENERIC'));

-- One row per event a vendor sent: the payload as it came (parsed JSON, never re-signed), how far
-- its processing got, what the handler did (result) or why it failed (last_error, redacted).
-- RECEIVED → PROCESSED, or → FAILED; an admin's replay puts a FAILED event back to RECEIVED.
CREATE TABLE integration_webhook_event (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  provider      text NOT NULL CHECK (provider IN ('XENTRAL', 'ALLIANZ_TRADE', 'GENERIC')),
  event_id      text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
  event_type    text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
  received_at   timestamptz NOT NULL DEFAULT now(),
  payload       jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'RECEIVED' CHECK (status IN ('RECEIVED', 'PROCESSED', 'FAILED')),
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error    text CHECK (length(last_error) <= 2000),
  result        jsonb CHECK (result IS NULL OR jsonb_typeof(result) = 'object'),
  processed_at  timestamptz,
  CONSTRAINT integration_webhook_event_connection_fkey FOREIGN KEY (org_id, connection_id)
    REFERENCES integration_connection (org_id, id) ON DELETE CASCADE,
  -- Dedupe: a vendor that sends an event again (its retry) finds it stored.
  CONSTRAINT integration_webhook_event_event_key UNIQUE (org_id, connection_id, event_id)
);
CREATE INDEX integration_webhook_event_list_idx ON integration_webhook_event (org_id, received_at DESC);
CREATE INDEX integration_webhook_event_pending_idx ON integration_webhook_event (org_id, received_at)
  WHERE status = 'RECEIVED';

ALTER TABLE integration_webhook_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_webhook_event FORCE ROW LEVEL SECURITY;
CREATE POLICY integration_webhook_event_select ON integration_webhook_event FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
-- The webhook route stores events in the system context of the connection's organisation.
CREATE POLICY integration_webhook_event_insert ON integration_webhook_event FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system') AND status = 'RECEIVED'
              AND attempts = 0 AND processed_at IS NULL AND result IS NULL AND last_error IS NULL);
-- The job processes events.
CREATE POLICY integration_webhook_event_update ON integration_webhook_event FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system'))
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));
-- An admin replays a failed event: back to RECEIVED, nothing else.
CREATE POLICY integration_webhook_event_update_admin_replay ON integration_webhook_event FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('admin') AND status = 'FAILED')
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('admin') AND status = 'RECEIVED');

GRANT SELECT, INSERT ON integration_webhook_event TO freshplan_app;
GRANT UPDATE (status, attempts, last_error, result, processed_at) ON integration_webhook_event TO freshplan_app;

-- The webhook route's one look-up across organisations: the enabled connection of this provider
-- with this id, its organisation and its sealed secrets (opened only in the app, under
-- INTEGRATIONS_KEY). An unknown id, another provider or a disabled connection: no row.
CREATE FUNCTION app_webhook_connection(p_connection_id uuid, p_provider text)
  RETURNS TABLE (org_id uuid, secrets bytea, key_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT c.org_id, c.secrets, c.key_id FROM integration_connection c
    WHERE c.id = p_connection_id AND c.provider = p_provider AND c.enabled
  $$;

REVOKE ALL ON FUNCTION app_webhook_connection(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_webhook_connection(uuid, text) TO freshplan_app;

-- Retention of integration_call (setting integrations.calls.retention): the system context deletes
-- old rows, already allowed by integration_call_delete.

-- migrate:down

DROP FUNCTION app_webhook_connection(uuid, text);
DROP TABLE integration_webhook_event;
DELETE FROM integration_call WHERE provider = 'GENERIC';
DELETE FROM integration_connection WHERE provider = 'GENERIC';
ALTER TABLE integration_call DROP CONSTRAINT integration_call_provider_check;
ALTER TABLE integration_call ADD CONSTRAINT integration_call_provider_check
  CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE', 'SMTP_ENV'));
ALTER TABLE integration_connection DROP CONSTRAINT integration_connection_provider_check;
ALTER TABLE integration_connection ADD CONSTRAINT integration_connection_provider_check
  CHECK (provider IN ('ALLINKL_MAIL', 'XENTRAL', 'ALLIANZ_TRADE'));
