using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Workflow;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>An article as a dashboard list shows it.</summary>
public sealed record DashboardItem(Guid Id, string Title, string Status, int Revision, DateTime At);

public sealed record DashboardLists(
    IReadOnlyList<DashboardItem> MyDrafts, IReadOnlyList<DashboardItem> AwaitingReview,
    IReadOnlyList<DashboardItem> Scheduled, IReadOnlyList<DashboardItem> ReviewDueSoon, IReadOnlyList<MyTask> MyTasks,
    IReadOnlyList<PublishFailureItem> PublishFailures);

/// <summary>A scheduled publication that failed at its due time and is not yet acknowledged; reasons as stored (a JSON array).</summary>
public sealed record PublishFailureItem(Guid Id, string Title, int Revision, DateTime ScheduledFor, string Reasons);

/// <summary>An open task assigned to me (my key) or to my role, with its article's title.</summary>
public sealed record MyTask(Guid Id, Guid ArticleId, string Title, string ArticleTitle, int? Revision, DateTime? Due);

/// <summary>The dashboard's lists (the articles list, history and audit use the management API's readers).</summary>
public sealed class ConsoleQueries(NpgsqlDataSource dataSource)
{
    private const string MyDrafts = """
        SELECT a.id AS Id, r.title AS Title, a.status AS Status, a.latest_revision AS Revision, r.created_at AS At
        FROM article a JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        WHERE a.status = 'draft' AND r.author = @Author
        ORDER BY r.created_at DESC LIMIT 10
        """;

    /// <summary>Articles whose latest revision is newer than what is published and has no sign-off yet.</summary>
    private const string AwaitingReview = """
        SELECT a.id AS Id, r.title AS Title, a.status AS Status, a.latest_revision AS Revision, r.created_at AS At
        FROM article a JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        WHERE a.status <> 'archived' AND a.latest_revision IS DISTINCT FROM a.published_revision
          AND NOT EXISTS (SELECT 1 FROM review v WHERE v.article_id = a.id AND v.revision_number = a.latest_revision)
        ORDER BY r.created_at DESC LIMIT 10
        """;

    private const string Scheduled = """
        SELECT a.id AS Id, r.title AS Title, a.status AS Status, sp.revision AS Revision, sp.at AS At
        FROM scheduled_publication sp JOIN article a ON a.id = sp.article_id
        JOIN revision r ON r.article_id = a.id AND r.number = sp.revision
        WHERE sp.state = 'pending' ORDER BY sp.at LIMIT 10
        """;

    private const string PublishFailures = """
        SELECT a.id AS Id, r.title AS Title, pf.revision AS Revision, pf.at AS ScheduledFor, coalesce(pf.reasons::text, '[]') AS Reasons
        FROM scheduled_publication pf JOIN article a ON a.id = pf.article_id
        JOIN revision r ON r.article_id = a.id AND r.number = pf.revision
        WHERE pf.state = 'failed' AND pf.cleared_at IS NULL ORDER BY pf.at DESC LIMIT 20
        """;

    /// <summary>
    /// Published articles whose sign-off of the published revision runs out within 30 days (or already has): the latest
    /// due date per article from one join of reviews and articles, then the ten soonest get their titles.
    /// </summary>
    private const string ReviewDueSoon = """
        SELECT a.id AS Id, r.title AS Title, a.status AS Status, a.published_revision AS Revision, d.due AS At
        FROM (SELECT v.article_id, max(v.review_due) AS due
              FROM review v JOIN article p ON p.id = v.article_id AND v.revision_number = p.published_revision
              WHERE p.status = 'published'
              GROUP BY v.article_id
              HAVING max(v.review_due) < now() + interval '30 days'
              ORDER BY due LIMIT 10) d
        JOIN article a ON a.id = d.article_id
        JOIN revision r ON r.article_id = a.id AND r.number = a.published_revision
        ORDER BY d.due
        """;

    /// <summary>Open tasks assigned to the key or to its role, the soonest due first.</summary>
    private const string MyOpenTasks = """
        SELECT t.id AS Id, t.article_id AS ArticleId, t.title AS Title, r.title AS ArticleTitle, t.revision AS Revision, t.due AS Due
        FROM article_task t JOIN article a ON a.id = t.article_id
        JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        WHERE t.state = 'open' AND (t.assignee_key_id = @KeyId OR t.assignee_role = @Role)
        ORDER BY t.due NULLS LAST, t.created_at LIMIT 20
        """;

    /// <summary>Each article's latest title, for naming articles in the dashboard's activity.</summary>
    private const string Titles = """
        SELECT a.id AS Id, r.title AS Title
        FROM article a JOIN revision r ON r.article_id = a.id AND r.number = a.latest_revision
        WHERE a.id = ANY (@Ids)
        """;

    public async Task<IReadOnlyDictionary<Guid, string>> TitlesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<(Guid Id, string Title)>(new CommandDefinition(Titles, new { Ids = ids.Distinct().ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.Title);
    }

    public async Task<DashboardLists> DashboardAsync(Actor me, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(me);
        await using var c = await dataSource.OpenConnectionAsync(ct);
        async Task<IReadOnlyList<DashboardItem>> Read(string sql) =>
            (await c.QueryAsync<DashboardItem>(new CommandDefinition(sql, new { Author = me.Name }, cancellationToken: ct))).AsList();
        var tasks = (await c.QueryAsync<MyTask>(new CommandDefinition(MyOpenTasks, new { me.KeyId, me.Role }, cancellationToken: ct))).AsList();
        var failures = (await c.QueryAsync<PublishFailureItem>(new CommandDefinition(PublishFailures, cancellationToken: ct))).AsList();
        return new DashboardLists(await Read(MyDrafts), await Read(AwaitingReview), await Read(Scheduled), await Read(ReviewDueSoon), tasks, failures);
    }

    /// <summary>An article's comments (oldest first) and tasks with their ETags, by the endpoints' own SQL.</summary>
    public async Task<(IReadOnlyList<CommentRow> Comments, IReadOnlyList<TaskRow> Tasks)> DiscussionAsync(Guid articleId, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        var comments = (await c.QueryAsync<CommentRow>(new CommandDefinition(WorkflowSql.Comments, new { ArticleId = articleId, Revision = (int?)null }, cancellationToken: ct))).AsList();
        var tasks = (await c.QueryAsync<TaskRow>(new CommandDefinition(WorkflowSql.Tasks, new { ArticleId = articleId, State = (string?)null }, cancellationToken: ct))).AsList();
        return (comments, tasks);
    }
}
