namespace KetamineContent.Api.Sync;

public static class SyncSql
{
    public const string Secret = "SELECT value FROM app_secret WHERE name = 'cursor'";

    /// <summary>
    /// The next number of the change feed for an article, as readers now see it: an upsert while it is published, a
    /// delete (with the reason) otherwise. The sync_state row lock is held until commit (numbers follow commit order).
    /// </summary>
    public const string RecordChange = """
        WITH s AS (UPDATE sync_state SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq)
        INSERT INTO sync_change (seq, article_id, action, slug, locale, topics, reason, replacement_slug)
        SELECT s.last_seq, a.id, CASE WHEN a.status = 'published' THEN 'upsert' ELSE 'delete' END, a.slug, a.locale,
               ARRAY(SELECT DISTINCT t FROM unnest(ARRAY[a.topic, @PreviousTopic::text]) AS t WHERE t IS NOT NULL),
               CASE WHEN a.status = 'published' THEN NULL ELSE @Reason END,
               CASE WHEN a.status = 'published' THEN NULL ELSE @ReplacementSlug END
        FROM s, article a WHERE a.id = @Id
        """;

    /// <summary>Drops the feed older than the retention (whole, up to the newest expired number) and moves the horizon there.</summary>
    public const string Prune = """
        WITH expired AS (SELECT max(seq) AS upto FROM sync_change WHERE at < now() - make_interval(secs => @RetentionSeconds)),
             gone AS (DELETE FROM sync_change WHERE seq <= (SELECT upto FROM expired) RETURNING seq)
        UPDATE sync_state SET horizon = greatest(horizon, (SELECT upto FROM expired))
        WHERE id = 1 AND (SELECT upto FROM expired) IS NOT NULL
        """;

    public const string State = "SELECT last_seq AS LastSeq, horizon AS Horizon FROM sync_state WHERE id = 1";

    /// <summary>
    /// Published articles in id order, full representation (the snapshot phase). The page's ids are chosen first, so the
    /// full representation is built for the page only, whatever plan the statistics lead to (in the soak, a plan made
    /// while the table was small built it for every published article before sorting).
    /// </summary>
    public const string SnapshotPage = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM (SELECT id FROM article
              WHERE status = 'published'
                AND (@AfterId::uuid IS NULL OR id > @AfterId)
                AND (@Topic::text IS NULL OR topic = @Topic)
                AND (@Locale::text IS NULL OR locale = @Locale)
              ORDER BY id
              LIMIT @Take) page
        JOIN article a ON a.id = page.id
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        ORDER BY a.id
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
    public const string Changes = ChangeColumns + """

        WHERE seq > @After AND seq <= @Upto
          AND (@Topic::text IS NULL OR @Topic = ANY(topics))
          AND (@Locale::text IS NULL OR locale = @Locale)
        ORDER BY seq
        LIMIT @Take
        """;

    private const string ChangeColumns = """
        SELECT seq AS Seq, article_id AS ArticleId, action AS Action, slug AS Slug, locale AS Locale, reason AS Reason,
               replacement_slug AS ReplacementSlug, at AS At, xact::text AS Xact
        FROM sync_change
        """;

    /// <summary>The rest of one transaction's changes after a page's last one: a page never ends inside a transaction (a release).</summary>
    public const string RestOfTransaction = ChangeColumns + """

        WHERE seq > @After AND seq <= @Upto AND xact = @Xact::xid8
          AND (@Topic::text IS NULL OR @Topic = ANY(topics))
          AND (@Locale::text IS NULL OR locale = @Locale)
        ORDER BY seq
        """;

    public const string AnyChangeAfter = """
        SELECT EXISTS (SELECT 1 FROM sync_change WHERE seq > @After AND seq <= @Upto
          AND (@Topic::text IS NULL OR @Topic = ANY(topics)) AND (@Locale::text IS NULL OR locale = @Locale))
        """;
}
