namespace KetamineContent.Api.Sync;

public static class SyncSql
{
    public const string Secret = "SELECT value FROM app_secret WHERE name = 'cursor'";

    public const string State = "SELECT last_seq AS LastSeq, horizon AS Horizon FROM sync_state WHERE id = 1";

    /// <summary>Published articles in id order, full representation (the snapshot phase).</summary>
    public const string SnapshotPage = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        WHERE a.status = 'published'
          AND (@AfterId::uuid IS NULL OR a.id > @AfterId)
          AND (@Topic::text IS NULL OR a.topic = @Topic)
          AND (@Locale::text IS NULL OR a.locale = @Locale)
        ORDER BY a.id
        LIMIT @Take
        """;

    /// <summary>The current published state of some articles.</summary>
    public const string PublishedByIds = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        WHERE a.status = 'published' AND a.id = ANY(@Ids)
        """;

    /// <summary>Changes after a feed number, up to a number known to be committed with everything before it.</summary>
    public const string Changes = """
        SELECT seq AS Seq, article_id AS ArticleId, action AS Action, slug AS Slug, reason AS Reason,
               replacement_slug AS ReplacementSlug, at AS At
        FROM sync_change
        WHERE seq > @After AND seq <= @Upto
          AND (@Topic::text IS NULL OR @Topic = ANY(topics))
          AND (@Locale::text IS NULL OR locale = @Locale)
        ORDER BY seq
        LIMIT @Take
        """;
}
