-- Retention of the inbox and the webhook inbox (issue 12), run by the job integrations-housekeeping
-- in the system context, per organisation:
--
-- * integrations.mail.retention: mail_message rows older than it go, and with them their decided
--   suggestions (ON DELETE CASCADE); a message with a PENDING suggestion stays until it is decided.
--   A CONFIRMED suggestion that became an activity stays, pseudonymised: sender, name, subject,
--   excerpt and AI summary cleared, pseudonymised_at set (the activity keeps what the user wrote);
--   its message stays too, without its Message-ID.
-- * integrations.webhooks.retention: PROCESSED events older than it go; FAILED ones after twice it
--   (time to replay them); RECEIVED ones (not yet processed) stay.

-- migrate:up

ALTER TABLE mail_suggestion ADD COLUMN pseudonymised_at timestamptz;
ALTER TABLE mail_suggestion DROP CONSTRAINT mail_suggestion_from_address_check;
ALTER TABLE mail_suggestion ADD CONSTRAINT mail_suggestion_from_address_check
  CHECK (length(from_address) BETWEEN 3 AND 320 OR (pseudonymised_at IS NOT NULL AND from_address = ''));
ALTER TABLE mail_suggestion ADD CONSTRAINT mail_suggestion_pseudonymised_check
  CHECK (pseudonymised_at IS NULL
         OR (status = 'CONFIRMED' AND from_address = '' AND from_name IS NULL AND subject = ''
             AND excerpt = '' AND proposed_summary IS NULL));

GRANT DELETE ON mail_message TO freshplan_app;
GRANT UPDATE (message_id) ON mail_message TO freshplan_app;
GRANT UPDATE (from_address, from_name, subject, excerpt, proposed_summary, pseudonymised_at)
  ON mail_suggestion TO freshplan_app;
GRANT DELETE ON integration_webhook_event TO freshplan_app;

CREATE POLICY mail_message_delete_system ON mail_message FOR DELETE
  USING (org_id = app_current_org_id() AND app_has_role('system'));
CREATE POLICY mail_message_update_system ON mail_message FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system'))
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system'));
CREATE POLICY mail_suggestion_update_pseudonymise_system ON mail_suggestion FOR UPDATE
  USING (org_id = app_current_org_id() AND app_has_role('system') AND status = 'CONFIRMED')
  WITH CHECK (org_id = app_current_org_id() AND app_has_role('system') AND status = 'CONFIRMED'
              AND pseudonymised_at IS NOT NULL);
CREATE POLICY integration_webhook_event_delete_system ON integration_webhook_event FOR DELETE
  USING (org_id = app_current_org_id() AND app_has_role('system') AND status <> 'RECEIVED');

-- migrate:down

DROP POLICY integration_webhook_event_delete_system ON integration_webhook_event;
DROP POLICY mail_suggestion_update_pseudonymise_system ON mail_suggestion;
DROP POLICY mail_message_update_system ON mail_message;
DROP POLICY mail_message_delete_system ON mail_message;
REVOKE DELETE ON integration_webhook_event FROM freshplan_app;
REVOKE UPDATE (from_address, from_name, subject, excerpt, proposed_summary, pseudonymised_at)
  ON mail_suggestion FROM freshplan_app;
REVOKE UPDATE (message_id) ON mail_message FROM freshplan_app;
REVOKE DELETE ON mail_message FROM freshplan_app;
-- Pseudonymised suggestions cannot get their sender back: they go.
DELETE FROM mail_suggestion WHERE pseudonymised_at IS NOT NULL;
ALTER TABLE mail_suggestion DROP CONSTRAINT mail_suggestion_pseudonymised_check;
ALTER TABLE mail_suggestion DROP CONSTRAINT mail_suggestion_from_address_check;
ALTER TABLE mail_suggestion ADD CONSTRAINT mail_suggestion_from_address_check
  CHECK (length(from_address) BETWEEN 3 AND 320);
ALTER TABLE mail_suggestion DROP COLUMN pseudonymised_at;
