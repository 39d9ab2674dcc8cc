-- Search indexes the text readers read: a citation marker [^id] is left out (readers see a number, and the id would
-- match a search for it), and an article link [text](article:slug) counts as its text (readers see the text, not the
-- slug). The same rules as Trust.CitationMarkers (Strip) and Trust.LinkRendering; snippets are cut from this text too.
CREATE FUNCTION search_text(p_body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace(regexp_replace(p_body, '\[\^[^]\s]{1,64}\]', '', 'g'), '\[([^][]*)\]\(article:[^)\s]*\)', '\1', 'gi')
$$;

CREATE OR REPLACE FUNCTION refresh_search(p_article uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_section WHERE article_id = p_article;
    UPDATE article SET search = NULL WHERE id = p_article AND status <> 'published';
    UPDATE article a
    SET search = setweight(to_tsvector('english', r.title), 'A')
              || setweight(to_tsvector('english', r.summary), 'B')
              || setweight(to_tsvector('english', coalesce((
                     SELECT string_agg(s.heading || E'\n' || search_text(s.body), E'\n\n' ORDER BY s.position)
                     FROM section s WHERE s.article_id = r.article_id AND s.revision_number = r.number), '')), 'C')
    FROM revision r
    WHERE a.id = p_article AND a.status = 'published' AND r.article_id = a.id AND r.number = a.published_revision;
    INSERT INTO search_section (article_id, kind, heading, body, vector)
    SELECT s.article_id, s.kind, s.heading, search_text(s.body), to_tsvector('english', s.heading || E'\n' || search_text(s.body))
    FROM article a JOIN section s ON s.article_id = a.id AND s.revision_number = a.published_revision
    WHERE a.id = p_article AND a.status = 'published';
END $$;

SELECT refresh_search(id) FROM article WHERE status = 'published';
