-- The write policies checked who writes, not what the row claims: a partner could insert an
-- extension request that was already APPROVED (with any decider), log a qualifying activity dated
-- next year, backdate a hold, give themselves a fresh assignment on a lead someone else let expire,
-- or name another member as the author of a row. Each insert policy now pins what a new row may
-- claim, each update policy what the change may leave behind, and column grants say which columns
-- an update may touch at all (a policy cannot compare old and new values; a grant can refuse the
-- column).
--
-- Times: the services allow one minute of clock drift between app and client; the database allows
-- five, so that a clock difference between app and database never turns a valid request into an
-- error, while a deadline cannot be moved by claiming a moment far from now.
-- Authors (created_by, requested_by, added_by, updated_by): the acting user, or nobody (operators
-- and jobs act without a user); never somebody else.

-- migrate:up

-- A partner's own registration: the lead was created by them a moment ago in this organisation
-- and has no assignment yet. SECURITY DEFINER: the partner cannot read the lead before the
-- assignment this check admits exists.
CREATE FUNCTION app_is_own_registration(p_lead uuid, p_assigned_at timestamptz) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM lead l
      WHERE l.id = p_lead
        AND l.org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
        AND l.created_by = app_current_user_id()
        AND p_assigned_at BETWEEN l.created_at - interval '5 minutes' AND now() + interval '5 minutes'
        AND NOT EXISTS (SELECT 1 FROM lead_assignment a WHERE a.org_id = l.org_id AND a.lead_id = l.id)
    )
  $$;
REVOKE ALL ON FUNCTION app_is_own_registration(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_is_own_registration(uuid, timestamptz) TO freshplan_app;

ALTER POLICY lead_create ON lead
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND NOT app_has_role('auditor')
              AND (app_has_role('sales') OR app_is_lead_manager())
              AND (created_by IS NULL OR created_by = app_current_user_id()));

-- Managers assign and reassign; a partner only takes the lead they have just registered, from
-- the moment they registered it.
ALTER POLICY lead_assignment_create ON lead_assignment
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND (app_is_lead_manager()
                   OR (owner_user_id = app_current_user_id() AND app_is_own_registration(lead_id, assigned_at))));
REVOKE UPDATE ON lead_assignment FROM freshplan_app;
GRANT UPDATE (assigned_at, released_at, release_reason) ON lead_assignment TO freshplan_app;

ALTER POLICY lead_activity_create ON lead_activity
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_log_activity(lead_id)
              AND at <= now() + interval '5 minutes'
              AND (created_by IS NULL OR created_by = app_current_user_id()));

-- Only managers start a hold in the past; a hold is ended, never moved or re-pointed.
ALTER POLICY lead_hold_create ON lead_hold
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id)
              AND (app_is_lead_manager() OR start_at >= now() - interval '5 minutes')
              AND (created_by IS NULL OR created_by = app_current_user_id()));
ALTER POLICY lead_hold_update ON lead_hold
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));
REVOKE UPDATE ON lead_hold FROM freshplan_app;
GRANT UPDATE (end_at) ON lead_hold TO freshplan_app;

-- A request is born PENDING, undecided and unescalated, for the lead's current assignment. It is
-- changed only while PENDING: decided by the manager who signs it, or closed or escalated with no
-- decider; days, reason, lead and assignment never change.
ALTER POLICY lead_extension_create ON lead_extension_request
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id)
              AND status = 'PENDING' AND decided_by IS NULL AND decided_at IS NULL
              AND decision_comment IS NULL AND escalated_at IS NULL
              AND (requested_by IS NULL OR requested_by = app_current_user_id())
              AND EXISTS (SELECT 1 FROM lead_assignment a
                          WHERE a.id = lead_extension_request.assignment_id
                            AND a.lead_id = lead_extension_request.lead_id AND a.released_at IS NULL));
ALTER POLICY lead_extension_decide ON lead_extension_request
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager()
         AND status = 'PENDING')
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager()
              AND CASE WHEN status IN ('APPROVED', 'DENIED') THEN decided_by IS NOT DISTINCT FROM app_current_user_id()
                       ELSE decided_by IS NULL END);
REVOKE UPDATE ON lead_extension_request FROM freshplan_app;
GRANT UPDATE (status, decided_by, decided_at, decision_comment, escalated_at) ON lead_extension_request
  TO freshplan_app;

ALTER POLICY lead_collaborator_write ON lead_collaborator
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id)
              AND (added_by IS NULL OR added_by = app_current_user_id()));

