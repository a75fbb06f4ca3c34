-- Collaborators are sales partners (spec, "Collaboration"): an auditor, admin or manager could be
-- made one, with a commission share, and an auditor-collaborator then logged a qualifying
-- activity that moved the owner's deadline. Two rules, held by the database as well as the
-- service:
--   * only a member with the role `sales` is a collaborator. The key to the membership carries the
--     role, fixed to 'sales', so the row cannot name anyone else; nor can a collaborating partner's
--     role be changed while the collaboration lasts (the key refuses it: remove them first).
--   * an auditor never writes a lead, its activities, holds, extensions or collaborators, whatever
--     else they are (an owner by reassignment, a collaborator from before this migration).

-- migrate:up

-- Collaborations the rule never allowed: the audit trail keeps when they were added and by whom.
DELETE FROM lead_collaborator c
  WHERE NOT EXISTS (SELECT 1 FROM membership m
                    WHERE m.org_id = c.org_id AND m.user_id = c.user_id AND m.role = 'sales');

ALTER TABLE membership ADD CONSTRAINT membership_org_id_user_id_role_key UNIQUE (org_id, user_id, role);
ALTER TABLE lead_collaborator
  ADD COLUMN member_role text NOT NULL DEFAULT 'sales' CONSTRAINT lead_collaborator_partner_role CHECK (member_role = 'sales'),
  DROP CONSTRAINT lead_collaborator_member_fkey,
  ADD CONSTRAINT lead_collaborator_partner_fkey FOREIGN KEY (org_id, user_id, member_role)
    REFERENCES membership (org_id, user_id, role) ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION app_can_write_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT NOT app_has_role('auditor') AND (app_is_lead_manager() OR app_is_protected_owner(p_lead)) $$;

CREATE OR REPLACE FUNCTION app_can_log_activity(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT NOT app_has_role('auditor')
       AND (app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['ASSIST', 'NEGOTIATE']))
  $$;

-- migrate:down

CREATE OR REPLACE FUNCTION app_can_log_activity(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_can_write_lead(p_lead) OR app_is_collaborator(p_lead, ARRAY['ASSIST', 'NEGOTIATE']) $$;
CREATE OR REPLACE FUNCTION app_can_write_lead(p_lead uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_is_lead_manager() OR app_is_protected_owner(p_lead) $$;

ALTER TABLE lead_collaborator
  DROP CONSTRAINT lead_collaborator_partner_fkey,
  DROP COLUMN member_role,
  ADD CONSTRAINT lead_collaborator_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE;
ALTER TABLE membership DROP CONSTRAINT membership_org_id_user_id_role_key;
