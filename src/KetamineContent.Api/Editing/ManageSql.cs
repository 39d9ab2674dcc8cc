namespace KetamineContent.Api.Editing;

/// <summary>SQL of the management API. Every value is a parameter.</summary>
public static class ManageSql
{
    public const string ArticleColumns = """
        a.id AS Id, a.slug AS Slug, a.locale AS Locale, a.translation_group_id AS TranslationGroupId,
        r.topic AS Topic, r.tags AS Tags, r.title AS Title, a.status AS Status, a.latest_revision AS Revision,
        a.published_revision AS PublishedRevision, a.created_at AS CreatedAt, a.updated_at AS UpdatedAt,
        v.revision_number AS ReviewRevision, v.reviewed_by AS ReviewedBy, v.reviewer_id AS ReviewerId, v.notes AS ReviewNotes,
        v.reviewed_at AS ReviewedAt, v.review_due AS ReviewDue,
        sp.revision AS ScheduledRevision, sp.at AS ScheduledAt,
        pf.revision AS FailedRevision, pf.at AS FailedScheduledAt, pf.finished_at AS FailedAt, pf.reasons::text AS FailedReasons,
        (SELECT count(*)::int FROM article_task t WHERE t.article_id = a.id AND t.state = 'open') AS OpenTasks
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        LEFT JOIN LATERAL (
            SELECT revision_number, reviewed_by, reviewer_id, notes, reviewed_at, review_due FROM review
            WHERE review.article_id = a.id AND review.revision_number = a.latest_revision
            ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true
        LEFT JOIN scheduled_publication sp ON sp.article_id = a.id AND sp.state = 'pending'
        LEFT JOIN scheduled_publication pf ON pf.article_id = a.id AND pf.state = 'failed' AND pf.cleared_at IS NULL
        """;

    public const string ArticleById = "SELECT " + ArticleColumns + " WHERE a.id = @Id";

    /// <summary>
    /// The filters of the managed list: status, slug, locale, topic; q as a case-insensitive substring of the latest
    /// title or, through the search index (article.search, as GET /v1/search reads it), in web-search syntax over the
    /// published title, summary and sections; the latest revision's review state as <see cref="ReviewStates"/> names it.
    /// </summary>
    private const string ListFilters = """
        (@Status::text IS NULL OR a.status = @Status)
          AND (@Slug::text IS NULL OR a.slug = @Slug)
          AND (@Locale::text IS NULL OR a.locale = @Locale)
          AND (@Topic::text IS NULL OR r.topic = @Topic)
          AND (@Q::text IS NULL OR strpos(lower(r.title), lower(@Q)) > 0
               OR (a.status = 'published' AND a.search @@ websearch_to_tsquery('english', @Q)))
          AND (@ReviewState::text IS NULL OR @ReviewState = coalesce(
               (SELECT CASE WHEN review_due > @Now::timestamptz THEN 'reviewed' ELSE 'review_due' END FROM review
                WHERE review.article_id = a.id AND review.revision_number = a.latest_revision
                ORDER BY reviewed_at DESC, id DESC LIMIT 1), 'unreviewed'))
          AND (@ReviewDueBefore::timestamptz IS NULL
               OR (SELECT review_due FROM review WHERE review.article_id = a.id AND review.revision_number = a.published_revision
                   ORDER BY reviewed_at DESC, id DESC LIMIT 1) < @ReviewDueBefore)
        """;

    public const string ArticleCount = """
        SELECT count(*)::int FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        """ + "\nWHERE " + ListFilters;

    /// <summary>
    /// The page's ids first, then the review, schedule and task columns for those rows only: computing them for every
    /// matching article before the sort cost most of the list's time at 1,000 articles.
    /// </summary>
    public const string ArticlePage = """
        WITH page AS MATERIALIZED (
          SELECT a.id FROM article a
          JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
          WHERE
        """ + " " + ListFilters + """

            AND (@AfterId::uuid IS NULL OR (a.updated_at, a.id) < (@AfterAt::timestamptz, @AfterId::uuid))
          ORDER BY a.updated_at DESC, a.id DESC
          LIMIT @Take)
        SELECT
        """ + " " + ArticleColumns + """

        WHERE a.id = ANY (ARRAY(SELECT id FROM page))
        ORDER BY a.updated_at DESC, a.id DESC
        """;

