-- The help system (issue 14, lib/help): per organisation, articles in two spaces — `enduser` for
-- every member, `salesops` (internal playbooks) for managers and admins — each in German or
-- English, with the help keys of the screens it explains; every save a numbered version; readers'
-- votes; the searches (for the content-gap report) and an editable synonym list.
--
-- Who reads what, enforced here as well as in lib/auth/policy.ts: editors (managers, admins, and
-- the system context, app_is_lead_manager()) read and write every article; every other member
-- reads only PUBLISHED articles of the enduser space. Publishing needs four eyes: the reviewer is
-- not the author of the last save (a CHECK, so no path around the service can skip it).
--
-- Full text: a document per article in its own language's configuration (german or english),
-- indexed by expression; pg_trgm gives the similarity that finds "Schutzfirst" for "Schutzfrist".

-- migrate:up

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Readers: an editor sees every article; any other member the published ones of the enduser space.
CREATE FUNCTION app_help_may_read(p_space text, p_status text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT app_is_lead_manager() OR (p_space = 'enduser' AND p_status = 'PUBLISHED') $$;
GRANT EXECUTE ON FUNCTION app_help_may_read(text, text) TO freshplan_app;
-- The trigram functions the search calls (EXECUTE is not granted to anyone by default here).
GRANT EXECUTE ON FUNCTION similarity(text, text), word_similarity(text, text) TO freshplan_app;

CREATE TABLE help_article (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  space        text NOT NULL CHECK (space IN ('enduser', 'salesops')),
  locale       text NOT NULL CHECK (locale IN ('de', 'en')),
  slug         text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
  title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body_md      text NOT NULL CHECK (length(body_md) <= 100000),
  tags         text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  help_keys    text[] NOT NULL DEFAULT '{}' CHECK (cardinality(help_keys) <= 20),
  status       text NOT NULL DEFAULT 'DRAFT'
               CHECK (status IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED')),
  -- The number of the latest version (help_article_version), which is what the row holds.
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
  updated_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
  reviewed_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  CONSTRAINT help_article_org_id_id_key UNIQUE (org_id, id),
  CONSTRAINT help_article_slug_key UNIQUE (org_id, locale, slug),
  -- Four eyes: a published article names a reviewer who did not write its last version.
  CONSTRAINT help_article_four_eyes CHECK (
    status NOT IN ('PUBLISHED') OR (reviewed_by IS NOT NULL AND published_at IS NOT NULL
                                    AND reviewed_by IS DISTINCT FROM updated_by))
);
-- An article's document: title (weight A), tags (B) and body (C) in its language's configuration.
-- IMMUTABLE (to_tsvector with a fixed configuration is), so the GIN index below can hold it and the
-- search's WHERE uses the same expression.
CREATE FUNCTION app_help_document(p_locale text, p_title text, p_tags text[], p_body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT setweight(to_tsvector(c.config, p_title), 'A')
        || setweight(to_tsvector(c.config, array_to_string(p_tags, ' ')), 'B')
        || setweight(to_tsvector(c.config, p_body), 'C')
    FROM (SELECT CASE p_locale WHEN 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END AS config) c
  $$;
GRANT EXECUTE ON FUNCTION app_help_document(text, text, text[], text) TO freshplan_app;
CREATE INDEX help_article_search_idx ON help_article
  USING gin (app_help_document(locale, title, tags, body_md));
CREATE INDEX help_article_keys_idx ON help_article USING gin (help_keys);
CREATE INDEX help_article_title_trgm_idx ON help_article USING gin (title gin_trgm_ops);

ALTER TABLE help_article ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_article FORCE ROW LEVEL SECURITY;
CREATE POLICY help_article_select ON help_article FOR SELECT
  USING (org_id = app_current_org_id() AND app_help_may_read(space, status));
-- Written by editors, as themselves.
CREATE POLICY help_article_insert ON help_article FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager() AND status = 'DRAFT'
              AND created_by = app_current_user_id() AND updated_by = app_current_user_id()
              AND reviewed_by IS NULL);
CREATE POLICY help_article_update ON help_article FOR UPDATE
  USING (org_id = app_current_org_id() AND app_is_lead_manager())
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager()
              AND (reviewed_by IS NULL OR reviewed_by = app_current_user_id() OR status <> 'PUBLISHED'));

-- Every save of an article: its number, what it said and who wrote it when.
CREATE TABLE help_article_version (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  article_id uuid NOT NULL,
  number     integer NOT NULL CHECK (number >= 1),
  title      text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body_md    text NOT NULL CHECK (length(body_md) <= 100000),
  author_id  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_article_version_number_key UNIQUE (org_id, article_id, number),
  CONSTRAINT help_article_version_article_fkey FOREIGN KEY (org_id, article_id)
    REFERENCES help_article (org_id, id) ON DELETE CASCADE
);

ALTER TABLE help_article_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_article_version FORCE ROW LEVEL SECURITY;
CREATE POLICY help_article_version_select ON help_article_version FOR SELECT
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
CREATE POLICY help_article_version_insert ON help_article_version FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager() AND author_id = app_current_user_id());