-- Settings: whoever may write a value signs it as themselves, or not at all.
ALTER POLICY setting_value_global_insert ON setting_value
  WITH CHECK (scope = 'global'
              AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
              AND app_has_role('platform_admin')
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY setting_value_global_update ON setting_value
  WITH CHECK (scope = 'global' AND app_has_role('platform_admin')
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY setting_value_org_insert ON setting_value
  WITH CHECK (scope = 'org'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND app_has_role('admin')
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY setting_value_org_update ON setting_value
  WITH CHECK (scope = 'org' AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY setting_value_user_insert ON setting_value
  WITH CHECK (scope = 'user'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND user_id = app_current_user_id()
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY setting_value_user_update ON setting_value
  WITH CHECK (scope = 'user'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND user_id = app_current_user_id()
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));

ALTER POLICY ai_model_price_insert ON ai_model_price
  WITH CHECK (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
              AND app_has_role('platform_admin')
              AND (updated_by IS NULL OR updated_by = app_current_user_id()));
ALTER POLICY ai_model_price_update ON ai_model_price
  WITH CHECK (app_has_role('platform_admin') AND (updated_by IS NULL OR updated_by = app_current_user_id()));

-- AI budgets: a month starts empty, and a reservation open; only settling moves money.
ALTER POLICY ai_budget_org_month_insert ON ai_budget_org_month
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender()
              AND spent_eur = 0 AND reserved_eur = 0);
ALTER POLICY ai_budget_user_month_insert ON ai_budget_user_month
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender()) OR app_has_role('system'))
              AND spent_eur = 0 AND reserved_eur = 0);
ALTER POLICY ai_budget_reservation_insert ON ai_budget_reservation
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender())
                   OR (user_id IS NULL AND app_has_role('system')))
              AND status = 'open');

-- migrate:down

ALTER POLICY ai_budget_reservation_insert ON ai_budget_reservation
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender())
                   OR (user_id IS NULL AND app_has_role('system'))));
ALTER POLICY ai_budget_user_month_insert ON ai_budget_user_month
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND ((user_id = app_current_user_id() AND app_ai_spender()) OR app_has_role('system')));
ALTER POLICY ai_budget_org_month_insert ON ai_budget_org_month
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_ai_spender());

ALTER POLICY ai_model_price_update ON ai_model_price WITH CHECK (app_has_role('platform_admin'));
ALTER POLICY ai_model_price_insert ON ai_model_price
  WITH CHECK (NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
              AND app_has_role('platform_admin'));

ALTER POLICY setting_value_user_update ON setting_value
  WITH CHECK (scope = 'user'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND user_id = app_current_user_id());
ALTER POLICY setting_value_user_insert ON setting_value
  WITH CHECK (scope = 'user'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND user_id = app_current_user_id());
ALTER POLICY setting_value_org_update ON setting_value
  WITH CHECK (scope = 'org' AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
ALTER POLICY setting_value_org_insert ON setting_value
  WITH CHECK (scope = 'org'
              AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND app_has_role('admin'));
ALTER POLICY setting_value_global_update ON setting_value
  WITH CHECK (scope = 'global' AND app_has_role('platform_admin'));
ALTER POLICY setting_value_global_insert ON setting_value
  WITH CHECK (scope = 'global'
              AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
              AND app_has_role('platform_admin'));

ALTER POLICY lead_collaborator_write ON lead_collaborator
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));

REVOKE UPDATE (status, decided_by, decided_at, decision_comment, escalated_at) ON lead_extension_request
  FROM freshplan_app;
GRANT UPDATE ON lead_extension_request TO freshplan_app;
ALTER POLICY lead_extension_decide ON lead_extension_request
  USING (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_is_lead_manager())
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
ALTER POLICY lead_extension_create ON lead_extension_request
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));

REVOKE UPDATE (end_at) ON lead_hold FROM freshplan_app;
GRANT UPDATE ON lead_hold TO freshplan_app;
ALTER POLICY lead_hold_update ON lead_hold
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
ALTER POLICY lead_hold_create ON lead_hold
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_write_lead(lead_id));

ALTER POLICY lead_activity_create ON lead_activity
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND app_can_log_activity(lead_id));

REVOKE UPDATE (assigned_at, released_at, release_reason) ON lead_assignment FROM freshplan_app;
GRANT UPDATE ON lead_assignment TO freshplan_app;
ALTER POLICY lead_assignment_create ON lead_assignment
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
              AND (app_is_lead_manager() OR owner_user_id = app_current_user_id()));

ALTER POLICY lead_create ON lead
  WITH CHECK (org_id = NULLIF(current_setting('app.org_id', true), '')::uuid AND NOT app_has_role('auditor')
              AND (app_has_role('sales') OR app_is_lead_manager()));

DROP FUNCTION app_is_own_registration(uuid, timestamptz);