    public const string InsertArticle = """
        INSERT INTO article (id, slug, locale, translation_group_id, topic, tags, status, latest_revision)
        VALUES (@Id, @Slug, @Locale, coalesce(@TranslationGroupId, @Id), @Topic, @Tags, 'draft', 1)
        """;

    /// <summary>The translation group of @Id, and the slug of its article in @Locale if it has one.</summary>
    public const string TranslationTarget = """
        SELECT a.translation_group_id AS GroupId,
               (SELECT t.slug FROM article t WHERE t.translation_group_id = a.translation_group_id AND t.locale = @Locale) AS TakenBy
        FROM article a WHERE a.id = @Id
        """;

    public const string LockArticle = """
        SELECT id AS Id, slug AS Slug, locale AS Locale, topic AS Topic, status AS Status, latest_revision AS LatestRevision,
               published_revision AS PublishedRevision, first_published_at IS NOT NULL AS EverPublished
        FROM article WHERE id = @Id FOR UPDATE
        """;

    public const string BumpRevision = "UPDATE article SET latest_revision = @Number, updated_at = now() WHERE id = @Id";

    public const string RevisionSummaries = """
        SELECT r.number AS Number, r.author AS Author, r.change_note AS ChangeNote, r.created_at AS CreatedAt,
               v.reviewed_at AS ReviewedAt, v.review_due AS ReviewDue, (a.published_revision = r.number) AS Published
        FROM revision r
        JOIN article a ON a.id = r.article_id
        LEFT JOIN LATERAL (
            SELECT reviewed_at, review_due FROM review
            WHERE review.article_id = r.article_id AND review.revision_number = r.number
            ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true
        WHERE r.article_id = @Id
        ORDER BY r.number
        """;

    public const string RevisionMeta = """
        SELECT number AS Number, author AS Author, change_note AS ChangeNote, created_at AS CreatedAt
        FROM revision WHERE article_id = @Id AND number = @Number
        """;

    public const string Reviews = """
        SELECT revision_number AS Revision, reviewed_by AS ReviewedBy, reviewer_id AS ReviewerId, notes AS Notes, reviewed_at AS ReviewedAt, review_due AS ReviewDue,
               person_issuer AS PersonIssuer, person_subject AS PersonSubject, person_email AS PersonEmail
        FROM review WHERE article_id = @Id AND revision_number = @Number
        ORDER BY reviewed_at DESC, id DESC
        """;

    /// <summary>Any revision of an article, with the columns delivery renders.</summary>
    public const string RevisionContent = "SELECT " + Delivery.ArticleSql.RevisionColumns + """
        , a.first_published_at AS PublishedAt, a.published_at AS UpdatedAt
        FROM article a
        JOIN revision r ON r.article_id = a.id AND r.number = @Number
        """ + "\n" + Delivery.ArticleSql.LatestReview + """

        WHERE a.id = @Id
        """;

    public const string InsertReview = """
        INSERT INTO review (article_id, revision_number, reviewed_by, notes, review_due, reviewer_id, reviewer_credentials, reviewer_specialty, reviewer_url,
                            person_issuer, person_subject, person_email, auth_time)
        VALUES (@Id, @Number, @ReviewedBy, @Notes, now() + make_interval(months => @Months), @ReviewerId, @Credentials, @Specialty, @Url,
                @PersonIssuer, @PersonSubject, @PersonEmail, @AuthTime)
        RETURNING revision_number AS Revision, reviewed_by AS ReviewedBy, reviewer_id AS ReviewerId, notes AS Notes, reviewed_at AS ReviewedAt, review_due AS ReviewDue,
               person_issuer AS PersonIssuer, person_subject AS PersonSubject, person_email AS PersonEmail
        """;

    /// <summary>What publishing a revision requires, checked in the database that will hold it.</summary>
    public const string PublishChecks = """
        SELECT r.summary AS Summary, r.disclaimer AS Disclaimer,
               ARRAY(SELECT s.kind FROM section s
                     WHERE s.article_id = r.article_id AND s.revision_number = r.number AND btrim(s.body) <> '') AS FilledKinds,
               (SELECT max(review_due) FROM review v WHERE v.article_id = r.article_id AND v.revision_number = r.number) AS ReviewDue
        FROM revision r WHERE r.article_id = @Id AND r.number = @Number
        """;

