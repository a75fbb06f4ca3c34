-- A child row's policies checked only the child's own org_id, so a manager in organisation A could
-- insert an activity or a hold with org_id = A on organisation B's lead (a probe did: the hold
-- moved B's deadline by ten years). From here on every child of a tenant table points at its
-- parent through a composite key that carries the organisation, (org_id, lead_id) → lead
-- (org_id, id) and so on, so a row can only hang from a parent of its own organisation, whatever
-- the policies let through.
--
-- Which user columns point at a membership: a row that exists because someone is a member names
-- that member, (org_id, user_id) → membership: an assignment's owner, a collaborator, a
-- notification's recipient, a member's AI budget month (tokens and user settings did so already).
-- Columns that record who acted (created_by, requested_by, decided_by, added_by,
-- updated_by, the AI call log's and reservations' user_id) are history: they keep pointing at the
-- account with ON DELETE SET NULL, so what someone did stays attributed after they leave an
-- organisation; the insert policies pin them to the acting user (20261207100100).
--
-- ON DELETE stays what it was: children go with their lead or assignment (CASCADE), a member's
-- collaborations, notifications and budget months with the membership (CASCADE, as they went
-- with the account),
-- and an owner's membership cannot be removed while assignments name them (NO ACTION, as the
-- account could not be deleted): deactivate the account instead.

-- migrate:up

ALTER TABLE lead ADD CONSTRAINT lead_org_id_id_key UNIQUE (org_id, id);
ALTER TABLE lead_assignment ADD CONSTRAINT lead_assignment_org_id_id_key UNIQUE (org_id, id);
-- An extension request names its lead and the assignment it extends: both must be the same lead's.
ALTER TABLE lead_assignment ADD CONSTRAINT lead_assignment_org_id_lead_id_id_key UNIQUE (org_id, lead_id, id);

-- Rows that hang across organisations already can only come from the hole this closes: they go,
-- or the keys below could not be validated. So do rows naming someone who is no member of the
-- row's organisation, where the new key cascades (they would have gone with the membership).
DELETE FROM lead_assignment c USING lead p WHERE p.id = c.lead_id AND p.org_id <> c.org_id;
DELETE FROM lead_activity c USING lead p WHERE p.id = c.lead_id AND p.org_id <> c.org_id;
DELETE FROM lead_hold c USING lead p WHERE p.id = c.lead_id AND p.org_id <> c.org_id;
DELETE FROM lead_collaborator c USING lead p WHERE p.id = c.lead_id AND p.org_id <> c.org_id;
DELETE FROM lead_extension_request c USING lead_assignment p
  WHERE p.id = c.assignment_id AND (p.org_id <> c.org_id OR p.lead_id <> c.lead_id);
DELETE FROM lead_reminder c USING lead_assignment p WHERE p.id = c.assignment_id AND p.org_id <> c.org_id;
DELETE FROM lead_collaborator c
  WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.org_id = c.org_id AND m.user_id = c.user_id);
DELETE FROM notification_outbox c
  WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.org_id = c.org_id AND m.user_id = c.recipient_user_id);
DELETE FROM ai_budget_user_month c
  WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.org_id = c.org_id AND m.user_id = c.user_id);

ALTER TABLE lead_assignment
  DROP CONSTRAINT lead_assignment_lead_id_fkey,
  DROP CONSTRAINT lead_assignment_owner_user_id_fkey,
  ADD CONSTRAINT lead_assignment_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_assignment_owner_fkey FOREIGN KEY (org_id, owner_user_id)
    REFERENCES membership (org_id, user_id);

ALTER TABLE lead_activity
  DROP CONSTRAINT lead_activity_lead_id_fkey,
  ADD CONSTRAINT lead_activity_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE;

ALTER TABLE lead_hold
  DROP CONSTRAINT lead_hold_lead_id_fkey,
  ADD CONSTRAINT lead_hold_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE;