-- "Was this helpful?": one vote per member and article (changed by voting again), on an article
-- the member may read.
CREATE TABLE help_feedback (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  article_id uuid NOT NULL,
  user_id    uuid NOT NULL,
  helpful    boolean NOT NULL,
  comment    text CHECK (length(comment) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_feedback_vote_key UNIQUE (org_id, article_id, user_id),
  CONSTRAINT help_feedback_article_fkey FOREIGN KEY (org_id, article_id)
    REFERENCES help_article (org_id, id) ON DELETE CASCADE,
  CONSTRAINT help_feedback_member_fkey FOREIGN KEY (org_id, user_id)
    REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);

ALTER TABLE help_feedback ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_feedback FORCE ROW LEVEL SECURITY;
CREATE POLICY help_feedback_select ON help_feedback FOR SELECT
  USING (org_id = app_current_org_id() AND (user_id = app_current_user_id() OR app_is_lead_manager()));
CREATE POLICY help_feedback_insert ON help_feedback FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id()
              AND EXISTS (SELECT 1 FROM help_article a WHERE a.org_id = help_feedback.org_id
                                                         AND a.id = help_feedback.article_id));
CREATE POLICY help_feedback_update_own ON help_feedback FOR UPDATE
  USING (org_id = app_current_org_id() AND user_id = app_current_user_id())
  WITH CHECK (org_id = app_current_org_id() AND user_id = app_current_user_id());

-- Every search: what was asked, normalised (lower case, single spaces), how many results it had.
CREATE TABLE help_search_log (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id       uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  query        text NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
  normalized   text NOT NULL CHECK (length(normalized) BETWEEN 1 AND 200),
  locale       text NOT NULL CHECK (locale IN ('de', 'en')),
  result_count integer NOT NULL CHECK (result_count >= 0),
  user_id      uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_search_log_gap_idx ON help_search_log (org_id, created_at) WHERE result_count = 0;

ALTER TABLE help_search_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_search_log FORCE ROW LEVEL SECURITY;
CREATE POLICY help_search_log_select ON help_search_log FOR SELECT
  USING (org_id = app_current_org_id() AND app_is_lead_manager());
CREATE POLICY help_search_log_insert ON help_search_log FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND (user_id IS NULL OR user_id = app_current_user_id()));

-- Synonyms: a search containing `term` also searches `expansion` ("Schutzfrist" → "Lead-Schutz").
CREATE TABLE help_synonym (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id     uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  term       text NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
  expansion  text NOT NULL CHECK (length(expansion) BETWEEN 1 AND 200),
  created_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT help_synonym_term_key UNIQUE (org_id, term, expansion)
);

ALTER TABLE help_synonym ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_synonym FORCE ROW LEVEL SECURITY;
CREATE POLICY help_synonym_select ON help_synonym FOR SELECT
  USING (org_id = app_current_org_id());
CREATE POLICY help_synonym_insert ON help_synonym FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager()
              AND (created_by IS NULL OR created_by = app_current_user_id()));
CREATE POLICY help_synonym_delete ON help_synonym FOR DELETE
  USING (org_id = app_current_org_id() AND app_is_lead_manager());

GRANT SELECT, INSERT ON help_article, help_article_version, help_feedback, help_search_log, help_synonym
  TO freshplan_app;
GRANT UPDATE (title, body_md, tags, help_keys, space, slug, status, version, updated_by, reviewed_by,
              updated_at, published_at)
  ON help_article TO freshplan_app;
GRANT UPDATE (helpful, comment, created_at) ON help_feedback TO freshplan_app;
GRANT DELETE ON help_synonym TO freshplan_app;

-- migrate:down

DROP TABLE help_synonym;
DROP TABLE help_search_log;
DROP TABLE help_feedback;
DROP TABLE help_article_version;
DROP TABLE help_article;
DROP FUNCTION app_help_document(text, text, text[], text);
DROP FUNCTION app_help_may_read(text, text);
DROP EXTENSION IF EXISTS pg_trgm;
