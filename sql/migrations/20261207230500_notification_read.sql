-- The in-app inbox (issue 16, "Daily overview and notifications"): a member's INAPP rows of the
-- notification outbox are their inbox; read_at is when they marked one read (NULL: unread). A
-- member marks only their own in-app rows: the policy below is the only one that lets a member
-- other than the system context (and an admin retrying a failed e-mail) update an outbox row, and
-- the grant adds read_at alone to the columns the app role may update.

-- migrate:up

ALTER TABLE notification_outbox
  ADD COLUMN read_at timestamptz,
  ADD CONSTRAINT notification_outbox_read_at_check CHECK (read_at IS NULL OR channel = 'INAPP');

CREATE POLICY notification_outbox_update_own ON notification_outbox FOR UPDATE
  USING (org_id = app_current_org_id() AND channel = 'INAPP' AND recipient_user_id = app_current_user_id())
  WITH CHECK (org_id = app_current_org_id() AND channel = 'INAPP' AND recipient_user_id = app_current_user_id());

GRANT UPDATE (read_at) ON notification_outbox TO freshplan_app;

-- The bell's count and the inbox list: a member's in-app rows, newest first, unread ones apart.
CREATE INDEX notification_outbox_inbox_idx ON notification_outbox (org_id, recipient_user_id, created_at DESC)
  WHERE channel = 'INAPP';
CREATE INDEX notification_outbox_unread_idx ON notification_outbox (org_id, recipient_user_id)
  WHERE channel = 'INAPP' AND read_at IS NULL;

-- migrate:down

DROP INDEX notification_outbox_unread_idx;
DROP INDEX notification_outbox_inbox_idx;
REVOKE UPDATE (read_at) ON notification_outbox FROM freshplan_app;
DROP POLICY notification_outbox_update_own ON notification_outbox;
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_read_at_check, DROP COLUMN read_at;
