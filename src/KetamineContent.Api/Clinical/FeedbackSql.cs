namespace KetamineContent.Api.Clinical;

/// <summary>SQL of reader feedback. Every value is a parameter.</summary>
public static class FeedbackSql
{
    /// <summary>
    /// Today's salt (UTC days; made by the first feedback of the day). The salts of past days are deleted, so an old hash
    /// can no longer be recomputed from an address.
    /// </summary>
    public const string TodaysSalt = """
        WITH old AS (DELETE FROM feedback_salt WHERE day < (now() AT TIME ZONE 'UTC')::date),
             made AS (INSERT INTO feedback_salt (day, salt) VALUES ((now() AT TIME ZONE 'UTC')::date, @Salt) ON CONFLICT (day) DO NOTHING RETURNING salt)
        SELECT salt FROM made UNION ALL SELECT salt FROM feedback_salt WHERE day = (now() AT TIME ZONE 'UTC')::date
        LIMIT 1
        """;

    /// <summary>How much feedback this address hash sent today (the abuse limit).</summary>
    public const string SentToday = "SELECT count(*)::int FROM reader_feedback WHERE day = (now() AT TIME ZONE 'UTC')::date AND address_hash = @Hash";

    public const string Insert = """
        INSERT INTO reader_feedback (id, article_id, revision, helpful, comment, section_kind, day, address_hash)
        VALUES (@Id, @ArticleId, @Revision, @Helpful, @Comment, @SectionKind, (now() AT TIME ZONE 'UTC')::date, @Hash)
        """;

    public const string ArticleExists = "SELECT EXISTS (SELECT 1 FROM article WHERE id = @Id)";

    public const string Counts = """
        SELECT revision AS Revision, count(*) FILTER (WHERE helpful)::int AS Helpful, count(*) FILTER (WHERE NOT helpful)::int AS NotHelpful
        FROM reader_feedback WHERE article_id = @Id GROUP BY revision ORDER BY revision DESC
        """;

    private const string Columns = """
        id AS Id, revision AS Revision, helpful AS Helpful, comment AS Comment, section_kind AS SectionKind, created_at AS CreatedAt,
        handled_at AS HandledAt, handled_by AS HandledBy
        """;

    /// <summary>The newest comments (feedback with a comment), handled ones too unless @Handled is false.</summary>
    public const string Comments = "SELECT " + Columns + """

        FROM reader_feedback
        WHERE article_id = @Id AND comment IS NOT NULL AND (@Handled::boolean IS NULL OR (handled_at IS NOT NULL) = @Handled)
        ORDER BY created_at DESC, id DESC
        LIMIT @Take
        """;

    /// <summary>Marks one handled (once: a second mark keeps the first); returns it.</summary>
    public const string MarkHandled = """
        UPDATE reader_feedback SET handled_at = coalesce(handled_at, now()), handled_by = coalesce(handled_by, @Actor)
        WHERE id = @FeedbackId AND article_id = @Id
        RETURNING
        """ + "\n" + Columns;
}
