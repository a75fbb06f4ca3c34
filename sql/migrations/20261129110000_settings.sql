-- The settings registry's stored values. The registry itself (keys, types, allowed scopes, schemas,
-- defaults, merge strategies) lives in code, lib/settings/registry.ts; this table keeps only the
-- values someone set, one row per (scope, organisation, user, key). The issue names the chain
-- global → tenant → org → user: this product has no tenant entity above the organisation, so the
-- scopes are global, org and user.
--
-- Who sees and writes what, enforced here a second time after the service's ABAC check:
--   global  read in every organisation context; written only with app_has_role('platform_admin'),
--           which the app grants to the admins of the operator's organisation (PLATFORM_ORG_SLUG)
--   org     read by the members of that organisation; written by its admins
--   user    read and written only by that user (app_current_user_id()) in that organisation
-- Unknown keys are refused by the service (it validates every write against the registry); the
-- CHECK below only guards the key's shape, so adding a key to the registry needs no migration.

-- migrate:up

CREATE TABLE setting_value (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scope      text NOT NULL CHECK (scope IN ('global', 'org', 'user')),
  org_id     uuid REFERENCES organization (id) ON DELETE CASCADE,
  user_id    uuid,
  key        text NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$' AND length(key) <= 200),
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The user who made the change; NULL for operators (CLI) and system jobs, whose audit events say who.
  updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  CONSTRAINT setting_value_scope_owner CHECK (
    (scope = 'global' AND org_id IS NULL AND user_id IS NULL)
    OR (scope = 'org' AND org_id IS NOT NULL AND user_id IS NULL)
    OR (scope = 'user' AND org_id IS NOT NULL AND user_id IS NOT NULL)
  ),
  -- A user's values in an organisation go when their membership goes.
  CONSTRAINT setting_value_member FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE,
  -- NULLS NOT DISTINCT: one global row per key, one org row per org and key (PostgreSQL 15+).
  CONSTRAINT setting_value_unique UNIQUE NULLS NOT DISTINCT (scope, org_id, user_id, key)
);
CREATE INDEX setting_value_member_idx ON setting_value (org_id, user_id) WHERE user_id IS NOT NULL;

ALTER TABLE setting_value ENABLE ROW LEVEL SECURITY;
ALTER TABLE setting_value FORCE ROW LEVEL SECURITY;

-- global
CREATE POLICY setting_value_global_read ON setting_value FOR SELECT
  USING (scope = 'global' AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL);
CREATE POLICY setting_value_global_insert ON setting_value FOR INSERT
  WITH CHECK (
    scope = 'global'
    AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
    AND app_has_role('platform_admin')
  );
CREATE POLICY setting_value_global_update ON setting_value FOR UPDATE
  USING (
    scope = 'global'
    AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
    AND app_has_role('platform_admin')
  )
  WITH CHECK (scope = 'global' AND app_has_role('platform_admin'));
CREATE POLICY setting_value_global_delete ON setting_value FOR DELETE
  USING (
    scope = 'global'
    AND NULLIF(current_setting('app.org_id', true), '')::uuid IS NOT NULL
    AND app_has_role('platform_admin')
  );

-- org
CREATE POLICY setting_value_org_read ON setting_value FOR SELECT
  USING (scope = 'org' AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY setting_value_org_insert ON setting_value FOR INSERT
  WITH CHECK (
    scope = 'org'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND app_has_role('admin')
  );
CREATE POLICY setting_value_org_update ON setting_value FOR UPDATE
  USING (
    scope = 'org'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND app_has_role('admin')
  )
  WITH CHECK (scope = 'org' AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY setting_value_org_delete ON setting_value FOR DELETE
  USING (
    scope = 'org'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND app_has_role('admin')
  );

-- user
CREATE POLICY setting_value_user_read ON setting_value FOR SELECT
  USING (
    scope = 'user'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  );
CREATE POLICY setting_value_user_insert ON setting_value FOR INSERT
  WITH CHECK (
    scope = 'user'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  );
CREATE POLICY setting_value_user_update ON setting_value FOR UPDATE
  USING (
    scope = 'user'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  )
  WITH CHECK (
    scope = 'user'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  );
CREATE POLICY setting_value_user_delete ON setting_value FOR DELETE
  USING (
    scope = 'user'
    AND org_id = NULLIF(current_setting('app.org_id', true), '')::uuid
    AND user_id = app_current_user_id()
  );

GRANT SELECT, INSERT, UPDATE, DELETE ON setting_value TO freshplan_app;

-- migrate:down

DROP TABLE setting_value;