ALTER TABLE lead_extension_request
  DROP CONSTRAINT lead_extension_request_lead_id_fkey,
  DROP CONSTRAINT lead_extension_request_assignment_id_fkey,
  ADD CONSTRAINT lead_extension_request_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_extension_request_assignment_fkey FOREIGN KEY (org_id, lead_id, assignment_id)
    REFERENCES lead_assignment (org_id, lead_id, id) ON DELETE CASCADE;

ALTER TABLE lead_collaborator
  DROP CONSTRAINT lead_collaborator_lead_id_fkey,
  DROP CONSTRAINT lead_collaborator_user_id_fkey,
  ADD CONSTRAINT lead_collaborator_lead_fkey FOREIGN KEY (org_id, lead_id)
    REFERENCES lead (org_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_collaborator_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE;

ALTER TABLE lead_reminder
  DROP CONSTRAINT lead_reminder_assignment_id_fkey,
  ADD CONSTRAINT lead_reminder_assignment_fkey FOREIGN KEY (org_id, assignment_id)
    REFERENCES lead_assignment (org_id, id) ON DELETE CASCADE;

ALTER TABLE notification_outbox
  DROP CONSTRAINT notification_outbox_recipient_user_id_fkey,
  ADD CONSTRAINT notification_outbox_recipient_fkey FOREIGN KEY (org_id, recipient_user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE;

ALTER TABLE ai_budget_user_month
  DROP CONSTRAINT ai_budget_user_month_user_id_fkey,
  ADD CONSTRAINT ai_budget_user_month_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE;

-- migrate:down

ALTER TABLE ai_budget_user_month
  DROP CONSTRAINT ai_budget_user_month_member_fkey,
  ADD CONSTRAINT ai_budget_user_month_user_id_fkey FOREIGN KEY (user_id)
    REFERENCES app_user (id) ON DELETE CASCADE;
ALTER TABLE notification_outbox
  DROP CONSTRAINT notification_outbox_recipient_fkey,
  ADD CONSTRAINT notification_outbox_recipient_user_id_fkey FOREIGN KEY (recipient_user_id)
    REFERENCES app_user (id) ON DELETE CASCADE;
ALTER TABLE lead_reminder
  DROP CONSTRAINT lead_reminder_assignment_fkey,
  ADD CONSTRAINT lead_reminder_assignment_id_fkey FOREIGN KEY (assignment_id)
    REFERENCES lead_assignment (id) ON DELETE CASCADE;
ALTER TABLE lead_collaborator
  DROP CONSTRAINT lead_collaborator_member_fkey,
  DROP CONSTRAINT lead_collaborator_lead_fkey,
  ADD CONSTRAINT lead_collaborator_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES lead (id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_collaborator_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE;
ALTER TABLE lead_extension_request
  DROP CONSTRAINT lead_extension_request_assignment_fkey,
  DROP CONSTRAINT lead_extension_request_lead_fkey,
  ADD CONSTRAINT lead_extension_request_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES lead (id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_extension_request_assignment_id_fkey FOREIGN KEY (assignment_id)
    REFERENCES lead_assignment (id) ON DELETE CASCADE;
ALTER TABLE lead_hold
  DROP CONSTRAINT lead_hold_lead_fkey,
  ADD CONSTRAINT lead_hold_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES lead (id) ON DELETE CASCADE;
ALTER TABLE lead_activity
  DROP CONSTRAINT lead_activity_lead_fkey,
  ADD CONSTRAINT lead_activity_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES lead (id) ON DELETE CASCADE;
ALTER TABLE lead_assignment
  DROP CONSTRAINT lead_assignment_owner_fkey,
  DROP CONSTRAINT lead_assignment_lead_fkey,
  ADD CONSTRAINT lead_assignment_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES lead (id) ON DELETE CASCADE,
  ADD CONSTRAINT lead_assignment_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES app_user (id);
ALTER TABLE lead_assignment DROP CONSTRAINT lead_assignment_org_id_lead_id_id_key;
ALTER TABLE lead_assignment DROP CONSTRAINT lead_assignment_org_id_id_key;
ALTER TABLE lead DROP CONSTRAINT lead_org_id_id_key;
