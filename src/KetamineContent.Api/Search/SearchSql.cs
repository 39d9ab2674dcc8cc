namespace KetamineContent.Api.Search;

public static class SearchSql
{
    /// <summary>How many hits the search can page through (for ?count=true): its candidates, capped like the search itself.</summary>
    public const string Count = """
        SELECT count(*)::int FROM search_candidates(websearch_to_tsquery('english', @Q), @Topic::text, @Tag::text, @Locale::text, @Cap)
        """;

    /// <summary>
    /// How many matches a search ranks at most: the <see cref="RankedCandidates"/> most recently first-published
    /// matching articles (migrations/0006_search_candidates.sql). A query matching more ranks only those, so a word in
    /// every article costs about what a rare word costs; a narrower query ranks all its matches.
    /// </summary>
    public const int RankedCandidates = 250;

    /// <summary>
    /// Web-search syntax over the published revision (title A, summary B, sections C). The capped candidate set is
    /// ranked, then only the page gets its best matching section. Keyset by (rank, id). The snippet is cut from
    /// SnippetText (the best section, else the summary) by <see cref="Snippet"/>, with the query's lexemes (QueryTree).
    /// </summary>
    public const string Search = """
        WITH q AS (SELECT websearch_to_tsquery('english', @Q) AS query),
        page AS (
            SELECT c.id, c.rank
            FROM q, search_candidates(q.query, @Topic::text, @Tag::text, @Locale::text, @Cap) c
            WHERE @AfterId::uuid IS NULL OR (c.rank, c.id) < (@AfterRank::float8, @AfterId::uuid)
            ORDER BY c.rank DESC, c.id DESC
            LIMIT @Take)
        SELECT a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.title AS Title, r.summary AS Summary, a.topic AS Topic,
               a.tags AS Tags, a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt, page.rank AS Rank, m.kind AS Section,
               coalesce(m.body, r.summary) AS SnippetText, querytree(q.query) AS QueryTree
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

    /// <summary>
    /// The English stem of each word (the stemmer of the 'english' search configuration; a stop word has none): which
    /// words of a page's snippets are words of the query.
    /// </summary>
    public const string Stems = "SELECT w AS Word, (ts_lexize('english_stem', w))[1] AS Stem FROM unnest(@Words::text[]) AS w";
}
