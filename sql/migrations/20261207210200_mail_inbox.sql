-- The all-inkl mailbox as a source of lead activities (issue 12, "Receive"): the job mail-inbox-poll
-- reads each organisation's configured IMAP mailbox, remembers how far it has read, keeps one row
-- per message it has seen, and turns a message from a lead's contact (address, or the domain of the
-- contact's address) into a suggestion on that lead. The lead's owner or a manager confirms a
-- suggestion into an activity (written through the leads service, so it moves the protection clock)
-- or dismisses it.
--
-- Who reads what: inbox state and seen messages are the admins' (like connections and calls); a
-- suggestion is read as its lead is (app_can_read_lead), so a partner sees suggestions only on the
-- leads they may read, and mail from an unknown sender never becomes a suggestion at all. Only the
-- system context (the job) writes state, messages and suggestions; deciding is an UPDATE by who may
-- write the lead.

-- migrate:up

-- Lets a suggestion pin the activity it became to its organisation.
ALTER TABLE lead_activity ADD CONSTRAINT lead_activity_org_id_id_key UNIQUE (org_id, id);

-- How far a mailbox has been read: UIDs are only comparable within one UIDVALIDITY; a new
-- UIDVALIDITY (the mailbox was recreated) starts the reading over, and mail_message's Message-ID
-- index keeps a message already seen from counting twice.
CREATE TABLE mail_inbox_state (
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  mailbox       text NOT NULL CHECK (length(mailbox) BETWEEN 1 AND 200),
  uid_validity  bigint NOT NULL CHECK (uid_validity > 0),
  last_uid      bigint NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
  polled_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection_id, mailbox),
  CONSTRAINT mail_inbox_state_connection_fkey FOREIGN KEY (org_id, connection_id)
    REFERENCES integration_connection (org_id, id) ON DELETE CASCADE
);

ALTER TABLE mail_inbox_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_inbox_state FORCE ROW LEVEL SECURITY;
CREATE POLICY mail_inbox_state_select ON mail_inbox_state FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
CREATE POLICY mail_inbox_state_insert_system ON mail_inbox_state FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));
CREATE POLICY mail_inbox_state_update_system ON mail_inbox_state FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system'))
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));

