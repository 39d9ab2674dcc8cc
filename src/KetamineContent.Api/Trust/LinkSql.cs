namespace KetamineContent.Api.Trust;

/// <summary>SQL of links between articles. Every value is a parameter; resolution is the database's resolve_article_link.</summary>
public static class LinkSql
{
    public const string Insert = """
        INSERT INTO article_link (article_id, revision_number, kind, position, target_slug)
        SELECT @ArticleId, @Number, x.kind, x.position, x.target_slug
        FROM jsonb_to_recordset(@Links::jsonb) AS x(kind text, position int, target_slug text)
        """;

    /// <summary>The links and related entries of revision r of article a, each with where it leads for a reader of a's locale (then en).</summary>
    public const string RevisionLinksColumn = """
        (SELECT coalesce(json_agg(json_build_object('kind', l.kind, 'slug', l.target_slug, 'toSlug', t.slug, 'toLocale', t.locale,
                                                    'toTitle', t.title) ORDER BY l.kind, l.position), '[]')
         FROM article_link l LEFT JOIN LATERAL resolve_article_link(l.target_slug, ARRAY[a.locale, 'en']) t ON true
         WHERE l.article_id = r.article_id AND l.revision_number = r.number)::text AS LinksJson
        """;

    /// <summary>The links of a revision that lead nowhere for its readers (a link to the article itself excepted).</summary>
    public const string Broken = """
        SELECT l.target_slug
        FROM article_link l
        JOIN article a ON a.id = l.article_id
        WHERE l.article_id = @Id AND l.revision_number = @Number AND l.kind = 'link' AND l.target_slug <> a.slug
          AND NOT EXISTS (SELECT 1 FROM resolve_article_link(l.target_slug, ARRAY[a.locale, 'en']))
        ORDER BY l.position
        """;

    /// <summary>
    /// The published articles whose published revision links to this article's slug or lists it as related, or names a
    /// slug that was withdrawn with this article as replacement; <c>ResolvesHere</c> when their readers are led to this
    /// very article (in their locale, then en).
    /// </summary>
    public const string LinkedFrom = """
        WITH target AS (SELECT id, slug, locale FROM article WHERE id = @Id),
             replaced AS (SELECT w.slug FROM publication_event e JOIN article w ON w.id = e.article_id, target
                          WHERE e.replacement_slug = target.slug AND w.status <> 'published'
                            AND e.id = (SELECT max(n.id) FROM publication_event n WHERE n.article_id = w.id))
        SELECT p.id AS Id, p.slug AS Slug, p.locale AS Locale, p.title AS Title,
               array_agg(DISTINCT l.kind ORDER BY l.kind) AS Kinds,
               bool_or(t.article_id = (SELECT id FROM target)) AS ResolvesHere
        FROM article_link l
        JOIN article p ON p.id = l.article_id AND l.revision_number = p.published_revision AND p.status = 'published'
        LEFT JOIN LATERAL resolve_article_link(l.target_slug, ARRAY[p.locale, 'en']) t ON true
        WHERE (l.target_slug = (SELECT slug FROM target) OR l.target_slug IN (SELECT slug FROM replaced))
          AND p.id <> @Id
        GROUP BY p.id, p.slug, p.locale, p.title
        ORDER BY p.slug, p.locale
        """;
}
