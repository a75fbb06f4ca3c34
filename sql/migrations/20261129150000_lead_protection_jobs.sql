-- What the daily lead-protection job (lib/leads/daily.ts, job `lead-protection-daily`) needs beyond
-- 20261129140000_lead_protection.sql: the notification outbox, the narrow list of organisations the
-- job walks, and mv_lead_protection_summary with the functions that refresh and read it.

-- migrate:up

-- The outbox ------------------------------------------------------------------------------------
-- Every message the product sends to a person is first a row here: an e-mail (channel EMAIL) or an
-- in-app notification (INAPP), per recipient, written in the same transaction as the change it
-- reports, so a rolled-back change sends nothing. This table is the single feed of the mail sender
-- (a later issue: all-inkl SMTP): it delivers `channel = 'EMAIL' AND sent_at IS NULL` rows and sets
-- sent_at; nothing else in the app sends mail. For INAPP rows the table is the recipient's inbox
-- (visible at once); sent_at stays NULL until a push sender, if one comes, delivers them.
-- dedupe_key names what the message is about (a reminder, a release, an escalation), so even a
-- second writer that got past the callers' own once-only guards cannot queue it twice.
CREATE TABLE notification_outbox (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  recipient_user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  channel           text NOT NULL CHECK (channel IN ('EMAIL', 'INAPP')),
  -- What the sender renders, e.g. lead.reminder_60d, lead.grace_expiry, lead.expired,
  -- lead.extension.escalated; payload holds its arguments (ids, dates, company and city).
  template          text NOT NULL CHECK (template ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$'),
  payload           jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(payload) = 'object'),
  dedupe_key        text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  created_at        timestamptz NOT NULL DEFAULT now(),
  sent_at           timestamptz,
  CONSTRAINT notification_outbox_once UNIQUE (org_id, recipient_user_id, channel, dedupe_key)
);
-- The mail sender's queue.
CREATE INDEX notification_outbox_unsent_idx ON notification_outbox (created_at)
  WHERE channel = 'EMAIL' AND sent_at IS NULL;

ALTER TABLE notification_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_outbox FORCE ROW LEVEL SECURITY;
-- A member reads their own in-app notifications; managers and admins (and the system) the org's.
CREATE POLICY notification_outbox_read ON notification_outbox FOR SELECT
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
         AND ((channel = 'INAPP' AND recipient_user_id = app_current_user_id())
              OR app_has_role('manager') OR app_has_role('admin') OR app_has_role('system')));
-- Only the system context (jobs) queues messages; only it marks them sent.
CREATE POLICY notification_outbox_enqueue ON notification_outbox FOR INSERT
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('system'));
CREATE POLICY notification_outbox_deliver ON notification_outbox FOR UPDATE
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('system'))
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_has_role('system'));

GRANT SELECT, INSERT ON notification_outbox TO freshplan_app;
GRANT UPDATE (sent_at) ON notification_outbox TO freshplan_app;

-- The organisations a job walks ---------------------------------------------------------------
-- Jobs run without an organisation, where organization's policy shows nothing. This answers only
-- "which organisations are there" (ids), and only to the system context; the job then does each
-- organisation's work in that organisation's own context, under its policies.
CREATE FUNCTION app_job_org_ids() RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_job_org_ids() answers only the job runner''s system context'
        USING ERRCODE = '42501';
    END IF;
    RETURN QUERY SELECT o.id FROM organization o ORDER BY o.id;
  END
  $$;

