-- Workflow guides (issue 14): step-by-step checklists for the common tasks — each step says what to
-- do and links to the screen where it happens — with each member's own progress. A guide belongs to
-- a space like an article: salesops guides (for managers and admins) are never shown to others.

-- migrate:up

CREATE TABLE help_guide (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  space      text NOT NULL CHECK (space IN ('enduser', 'salesops')),
  locale     text NOT NULL CHECK (locale IN ('de', 'en')),
  slug       text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  summary    text NOT NULL DEFAULT '' CHECK (length(summary) <= 2000),
  position   integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_guide_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT help_guide_slug_key UNIQUE (org_id, locale, slug)
);

-- A step: what to do, and where (a path inside the organisation, e.g. `leads/queue`; no scheme, no
-- host, so a step never links out of the app).
CREATE TABLE help_guide_step (
  id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id   uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  guide_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  title    text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body     text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
  href     text CHECK (href ~ '^[a-z0-9][a-zA-Z0-9/_=&?.-]*$' AND length(href) <= 300),
  CONSTRAINT help_guide_step_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT help_guide_step_position_key UNIQUE (org_id, guide_id, position),
  CONSTRAINT help_guide_step_guide_fkey FOREIGN KEY (org_id, guide_id)
    REFERENCES help_guide (org_id, id) ON DELETE CASCADE
);

-- A member's ticked steps: present = done.
CREATE TABLE help_guide_progress (
  org_id  uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  step_id uuid NOT NULL,
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, step_id),
  CONSTRAINT help_guide_progress_step_fkey FOREIGN KEY (org_id, step_id)
    REFERENCES help_guide_step (org_id, id) ON DELETE CASCADE,
  CONSTRAINT help_guide_progress_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);

ALTER TABLE help_guide ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_guide FORCE ROW LEVEL SECURITY;
CREATE POLICY help_guide_select ON help_guide FOR SELECT
  USING (org_id = app_current_org_id() AND app_help_may_read(space, 'PUBLISHED'));
CREATE POLICY help_guide_insert ON help_guide FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager()
              AND (created_by IS NULL OR created_by = app_current_user_id()));

ALTER TABLE help_guide_step ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_guide_step FORCE ROW LEVEL SECURITY;
-- A step is visible with its guide.
CREATE POLICY help_guide_step_select ON help_guide_step FOR SELECT
  USING (org_id = app_current_org_id()
         AND EXISTS (SELECT 1 FROM help_guide g WHERE g.org_id = help_guide_step.org_id
                                                 AND g.id = help_guide_step.guide_id));
CREATE POLICY help_guide_step_insert ON help_guide_step FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());

ALTER TABLE help_guide_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_guide_progress FORCE ROW LEVEL SECURITY;
-- Each member's own ticks, on steps they can see.
CREATE POLICY help_guide_progress_select ON help_guide_progress FOR SELECT
  USING (org_id = app_current_org_id() AND user_id = app_current_user_id());
CREATE POLICY help_guide_progress_insert ON help_guide_progress FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id()
              AND EXISTS (SELECT 1 FROM help_guide_step s WHERE s.org_id = help_guide_progress.org_id
                                                            AND s.id = help_guide_progress.step_id));
CREATE POLICY help_guide_progress_delete ON help_guide_progress FOR DELETE
  USING (org_id = app_current_org_id() AND user_id = app_current_user_id());

GRANT SELECT, INSERT ON help_guide, help_guide_step, help_guide_progress TO freshplan_app;
GRANT DELETE ON help_guide_progress TO freshplan_app;

-- migrate:down

DROP TABLE help_guide_progress;
DROP TABLE help_guide_step;
DROP TABLE help_guide;
