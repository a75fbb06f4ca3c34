-- The help search at scale (issue 14). The full-text document of each article is stored (a
-- generated column) instead of computed from the body on every search: a common word matches
-- thousands of articles, and computing their documents took most of a search's time. The typo
-- match finds articles whose title or tags hold a word close to the query's first word through
-- trigram indexes (`<%`, word similarity) instead of comparing every published article. Tags are an
-- array; their text for the trigram index comes from an IMMUTABLE function (array_to_string is only
-- STABLE), used the same way by the index and the query.

-- migrate:up

ALTER TABLE help_article
  ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (app_help_document(locale, title, tags, body_md)) STORED;
DROP INDEX help_article_search_idx;
CREATE INDEX help_article_search_idx ON help_article USING gin (search_doc);

CREATE FUNCTION app_help_tag_text(p_tags text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string(p_tags, ' ') $$;
GRANT EXECUTE ON FUNCTION app_help_tag_text(text[]) TO freshplan_app;
-- `<%` calls word_similarity_op (EXECUTE is not granted to anyone by default here).
GRANT EXECUTE ON FUNCTION word_similarity_op(text, text) TO freshplan_app;
CREATE INDEX help_article_tags_trgm_idx ON help_article USING gin (app_help_tag_text(tags) gin_trgm_ops);

-- migrate:down

DROP INDEX help_article_tags_trgm_idx;
REVOKE EXECUTE ON FUNCTION word_similarity_op(text, text) FROM freshplan_app;
DROP FUNCTION app_help_tag_text(text[]);
DROP INDEX help_article_search_idx;
ALTER TABLE help_article DROP COLUMN search_doc;
CREATE INDEX help_article_search_idx ON help_article
  USING gin (app_help_document(locale, title, tags, body_md));
