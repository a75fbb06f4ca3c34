-- A/B tests of help articles (issue 14, lib/help/experiments.ts): an experiment compares versions
-- of one article for a time window. Arm 0 is control — the article's current published text, so it
-- has no text of its own; arms 1… are variants with an alternative title and body. Each arm has a
-- weight (the planned split). A reader's arm is a hash of experiment and reader (assignArm in
-- lib/help/ab-stats.ts); the exposure row records the first time the article was shown to them,
-- once per reader and experiment (UNIQUE), which is what the outcomes are counted from.
--
-- Who reads what: editors (managers, admins, the system context: app_is_lead_manager()) manage the
-- experiments and read every exposure. Any other member sees a RUNNING experiment and its arms only
-- for an article they may read (needed to be shown their arm), inserts only their own exposure to a
-- running experiment, and reads only their own exposures — never the others', so no results.

-- migrate:up

CREATE TABLE help_experiment (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id                 uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  article_id             uuid NOT NULL,
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  status                 text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'RUNNING', 'STOPPED')),
  starts_at              timestamptz,
  ends_at                timestamptz NOT NULL,
  min_exposures_per_arm  integer NOT NULL CHECK (min_exposures_per_arm BETWEEN 1 AND 1000000),
  win_probability        double precision NOT NULL CHECK (win_probability >= 0.5 AND win_probability < 1),
  -- Set when it stops: the winning arm (null: none), why, when and by whom (null: the stop job).
  winner_arm             integer CHECK (winner_arm >= 0),
  stopped_reason         text CHECK (stopped_reason IN ('winner', 'max_duration', 'manual')),
  stopped_at             timestamptz,
  stopped_by             uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_by             uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_experiment_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT help_experiment_article_fkey FOREIGN KEY (org_id, article_id)
    REFERENCES help_article (org_id, id) ON DELETE CASCADE,
  CONSTRAINT help_experiment_window CHECK (starts_at IS NULL OR ends_at > starts_at),
  CONSTRAINT help_experiment_stopped CHECK (
    (status = 'STOPPED') = (stopped_reason IS NOT NULL AND stopped_at IS NOT NULL)),
  CONSTRAINT help_experiment_started CHECK (status = 'DRAFT' OR starts_at IS NOT NULL)
);
-- One running experiment per article: a reader sees one version, not a mix of two tests.
CREATE UNIQUE INDEX help_experiment_running_key ON help_experiment (org_id, article_id)
  WHERE status = 'RUNNING';

ALTER TABLE help_experiment ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_experiment FORCE ROW LEVEL SECURITY;
CREATE POLICY help_experiment_select ON help_experiment FOR SELECT
  USING (org_id = app_current_org_id()
         AND (app_is_lead_manager()
              OR (status = 'RUNNING'
                  AND EXISTS (SELECT 1 FROM help_article a
                              WHERE a.org_id = help_experiment.org_id AND a.id = help_experiment.article_id))));
CREATE POLICY help_experiment_insert ON help_experiment FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager()
              AND (created_by IS NULL OR created_by = app_current_user_id()) AND stopped_by IS NULL);
CREATE POLICY help_experiment_update ON help_experiment FOR UPDATE
  USING (org_id = app_current_org_id() AND app_is_lead_manager())
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager()
              AND (stopped_by IS NULL OR stopped_by = app_current_user_id()));

-- The versions compared: position 0 is control (no text: the article's), 1… variants.
CREATE TABLE help_experiment_arm (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id        uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  experiment_id uuid NOT NULL,
  position      integer NOT NULL CHECK (position BETWEEN 0 AND 9),
  label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  title         text CHECK (length(title) BETWEEN 1 AND 200),
  body_md       text CHECK (length(body_md) <= 100000),
  weight        integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
  CONSTRAINT help_experiment_arm_position_key UNIQUE (org_id, experiment_id, position),
  CONSTRAINT help_experiment_arm_experiment_fkey FOREIGN KEY (org_id, experiment_id)
    REFERENCES help_experiment (org_id, id) ON DELETE CASCADE,
  CONSTRAINT help_experiment_arm_text CHECK (
    (position = 0) = (title IS NULL AND body_md IS NULL))
);

ALTER TABLE help_experiment_arm ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_experiment_arm FORCE ROW LEVEL SECURITY;
-- Visible with its experiment (whose policy shows readers only running ones of readable articles).
CREATE POLICY help_experiment_arm_select ON help_experiment_arm FOR SELECT
  USING (org_id = app_current_org_id()
         AND EXISTS (SELECT 1 FROM help_experiment e
                     WHERE e.org_id = help_experiment_arm.org_id AND e.id = help_experiment_arm.experiment_id));
CREATE POLICY help_experiment_arm_insert ON help_experiment_arm FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());

-- A reader's first sight of an experiment's article: which arm, when. One per reader (sticky).
CREATE TABLE help_exposure (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  experiment_id  uuid NOT NULL,
  arm            integer NOT NULL,
  user_id        uuid NOT NULL,
  first_shown_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_exposure_reader_key UNIQUE (org_id, experiment_id, user_id),
  CONSTRAINT help_exposure_arm_fkey FOREIGN KEY (org_id, experiment_id, arm)
    REFERENCES help_experiment_arm (org_id, experiment_id, position) ON DELETE CASCADE,
  CONSTRAINT help_exposure_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX help_exposure_experiment_idx ON help_exposure (org_id, experiment_id, arm);

ALTER TABLE help_exposure ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_exposure FORCE ROW LEVEL SECURITY;
CREATE POLICY help_exposure_select ON help_exposure FOR SELECT
  USING (org_id = app_current_org_id() AND (user_id = app_current_user_id() OR app_is_lead_manager()));
-- A member logs only their own exposure, to a running experiment they can see.
CREATE POLICY help_exposure_insert ON help_exposure FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id()
              AND EXISTS (SELECT 1 FROM help_experiment e
                          WHERE e.org_id = help_exposure.org_id AND e.id = help_exposure.experiment_id
                            AND e.status = 'RUNNING'));

GRANT SELECT, INSERT ON help_experiment, help_experiment_arm, help_exposure TO freshplan_app;
GRANT UPDATE (status, starts_at, ends_at, winner_arm, stopped_reason, stopped_at, stopped_by)
  ON help_experiment TO freshplan_app;

-- migrate:down

DROP TABLE help_exposure;
DROP TABLE help_experiment_arm;
DROP TABLE help_experiment;
