namespace KetamineContent.Api.Workflow;

/// <summary>SQL of the review-due job. Every value is a parameter.</summary>
public static class ReviewDueSql
{
    /// <summary>Held for the round by the node that does the work; the others skip it. Released if that node dies (its connection closes).</summary>
    public const string ClaimRound = "SELECT pg_try_advisory_xact_lock(hashtextextended('review-due job', 0))";

    /// <summary>
    /// Published revisions whose current sign-off is within @DueSoonDays of expiring (due) or has expired (overdue), and the
    /// notices not yet raised for that sign-off. The oldest first; a round takes at most @Take.
    /// </summary>
    public const string Pending = """
        SELECT a.id AS ArticleId, a.published_revision AS Revision, v.review_due AS ReviewDue, k.kind AS Kind
        FROM article a
        JOIN LATERAL (SELECT review_due FROM review
                      WHERE review.article_id = a.id AND review.revision_number = a.published_revision
                      ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true
        CROSS JOIN LATERAL (VALUES ('due', v.review_due - make_interval(days => @DueSoonDays)), ('overdue', v.review_due)) k(kind, from_at)
        WHERE a.status = 'published' AND k.from_at <= now()
          AND NOT EXISTS (SELECT 1 FROM review_notice n WHERE n.article_id = a.id AND n.revision_number = a.published_revision
                          AND n.review_due = v.review_due AND n.kind = k.kind)
        ORDER BY v.review_due, a.id, k.kind
        LIMIT @Take
        """;

    /// <summary>Raises a notice once: a row already there (another node, an earlier round) answers nothing.</summary>
    public const string Raise = """
        INSERT INTO review_notice (article_id, revision_number, kind, review_due)
        SELECT a.id, a.published_revision, @Kind, @ReviewDue
        FROM article a
        WHERE a.id = @ArticleId AND a.status = 'published' AND a.published_revision = @Revision
          AND (SELECT review_due FROM review WHERE review.article_id = a.id AND review.revision_number = a.published_revision
               ORDER BY reviewed_at DESC, id DESC LIMIT 1) = @ReviewDue
        ON CONFLICT DO NOTHING
        RETURNING kind
        """;
}
