namespace KetamineContent.Api.Delivery;

/// <summary>Reads of one article revision with its sections, references and newest review, in one query.</summary>
public static class ArticleSql
{
    /// <summary>The columns of <see cref="ArticleRow"/>, for the revision r of article a.</summary>
    public const string RevisionColumns = """
        a.id AS Id, a.slug AS Slug, a.locale AS Locale, r.topic AS Topic, r.tags AS Tags,
        r.title AS Title, r.summary AS Summary, r.disclaimer AS Disclaimer, r.number AS Revision,
        (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'heading', s.heading, 'body', s.body, 'cites', s.cites)
                                  ORDER BY s.position), '[]')
         FROM section s WHERE s.article_id = r.article_id AND s.revision_number = r.number)::text AS SectionsJson,
        (SELECT coalesce(json_agg(json_build_object('position', f.position, 'id', coalesce(f.ref_id, 'ref-' || f.position), 'title', f.title,
                                                    'url', f.url, 'doi', f.doi, 'pubmedId', f.pubmed_id, 'authors', f.authors,
                                                    'journal', f.journal, 'publisher', f.publisher, 'year', f.year, 'volume', f.volume,
                                                    'issue', f.issue, 'pages', f.pages, 'accessed', f.accessed) ORDER BY f.position), '[]')
         FROM reference f WHERE f.article_id = r.article_id AND f.revision_number = r.number)::text AS ReferencesJson,
        (SELECT coalesce(json_agg(json_build_object('id', x.id, 'filename', x.filename, 'contentType', x.content_type, 'width', x.width,
                                                    'height', x.height, 'alt', x.alt, 'decorative', x.decorative, 'caption', x.caption,
                                                    'credit', x.credit) ORDER BY x.id), '[]')
         FROM revision_asset ra JOIN asset x ON x.id = ra.asset_id WHERE ra.article_id = r.article_id AND ra.revision_number = r.number)::text AS AssetsJson,
        """ + "\n" + Trust.LinkSql.RevisionLinksColumn + ",\n" + Clinical.ClinicalSql.ArticleColumns + ",\n" + """
        v.reviewed_by AS ReviewedBy, v.reviewer_credentials AS ReviewerCredentials, v.reviewer_specialty AS ReviewerSpecialty,
        v.reviewer_url AS ReviewerUrl, v.reviewed_at AS ReviewedAt, v.review_due AS ReviewDue,
        v.is_due AS ReviewIsDue, v.is_overdue AS ReviewIsOverdue
        """;

    /// <summary>
    /// review.due and review.overdue of a sign-off: its notice was raised (by the review-due job, in the transaction that
    /// tells caches and the sync feed); for ?asOf=, the notices raised by then.
    /// </summary>
    private const string Notice = "EXISTS (SELECT 1 FROM review_notice n WHERE n.article_id = review.article_id " +
                                  "AND n.revision_number = review.revision_number AND n.review_due = review.review_due AND n.kind = ";

    private const string NoticeFlagsNow = Notice + "'due') AS is_due,\n" + Notice + "'overdue') AS is_overdue";

    private const string NoticeFlagsAsOf = Notice + "'due' AND n.at <= @AsOf) AS is_due,\n" + Notice + "'overdue' AND n.at <= @AsOf) AS is_overdue";

    public const string LatestReview = """
        LEFT JOIN LATERAL (
            SELECT reviewed_by, reviewer_credentials, reviewer_specialty, reviewer_url, reviewed_at, review_due,
        """ + NoticeFlagsNow + """

            FROM review
            WHERE review.article_id = r.article_id AND review.revision_number = r.number
            ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true
        """;

    /// <summary>
    /// The articles a slug reaches: those with that slug and their translations (the articles of their translation
    /// groups, linked with translationOf whatever their slugs). Pick with <see cref="PreferredLocaleThenSlug"/>.
    /// </summary>
    // Only a slug that readers have seen leads into its translation group: a never-published draft's slug stays 404
    // (it must not reveal the draft, nor serve its translations under a second URL).
    public const string SlugOrItsTranslations = "a.translation_group_id IN (SELECT g.translation_group_id FROM article g WHERE g.slug = @Slug AND g.first_published_at IS NOT NULL)";