    public const string Publish = """
        UPDATE article a
        SET status = 'published', published_revision = @Number, published_at = now(),
            first_published_at = coalesce(a.first_published_at, now()), topic = r.topic, tags = r.tags, title = r.title, updated_at = now()
        FROM revision r
        WHERE a.id = @Id AND r.article_id = a.id AND r.number = @Number
        """;

    public const string SetStatus = """
        UPDATE article SET status = @Status, published_revision = NULL, updated_at = now() WHERE id = @Id
        """;

    /// <summary>Whether a slug names a published article other than this one (a withdrawal's replacement).</summary>
    public const string ReplacementExists = "SELECT EXISTS (SELECT 1 FROM article WHERE slug = @Slug AND status = 'published' AND id <> @Id)";

    public const string RecordPublication = """
        INSERT INTO publication_event (article_id, action, revision, reason, replacement_slug)
        VALUES (@Id, @Action, @Revision, @Reason, @ReplacementSlug)
        """;

    public const string CancelSchedule = """
        UPDATE scheduled_publication SET state = 'cancelled', outcome = @Outcome WHERE article_id = @Id AND state = 'pending'
        """;

    public const string Schedule = """
        INSERT INTO scheduled_publication (article_id, revision, at, key_id, actor) VALUES (@Id, @Number, @At, @KeyId, @Actor)
        """;

    /// <summary>
    /// A due publication whose article no one else holds. The lock order of every write is the article first,
    /// then its schedule, then the feed number: this takes the article (skipping busy ones); ClaimSchedule then
    /// takes the schedule row.
    /// </summary>
    public const string DueSchedule = """
        SELECT sp.id AS Id, sp.article_id AS ArticleId, sp.revision AS Revision, sp.at AS At, sp.key_id AS KeyId, sp.actor AS Actor
        FROM scheduled_publication sp
        JOIN article a ON a.id = sp.article_id
        WHERE sp.state = 'pending' AND sp.at <= now()
        ORDER BY sp.at
        LIMIT 1
        FOR UPDATE OF a SKIP LOCKED
        """;

    /// <summary>The schedule row, with the article already locked; none when it was cancelled or applied meanwhile.</summary>
    public const string ClaimSchedule = """
        SELECT id FROM scheduled_publication WHERE id = @Id AND state = 'pending' AND at <= now() FOR UPDATE
        """;

    public const string RefreshSearch = "SELECT refresh_search(@Id)";

    public const string FinishSchedule = "UPDATE scheduled_publication SET state = @State, outcome = @Outcome, finished_at = now() WHERE id = @Id";

    /// <summary>A scheduled publication that failed at its due time: the reasons stay in view until the failure is cleared.</summary>
    public const string FailSchedule = """
        UPDATE scheduled_publication SET state = 'failed', outcome = @Outcome, reasons = @Reasons::jsonb, finished_at = now() WHERE id = @Id
        """;

    /// <summary>
    /// Closes the article's open failure (acknowledged, rescheduled or published) and returns what it was: its revision,
    /// due time and reasons; no row when there was none.
    /// </summary>
    public const string ClearFailure = """
        UPDATE scheduled_publication SET cleared_at = now(), cleared_by = @ClearedBy
        WHERE article_id = @Id AND state = 'failed' AND cleared_at IS NULL
        RETURNING revision AS Revision, at AS At, reasons::text AS Reasons
        """;

    public const string AuditPage = """
        SELECT id AS Id, at AS At, key_id AS KeyId, actor AS Actor, role AS Role, action AS Action,
               article_id AS ArticleId, revision AS Revision, detail::text AS Detail,
               person_issuer AS PersonIssuer, person_subject AS PersonSubject, person_email AS PersonEmail
        FROM audit_log
        WHERE (@ArticleId::uuid IS NULL OR article_id = @ArticleId)
          AND (@From::timestamptz IS NULL OR at >= @From)
          AND (@To::timestamptz IS NULL OR at < @To)
          AND (@Before::bigint IS NULL OR id < @Before)
        ORDER BY id DESC
        LIMIT @Take
        """;
}
