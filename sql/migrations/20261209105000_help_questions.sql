-- Questions asked to the help system's "Ask" box (issue 14): one row per question, with whether the
-- published articles covered it and which ones the answer cited. They are the help system's
-- support contacts: the A/B tests count a reader who asks nothing within 24 hours after reading an
-- article as deflected, and uncovered questions are content gaps.

-- migrate:up

CREATE TABLE help_question (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id            uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  user_id           uuid NOT NULL,
  question          text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
  locale            text NOT NULL CHECK (locale IN ('de', 'en')),
  -- How it was answered: by the AI router from the articles, or with search results (no AI).
  answered_by       text NOT NULL CHECK (answered_by IN ('ai', 'search')),
  -- The articles covered it; false → a content gap.
  covered           boolean NOT NULL,
  cited_article_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(cited_article_ids) <= 20),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_question_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX help_question_user_idx ON help_question (org_id, user_id, created_at);

ALTER TABLE help_question ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_question FORCE ROW LEVEL SECURITY;
-- A member reads their own questions; editors (managers, admins) every question of the organisation.
CREATE POLICY help_question_select ON help_question FOR SELECT
  USING (org_id = app_current_org_id() AND (user_id = app_current_user_id() OR app_is_lead_manager()));
CREATE POLICY help_question_insert ON help_question FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id());

GRANT SELECT, INSERT ON help_question TO freshplan_app;

-- migrate:down

DROP TABLE help_question;
