namespace KetamineContent.Api.Clinical;

/// <summary>The Infobutton lookup: published articles by code (the nearest ICD-10-CM ancestor that any of them carries) or by text.</summary>
public static class InfobuttonSql
{
    /// <summary>The most entries a feed holds.</summary>
    public const int MaxEntries = 20;

    private const string EntryColumns = """
        a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.title AS Title, r.summary AS Summary, a.topic AS Topic,
        a.published_at AS UpdatedAt, v.reviewed_at AS ReviewedAt, v.review_due AS ReviewDue
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        """ + "\n" + Delivery.ArticleSql.LatestReview;

    /// <summary>
    /// Articles whose topic or own codes hold one of @Candidates of @System (the code, then its ancestors): only the
    /// deepest level any article matches, so F32.9 finds what is coded F32.9, else F32.
    /// </summary>
    public const string ByCode = """
        WITH matched AS (
            SELECT a.id, length(k.code) AS depth FROM article a JOIN topic_code k ON k.topic = a.topic
            WHERE a.status = 'published' AND a.locale = @Locale AND k.system = @System AND k.code = ANY (@Candidates)
            UNION ALL
            SELECT a.id, length(k.code) FROM article a JOIN article_code k ON k.article_id = a.id
            WHERE a.status = 'published' AND a.locale = @Locale AND k.system = @System AND k.code = ANY (@Candidates)),
        nearest AS (SELECT DISTINCT id FROM matched WHERE depth = (SELECT max(depth) FROM matched))
        SELECT
        """ + "\n" + EntryColumns + """

        WHERE a.id IN (SELECT id FROM nearest)
        ORDER BY a.published_at DESC, a.id
        LIMIT @Take
        """;

    /// <summary>The display name's words (any of them) in the search index, best ranked first.</summary>
    public const string ByText = """
        WITH c AS (SELECT id, rank FROM search_candidates(to_tsquery('english', @Query), NULL, NULL, @Locale, @Cap))
        SELECT
        """ + "\n" + EntryColumns + """

        JOIN c ON c.id = a.id
        ORDER BY c.rank DESC, a.id
        LIMIT @Take
        """;
}