-- Every message read, once: by its place (connection, mailbox, UIDVALIDITY, UID) and by its
-- Message-ID within the organisation. No sender, subject or body: what matters of a message from a
-- known contact is in its suggestion; the rest is nobody's business here.
CREATE TABLE mail_message (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  connection_id uuid NOT NULL,
  mailbox       text NOT NULL CHECK (length(mailbox) BETWEEN 1 AND 200),
  uid_validity  bigint NOT NULL CHECK (uid_validity > 0),
  uid           bigint NOT NULL CHECK (uid > 0),
  message_id    text CHECK (length(message_id) BETWEEN 1 AND 998),
  received_at   timestamptz NOT NULL,
  -- How many suggestions it became (0: no lead's contact sent it).
  suggestions   integer NOT NULL DEFAULT 0 CHECK (suggestions >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mail_message_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT mail_message_place_key UNIQUE (connection_id, mailbox, uid_validity, uid),
  CONSTRAINT mail_message_connection_fkey FOREIGN KEY (org_id, connection_id)
    REFERENCES integration_connection (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX mail_message_message_id_key ON mail_message (org_id, message_id)
  WHERE message_id IS NOT NULL;

ALTER TABLE mail_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_message FORCE ROW LEVEL SECURITY;
CREATE POLICY mail_message_select ON mail_message FOR SELECT
  USING (org_id = app_current_org_id() AND (app_has_role('admin') OR app_has_role('system')));
CREATE POLICY mail_message_insert_system ON mail_message FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));

-- A message from a lead's contact, proposed as an activity on that lead.
CREATE TABLE mail_suggestion (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id           uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  lead_id          uuid NOT NULL,
  message_ref      uuid NOT NULL,
  -- address: the sender is the lead's contact; domain: the sender writes from the contact's domain.
  matched_by       text NOT NULL CHECK (matched_by IN ('address', 'domain')),
  from_address     text NOT NULL CHECK (length(from_address) BETWEEN 3 AND 320),
  from_name        text CHECK (length(from_name) <= 200),
  subject          text NOT NULL DEFAULT '' CHECK (length(subject) <= 500),
  received_at      timestamptz NOT NULL,
  excerpt          text NOT NULL DEFAULT '' CHECK (length(excerpt) <= 500),
  -- What confirming logs: CUSTOMER_REACTION unless email.triage proposed another activity kind.
  proposed_kind    text NOT NULL DEFAULT 'CUSTOMER_REACTION'
                   CHECK (proposed_kind = ANY (app_lead_activity_kinds())),
  proposed_summary text CHECK (length(proposed_summary) <= 500),
  -- email.triage's verdict when AI is configured (new_lead, activity, ignore); NULL without AI.
  ai_action        text CHECK (ai_action IN ('new_lead', 'activity', 'ignore')),
  status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'CONFIRMED', 'DISMISSED')),
  decided_by       uuid REFERENCES app_user (id) ON DELETE SET NULL,
  decided_at       timestamptz,
  activity_id      uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mail_suggestion_decided CHECK ((status = 'PENDING') = (decided_at IS NULL)),
  CONSTRAINT mail_suggestion_activity_when_confirmed CHECK (activity_id IS NULL OR status = 'CONFIRMED'),
  CONSTRAINT mail_suggestion_message_lead_key UNIQUE (message_ref, lead_id),
  CONSTRAINT mail_suggestion_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  CONSTRAINT mail_suggestion_message_fkey FOREIGN KEY (org_id, message_ref)
    REFERENCES mail_message (org_id, id) ON DELETE CASCADE,
  CONSTRAINT mail_suggestion_activity_fkey FOREIGN KEY (org_id, activity_id)
    REFERENCES lead_activity (org_id, id) ON DELETE SET NULL (activity_id)
);
CREATE INDEX mail_suggestion_lead_idx ON mail_suggestion (org_id, lead_id, received_at DESC);
CREATE INDEX mail_suggestion_pending_idx ON mail_suggestion (org_id, received_at DESC) WHERE status = 'PENDING';

ALTER TABLE mail_suggestion ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_suggestion FORCE ROW LEVEL SECURITY;
-- Read as the lead is read (managers, auditors, the protected owner, collaborators; the system).
CREATE POLICY mail_suggestion_select ON mail_suggestion FOR SELECT
  USING (org_id = app_current_org_id() AND app_can_read_lead(lead_id));
-- The job proposes; nobody inserts a decided suggestion.
CREATE POLICY mail_suggestion_insert_system ON mail_suggestion FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system')
              AND status = 'PENDING' AND decided_by IS NULL AND activity_id IS NULL);
-- Decided once, by who may write the lead (its protected owner, managers, admins), as themselves.
CREATE POLICY mail_suggestion_update ON mail_suggestion FOR UPDATE
  USING (org_id = app_current_org_id() AND status = 'PENDING' AND app_can_write_lead(lead_id))
  WITH CHECK (org_id = app_current_org_id() AND status IN ('CONFIRMED', 'DISMISSED')
              AND decided_by = app_current_user_id());

GRANT SELECT, INSERT ON mail_inbox_state, mail_message, mail_suggestion TO freshplan_app;
GRANT UPDATE (uid_validity, last_uid, polled_at) ON mail_inbox_state TO freshplan_app;
GRANT UPDATE (status, decided_by, decided_at, activity_id) ON mail_suggestion TO freshplan_app;

-- migrate:down

DROP TABLE mail_suggestion;
DROP TABLE mail_message;
DROP TABLE mail_inbox_state;
ALTER TABLE lead_activity DROP CONSTRAINT lead_activity_org_id_id_key;
