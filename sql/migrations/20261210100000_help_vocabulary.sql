-- The help search's typo tolerance, rebuilt for speed (issue 14). Until now a typo was matched by
-- comparing each query word with the title and tags of every candidate article (trigram word
-- similarity): with a common word that is thousands of comparisons per search. Now the words of the
-- published articles are kept once per organisation and space (help_word, a few thousand rows),
-- and a query word the vocabulary does not hold is corrected to its closest known word before the
-- full-text search runs — the word-list approach the pg_trgm documentation describes. The search
-- itself is then full text only, over the stored documents.
--
-- The vocabulary learns from every statement that writes a published article (statement triggers
-- with transition tables, so a bulk insert is one INSERT … SELECT). Words are never forgotten: a
-- word of an archived article can only correct a query to a word that finds nothing. Who may read
-- a space's words follows the articles: partners the enduser space, editors both, so a partner's
-- typo is never corrected to a word only a playbook holds.

-- migrate:up

CREATE TABLE help_word (
  org_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  space  text NOT NULL CHECK (space IN ('enduser', 'salesops')),
  word   text NOT NULL CHECK (length(word) BETWEEN 3 AND 40),
  PRIMARY KEY (org_id, space, word)
);
CREATE INDEX help_word_trgm_idx ON help_word USING gin (word gin_trgm_ops);

ALTER TABLE help_word ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_word FORCE ROW LEVEL SECURITY;
CREATE POLICY help_word_select ON help_word FOR SELECT
  USING (org_id = app_current_org_id() AND app_help_may_read(space, 'PUBLISHED'));
-- Written by the trigger below, in the statement of the editor (or the system) who published.
CREATE POLICY help_word_insert ON help_word FOR INSERT
  WITH CHECK (org_id = app_current_org_id() AND app_is_lead_manager());
GRANT SELECT, INSERT ON help_word TO freshplan_app;

-- The words of an article: lower case, 3 to 40 characters, without digits or the marks of URLs,
-- e-mail addresses and paths (a test on letters would depend on the database's locale).
CREATE FUNCTION app_help_words(p_title text, p_tags text[], p_body text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT DISTINCT t.lexeme
    FROM unnest(to_tsvector('simple'::regconfig,
                            p_title || ' ' || array_to_string(p_tags, ' ') || ' ' || p_body)) AS t
    WHERE length(t.lexeme) BETWEEN 3 AND 40 AND t.lexeme !~ '[0-9_./@:]'
  $$;
GRANT EXECUTE ON FUNCTION app_help_words(text, text[], text) TO freshplan_app;

CREATE FUNCTION app_help_learn_words() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO help_word (org_id, space, word)
    SELECT DISTINCT n.org_id, n.space, w.word
    FROM new_rows n, LATERAL app_help_words(n.title, n.tags, n.body_md) AS w (word)
    WHERE n.status = 'PUBLISHED'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;
CREATE TRIGGER help_article_learn_words_insert AFTER INSERT ON help_article
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_help_learn_words();
CREATE TRIGGER help_article_learn_words_update AFTER UPDATE ON help_article
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_help_learn_words();

INSERT INTO help_word (org_id, space, word)
SELECT DISTINCT a.org_id, a.space, w.word
FROM help_article a, LATERAL app_help_words(a.title, a.tags, a.body_md) AS w (word)
WHERE a.status = 'PUBLISHED';

-- The trigram indexes on titles and tags served the old typo match alone.
DROP INDEX help_article_title_trgm_idx;
DROP INDEX help_article_tags_trgm_idx;
DROP FUNCTION app_help_tag_text(text[]);

-- migrate:down

CREATE FUNCTION app_help_tag_text(p_tags text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string(p_tags, ' ') $$;
GRANT EXECUTE ON FUNCTION app_help_tag_text(text[]) TO freshplan_app;
CREATE INDEX help_article_tags_trgm_idx ON help_article USING gin (app_help_tag_text(tags) gin_trgm_ops);
CREATE INDEX help_article_title_trgm_idx ON help_article USING gin (title gin_trgm_ops);
DROP TRIGGER help_article_learn_words_update ON help_article;
DROP TRIGGER help_article_learn_words_insert ON help_article;
DROP FUNCTION app_help_learn_words();
DROP FUNCTION app_help_words(text, text[], text);
DROP TABLE help_word;
