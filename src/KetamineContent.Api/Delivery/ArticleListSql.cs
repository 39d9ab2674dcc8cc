namespace KetamineContent.Api.Delivery;

/// <summary>
/// One keyset query per sort. Each is a constant built once from a fixed list of columns; every value is a parameter.
/// </summary>
public static class ArticleListSql
{
    private const string Template = """
        SELECT a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.title AS Title, r.summary AS Summary,
               a.topic AS Topic, a.tags AS Tags, a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt,
               lr.reviewed_at AS LastReviewed, lr.review_due AS ReviewDue
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        LEFT JOIN LATERAL (SELECT v.reviewed_at, v.review_due FROM review v WHERE v.article_id = a.id AND v.revision_number = a.published_revision
                           ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) lr ON true
        WHERE a.status = 'published'
          AND (@Topic::text IS NULL OR a.topic = @Topic)
          AND (@Tag::text IS NULL OR a.tags @> ARRAY[@Tag::text])
          AND (@Locale::text IS NULL OR a.locale = @Locale)
          AND (@AfterId::uuid IS NULL OR ({key}, a.id) {op} (@AfterValue::{type}, @AfterId::uuid))
        ORDER BY {key} {dir}, a.id {dir}
        LIMIT @Take
        """;

    /// <summary>How many published articles match the filters (for ?count=true).</summary>
    public const string Count = """
        SELECT count(*)::int FROM article a
        WHERE a.status = 'published'
          AND (@Topic::text IS NULL OR a.topic = @Topic)
          AND (@Tag::text IS NULL OR a.tags @> ARRAY[@Tag::text])
          AND (@Locale::text IS NULL OR a.locale = @Locale)
        """;

    /// <summary>Sort name (as in ?sort=) to its query.</summary>
    public static IReadOnlyDictionary<string, string> Sorts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["published"] = Build("a.first_published_at", "timestamptz", descending: false),
        ["-published"] = Build("a.first_published_at", "timestamptz", descending: true),
        ["updated"] = Build("a.published_at", "timestamptz", descending: false),
        ["-updated"] = Build("a.published_at", "timestamptz", descending: true),
        ["title"] = Build("(a.title COLLATE \"C\")", "text", descending: false),
        ["-title"] = Build("(a.title COLLATE \"C\")", "text", descending: true),
        ["reviewDue"] = Build(ReviewDueKey, "timestamptz", descending: false),
        ["-reviewDue"] = Build(ReviewDueKey, "timestamptz", descending: true),
        ["lastReviewed"] = Build(LastReviewedKey, "timestamptz", descending: false),
        ["-lastReviewed"] = Build(LastReviewedKey, "timestamptz", descending: true),
    };

    // The published revision's sign-off (the newest); an article without one sorts last by due date and first by review.
    private const string ReviewDueKey = "coalesce(lr.review_due, '9999-12-31T00:00:00Z'::timestamptz)";
    private const string LastReviewedKey = "coalesce(lr.reviewed_at, '0001-01-01T00:00:00Z'::timestamptz)";
    private static readonly DateTime NoReviewDue = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NeverReviewed = new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Build(string key, string type, bool descending) => Template
        .Replace("{key}", key, StringComparison.Ordinal)
        .Replace("{type}", type, StringComparison.Ordinal)
        .Replace("{op}", descending ? "<" : ">", StringComparison.Ordinal)
        .Replace("{dir}", descending ? "DESC" : "ASC", StringComparison.Ordinal);

    /// <summary>The value of the sort key for a row, as the cursor carries it.</summary>
    public static string SortValue(string sort, ArticleSummaryRow row) => sort.TrimStart('-') switch
    {
        "published" => row.PublishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "updated" => row.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "reviewDue" => DateTime.SpecifyKind(row.ReviewDue ?? NoReviewDue, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        "lastReviewed" => DateTime.SpecifyKind(row.LastReviewed ?? NeverReviewed, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => row.Title,
    };
}
