namespace KetamineContent.Api.Workflow;

/// <summary>SQL of comments and tasks. Every value is a parameter.</summary>
public static class WorkflowSql
{
    public const string LatestRevision = "SELECT latest_revision FROM article WHERE id = @Id";

    public const string KeyExists = "SELECT EXISTS (SELECT 1 FROM api_key WHERE id = @Id AND revoked_at IS NULL)";

    private const string CommentColumns = """
        id AS Id, article_id AS ArticleId, revision AS Revision, section_kind AS SectionKind, body AS Body, author AS Author, created_at AS CreatedAt,
        person_issuer AS PersonIssuer, person_subject AS PersonSubject, person_email AS PersonEmail
        """;

    public const string InsertComment = """
        INSERT INTO article_comment (id, article_id, revision, section_kind, body, key_id, person_issuer, person_subject, person_email, author)
        VALUES (@Id, @ArticleId, @Revision, @SectionKind, @Body, @KeyId, @PersonIssuer, @PersonSubject, @PersonEmail, @Author)
        RETURNING
        """ + " " + CommentColumns;

    public const string Comments = "SELECT " + CommentColumns + """

        FROM article_comment WHERE article_id = @ArticleId AND (@Revision::int IS NULL OR revision = @Revision)
        ORDER BY created_at, id
        """;

    private const string TaskColumns = """
        id AS Id, article_id AS ArticleId, revision AS Revision, title AS Title, assignee_key_id AS AssigneeKeyId,
        assignee_role AS AssigneeRole, due AS Due, state AS State, note AS Note, resolved_at AS ResolvedAt, resolved_by AS ResolvedBy,
        version AS Version, created_by AS CreatedBy, created_at AS CreatedAt, updated_at AS UpdatedAt,
        person_issuer AS PersonIssuer, person_subject AS PersonSubject, person_email AS PersonEmail
        """;

    public const string InsertTask = """
        INSERT INTO article_task (id, article_id, revision, title, assignee_key_id, assignee_role, due, key_id, person_issuer, person_subject, person_email, created_by)
        VALUES (@Id, @ArticleId, @Revision, @Title, @AssigneeKeyId, @AssigneeRole, @Due, @KeyId, @PersonIssuer, @PersonSubject, @PersonEmail, @CreatedBy)
        RETURNING
        """ + " " + TaskColumns;

    public const string Tasks = "SELECT " + TaskColumns + """

        FROM article_task WHERE article_id = @ArticleId AND (@State::text IS NULL OR state = @State)
        ORDER BY created_at, id
        """;

    public const string LockTask = "SELECT " + TaskColumns + " FROM article_task WHERE id = @Id AND article_id = @ArticleId FOR UPDATE";

    public const string Resolve = """
        UPDATE article_task SET state = 'resolved', note = @Note, resolved_at = now(), resolved_by = @By, version = version + 1, updated_at = now()
        WHERE id = @Id
        RETURNING
        """ + " " + TaskColumns;

    public const string Reopen = """
        UPDATE article_task SET state = 'open', resolved_at = NULL, resolved_by = NULL, version = version + 1, updated_at = now()
        WHERE id = @Id
        RETURNING
        """ + " " + TaskColumns;

    /// <summary>The open tasks that block publishing this revision: its own, and those on the article as a whole.</summary>
    public const string OpenTasksBlocking = """
        SELECT id AS Id, title AS Title FROM article_task
        WHERE article_id = @ArticleId AND state = 'open' AND (revision IS NULL OR revision = @Revision)
        ORDER BY created_at, id
        """;
}