-- The summary ------------------------------------------------------------------------------------
-- Counts of current assignments by organisation, owner, status and due_soon, as of p_now, from
-- the one computation (app_lead_protection_of). That function answers only about the caller's
-- organisation (app.org_id), so this walks the organisations and sets app.org_id to each in turn;
-- the SET clause on the function gives app.org_id back its caller's value when it returns. Only
-- for the materialized view below (the app has no EXECUTE on it).
CREATE FUNCTION app_lead_protection_counts(p_now timestamptz)
  RETURNS TABLE (org_id uuid, owner_user_id uuid, status text, due_soon boolean, leads integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET app.org_id = ''
  AS $$
  DECLARE
    v_org uuid;
  BEGIN
    FOR v_org IN SELECT o.id FROM organization o ORDER BY o.id LOOP
      PERFORM set_config('app.org_id', v_org::text, true);
      RETURN QUERY
        SELECT l.org_id, p.owner_user_id, p.status, p.due_soon, count(*)::integer
        FROM lead l CROSS JOIN LATERAL app_lead_protection_of(l.id, p_now) p
        WHERE l.org_id = v_org
        GROUP BY l.org_id, p.owner_user_id, p.status, p.due_soon;
    END LOOP;
  END
  $$;

-- Dashboards read these counts instead of computing the protection of every lead. A snapshot:
-- as_of is the moment it was computed (app_now(), so tests can pin it); the daily job refreshes it,
-- and the app after bulk changes (app_refresh_lead_summary). Released leads have no current
-- assignment and do not appear; EXPIRED ones appear until the job releases them.
CREATE MATERIALIZED VIEW mv_lead_protection_summary AS
  SELECT c.org_id, c.owner_user_id, c.status, c.due_soon, c.leads, s.as_of
  FROM (SELECT app_now() AS as_of) s
  CROSS JOIN LATERAL app_lead_protection_counts(s.as_of) c
  WITH DATA;
-- One row per key: what REFRESH … CONCURRENTLY needs to merge the new rows into the old.
CREATE UNIQUE INDEX mv_lead_protection_summary_key
  ON mv_lead_protection_summary (org_id, owner_user_id, status, due_soon);

-- A materialized view has no row-level security: nobody but its owner reads it directly. The app
-- reads it through app_lead_protection_summary(), which filters like the lead policies do.
REVOKE ALL ON mv_lead_protection_summary FROM PUBLIC;

-- Recomputes the summary without blocking its readers (CONCURRENTLY; a second refresh at the same
-- time waits for the first). For the daily job (system context) and for the app after bulk
-- changes (any organisation context); refused without either.
CREATE FUNCTION app_refresh_lead_summary() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NULLIF(current_setting('app.org_id', true), '') IS NULL AND NOT coalesce(app_has_role('system'), false) THEN
      RAISE EXCEPTION 'app_refresh_lead_summary() needs an organisation or the system context'
        USING ERRCODE = '42501';
    END IF;
    REFRESH MATERIALIZED VIEW CONCURRENTLY mv_lead_protection_summary;
  END
  $$;

-- The summary rows the caller may see: their organisation's only; all owners for managers, admins,
-- auditors and the system, a partner only their own row(s), like the lead policies.
CREATE FUNCTION app_lead_protection_summary()
  RETURNS TABLE (owner_user_id uuid, status text, due_soon boolean, leads integer, as_of timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT s.owner_user_id, s.status, s.due_soon, s.leads, s.as_of
    FROM mv_lead_protection_summary s
    WHERE s.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
      AND (app_is_lead_manager() OR app_has_role('auditor') OR s.owner_user_id = app_current_user_id())
    ORDER BY s.owner_user_id, s.status, s.due_soon
  $$;

REVOKE ALL ON FUNCTION app_job_org_ids(), app_lead_protection_counts(timestamptz),
  app_refresh_lead_summary(), app_lead_protection_summary() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_job_org_ids(), app_refresh_lead_summary(), app_lead_protection_summary()
  TO freshplan_app;

-- migrate:down

DROP FUNCTION app_lead_protection_summary();
DROP FUNCTION app_refresh_lead_summary();
DROP MATERIALIZED VIEW mv_lead_protection_summary;
DROP FUNCTION app_lead_protection_counts(timestamptz);
DROP FUNCTION app_job_org_ids();
DROP TABLE notification_outbox;
