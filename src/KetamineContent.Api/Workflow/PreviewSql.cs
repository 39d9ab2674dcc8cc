namespace KetamineContent.Api.Workflow;

/// <summary>SQL of previews and preview links. Every value is a parameter.</summary>
public static class PreviewSql
{
    /// <summary>The latest revision (or @Revision) of a slug in the first negotiated locale that has it; archived articles are not previewed.</summary>
    public const string BySlug = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = coalesce(@Revision, a.latest_revision)
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        WHERE
        """ + " " + Delivery.ArticleSql.AnySlugOrItsTranslations + " AND a.locale = ANY(@Locales) AND a.status <> 'archived'\n" + Delivery.ArticleSql.PreferredLocaleThenSlug + "\nLIMIT 1";

    /// <summary>The same for the one article a preview link opens.</summary>
    public const string ById = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = coalesce(@Revision, a.latest_revision)
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        WHERE a.id = @Id AND a.status <> 'archived'
        """;

    /// <summary>Latest revisions of every article that is not archived, most recently changed first (keyset pages).</summary>
    public const string Page = """
        SELECT a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.title AS Title, r.summary AS Summary,
               r.topic AS Topic, r.tags AS Tags, coalesce(a.first_published_at, a.updated_at) AS PublishedAt, a.updated_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        WHERE a.status <> 'archived'
          AND (@Locale::text IS NULL OR a.locale = @Locale)
          AND (@AfterId::uuid IS NULL OR (a.updated_at, a.id) < (@AfterAt::timestamptz, @AfterId::uuid))
        ORDER BY a.updated_at DESC, a.id DESC
        LIMIT @Take
        """;

    public const string Secret = "SELECT value FROM app_secret WHERE name = 'preview'";

    // A link is revoked with the key that made it (an editor who leaves takes their links along).
    private const string LinkColumns = """
        l.id AS Id, l.article_id AS ArticleId, a.slug AS Slug, a.locale AS Locale, l.revision AS Revision,
        l.expires_at AS ExpiresAt, l.created_at AS CreatedAt, LEAST(l.revoked_at, k.revoked_at) AS RevokedAt, l.actor AS Actor
        FROM preview_link l JOIN article a ON a.id = l.article_id LEFT JOIN api_key k ON k.id = l.key_id
        """;

    public const string Link = "SELECT " + LinkColumns + " WHERE l.id = @Id";

    public const string LinksOf = "SELECT " + LinkColumns + " WHERE l.article_id = @ArticleId ORDER BY l.created_at DESC, l.id LIMIT 200";

    public const string InsertLink = """
        INSERT INTO preview_link (id, article_id, revision, expires_at, key_id, actor)
        VALUES (@Id, @ArticleId, @Revision, now() + make_interval(hours => @Hours), @KeyId, @Actor)
        """;

    public const string RevokeLink = """
        UPDATE preview_link SET revoked_at = now()
        WHERE id = @Id AND article_id = @ArticleId AND revoked_at IS NULL
        RETURNING id
        """;

    public const string LinkExists = "SELECT EXISTS (SELECT 1 FROM preview_link WHERE id = @Id AND article_id = @ArticleId)";
}
