namespace KetamineContent.Api.Search;

public static class SearchSql
{
    /// <summary>
    /// Web-search syntax over the published revision (title A, summary B, sections C) through the GIN index. Only the
    /// page is ranked into rows first; the best matching section and the snippet are then cut for those rows alone.
    /// Keyset by (rank, id).
    /// </summary>
    public const string Search = """
        WITH q AS (SELECT websearch_to_tsquery('english', @Q) AS query),
        page AS (
            SELECT a.id, ts_rank(a.search, q.query)::float8 AS rank
            FROM q
            JOIN article a ON a.search @@ q.query
            WHERE a.status = 'published'
              AND (@Topic::text IS NULL OR a.topic = @Topic)
              AND (@Tag::text IS NULL OR a.tags @> ARRAY[@Tag::text])
              AND (@Locale::text IS NULL OR a.locale = @Locale)
              AND (@AfterId::uuid IS NULL OR (ts_rank(a.search, q.query)::float8, a.id) < (@AfterRank::float8, @AfterId::uuid))
            ORDER BY rank DESC, a.id DESC
            LIMIT @Take)
        SELECT a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.title AS Title, r.summary AS Summary, a.topic AS Topic,
               a.tags AS Tags, a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt, page.rank AS Rank, m.kind AS Section,
               ts_headline('english', coalesce(m.body, r.summary), q.query,
                           'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=1') AS Snippet
        FROM page
        CROSS JOIN q
        JOIN article a ON a.id = page.id
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        LEFT JOIN LATERAL (
            SELECT s.kind, s.body FROM search_section s
            WHERE s.article_id = a.id AND s.vector @@ q.query
            ORDER BY ts_rank(s.vector, q.query) DESC, s.kind LIMIT 1) m ON true
        ORDER BY page.rank DESC, a.id DESC
        """;
}
