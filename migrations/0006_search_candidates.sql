-- A broad search costs what a narrow one costs: rank a capped candidate set, not every match.
-- The candidates are the newest matching published articles (first published, then id, descending: a defined set
-- whatever plan finds them). The query is planned on every call with the real values (dynamic SQL), so the planner
-- sees how common the words are: a rare word is found through the GIN index, a word in most articles by walking
-- article_published_by_first backwards until p_cap matches, which touches about p_cap rows instead of every match.
CREATE FUNCTION search_candidates(p_query tsquery, p_topic text, p_tag text, p_locale text, p_cap int)
RETURNS TABLE (id uuid, rank float8) LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY EXECUTE $sql$
        SELECT c.id, ts_rank(c.search, $1)::float8
        FROM (SELECT a.id, a.search FROM article a
              WHERE a.status = 'published' AND a.search @@ $1
                AND ($2::text IS NULL OR a.topic = $2)
                AND ($3::text IS NULL OR a.tags @> ARRAY[$3::text])
                AND ($4::text IS NULL OR a.locale = $4)
              ORDER BY a.first_published_at DESC, a.id DESC
              LIMIT $5) c
        $sql$ USING p_query, p_topic, p_tag, p_locale, p_cap;
END $$;