    /// <summary>For previews (drafts included): any article with the slug leads into its translation group.</summary>
    public const string AnySlugOrItsTranslations = "a.translation_group_id IN (SELECT g.translation_group_id FROM article g WHERE g.slug = @Slug)";

    /// <summary>The first of the negotiated locales; within one, the article with the very slug asked for before a linked translation.</summary>
    public const string PreferredLocaleThenSlug = "ORDER BY array_position(@Locales, a.locale), a.slug <> @Slug";

    /// <summary>The published revision of a slug (or its translation) in the first of the negotiated locales that has it (en last).</summary>
    public const string PublishedBySlug = "SELECT " + RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        """ + "\n" + LatestReview + """

        WHERE
        """ + " " + SlugOrItsTranslations + " AND a.locale = ANY(@Locales) AND a.status = 'published'\n" + PreferredLocaleThenSlug + "\nLIMIT 1";

    private const string WithdrawalColumns = """
        SELECT e.action AS Action, e.reason AS Reason, e.replacement_slug AS ReplacementSlug, e.at AS At
        FROM article a
        JOIN LATERAL (SELECT action, reason, replacement_slug, at FROM publication_event pe
                      WHERE pe.article_id = a.id ORDER BY pe.id DESC LIMIT 1) e ON true
        """;

    /// <summary>The same, for one article by id.</summary>
    public const string WithdrawalOf = WithdrawalColumns + """

        WHERE a.id = @Id AND a.status <> 'published' AND a.first_published_at IS NOT NULL
        """;

    /// <summary>Why an article that is not published was taken off: its newest publication event. Never for an article
    /// that was never published (a draft's slug and reason must not reach readers).</summary>
    public const string LastWithdrawal = WithdrawalColumns + """

        WHERE
        """ + " " + SlugOrItsTranslations + " AND a.locale = ANY(@Locales) AND a.status <> 'published' AND a.first_published_at IS NOT NULL\n" + PreferredLocaleThenSlug + "\nLIMIT 1";

    /// <summary>The revision readers saw at an instant, with the review that stood then.</summary>
    public const string AsOf = AsOfColumns + """

        WHERE
        """ + " " + SlugOrItsTranslations + " AND a.locale = ANY(@Locales)\n" + PreferredLocaleThenSlug + "\nLIMIT 1";

    /// <summary>The same for one article by id, whatever became of it since (audits, in the management API).</summary>
    public const string AsOfById = AsOfColumns + """

        WHERE a.id = @Id
        """;

    private const string AsOfColumns = "SELECT " + RevisionColumns + """
        , a.first_published_at AS PublishedAt, e.at AS UpdatedAt
        FROM article a
        JOIN LATERAL (SELECT action, revision, at FROM publication_event pe
                      WHERE pe.article_id = a.id AND pe.at <= @AsOf ORDER BY pe.at DESC, pe.id DESC LIMIT 1) e ON e.action = 'published'
        JOIN revision r ON r.article_id = a.id AND r.number = e.revision
        LEFT JOIN LATERAL (SELECT reviewed_by, reviewer_credentials, reviewer_specialty, reviewer_url, reviewed_at, review_due,
        """ + NoticeFlagsAsOf + """

                           FROM review
                           WHERE review.article_id = r.article_id AND review.revision_number = r.number AND review.reviewed_at <= @AsOf
                           ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true
        """;

    public const string TopicInfo = "SELECT name AS Name, specialty AS Specialty, " + Clinical.ClinicalSql.TopicCodesColumn + " FROM topic t WHERE t.slug = @Topic";

    /// <summary>Each topic with its published articles (in a locale), from the counts that follow every change (migrations/0016_topic_counts.sql).</summary>
    public const string Topics = """
        SELECT t.slug AS Slug, t.name AS Name,
        """ + "\n" + Clinical.ClinicalSql.TopicCodesColumn + ",\n" + """
               coalesce((SELECT sum(c.published) FROM topic_count c
                         WHERE c.topic = t.slug AND (@Locale::text IS NULL OR c.locale = @Locale)), 0)::int AS Count
        FROM topic t
        ORDER BY t.slug
        """;

    public const string TopicExists = "SELECT EXISTS (SELECT 1 FROM topic WHERE slug = @Topic)";
}
