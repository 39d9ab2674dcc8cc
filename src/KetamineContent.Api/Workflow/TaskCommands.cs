using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Workflow;

/// <summary>Tasks on an article: create, list, resolve, reopen. An open task blocks publishing (<see cref="OpenTasks"/>).</summary>
public static class TaskCommands
{
    public static async Task<Results<CreatedWithETag<TaskView>, ProblemHttpResult>> Create(
        Guid id, TaskInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await CommentCommands.RevisionProblemAsync(c, tx, id, input.Revision, ct) is { } missing)
        {
            return missing;
        }

        Guid? keyId = Guid.TryParse(input.Assignee, out var k) ? k : null;
        if (keyId is Guid assigneeKey && !await c.ExecuteScalarAsync<bool>(new CommandDefinition(WorkflowSql.KeyExists, new { Id = assigneeKey }, tx, cancellationToken: ct)))
        {
            return Problems.BadRequest($"'assignee' names no active API key ({assigneeKey}).", "assignee");
        }

        var actor = Actor.From(user);
        var row = await c.QuerySingleAsync<TaskRow>(new CommandDefinition(WorkflowSql.InsertTask, new
        {
            Id = Guid.NewGuid(),
            ArticleId = id,
            input.Revision,
            Title = input.Title.Trim(),
            AssigneeKeyId = keyId,
            AssigneeRole = keyId is null ? input.Assignee : null,
            Due = input.Due?.UtcDateTime,
            actor.KeyId,
            actor.PersonIssuer,
            actor.PersonSubject,
            actor.PersonEmail,
            CreatedBy = actor.Name,
        }, tx, cancellationToken: ct));
        await RecordAsync(c, tx, actor, "task.created", row, ct);
        return new CreatedWithETag<TaskView>(row.ToView(), row.ETag, $"/v1/manage/articles/{id}/tasks/{row.Id}");
    }

    public static async Task<Results<Ok<TaskList>, ProblemHttpResult>> List(
        Guid id, [System.ComponentModel.Description("open or resolved; default both.")] string? state, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (state is not (null or "open" or "resolved"))
        {
            return Problems.BadRequest("'state' must be open or resolved.", "state");
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (await c.ExecuteScalarAsync<int?>(new CommandDefinition(WorkflowSql.LatestRevision, new { Id = id }, cancellationToken: ct)) is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        var rows = await c.QueryAsync<TaskRow>(new CommandDefinition(WorkflowSql.Tasks, new { ArticleId = id, State = state }, cancellationToken: ct));
        return TypedResults.Ok(new TaskList(rows.Select(r => r.ToView()).ToList()));
    }

    public static Task<Results<OkWithETag<TaskView>, ProblemHttpResult>> Resolve(
        Guid id, Guid taskId, ResolveTaskInput? input, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, taskId, "open", WorkflowSql.Resolve, "task.resolved", input?.Note, request, session, user, ct);

    public static Task<Results<OkWithETag<TaskView>, ProblemHttpResult>> Reopen(
        Guid id, Guid taskId, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct) =>
        ChangeAsync(id, taskId, "resolved", WorkflowSql.Reopen, "task.reopened", null, request, session, user, ct);

    private static async Task<Results<OkWithETag<TaskView>, ProblemHttpResult>> ChangeAsync(
        Guid id, Guid taskId, string from, string sql, string action, string? note, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var task = await c.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(WorkflowSql.LockTask, new { Id = taskId, ArticleId = id }, tx, cancellationToken: ct));
        if (task is null)
        {
            return Problems.NotFound($"The article {id} has no task {taskId}.");
        }

        if (IfMatch.Check(request, task.ETag, "task") is { } precondition)
        {
            return precondition;
        }

        if (task.State != from)
        {
            return Problems.Conflict($"The task is {task.State} already.");
        }

        var actor = Actor.From(user);
        var changed = await c.QuerySingleAsync<TaskRow>(new CommandDefinition(sql, new { Id = taskId, Note = note?.Trim(), By = actor.Name }, tx, cancellationToken: ct));
        await RecordAsync(c, tx, actor, action, changed, ct);
        return new OkWithETag<TaskView>(changed.ToView(), changed.ETag);
    }

    /// <summary>The audit row and (for created and resolved) the webhook event naming the task.</summary>
    private static async Task RecordAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, string action, TaskRow task, CancellationToken ct)
    {
        await ChangeLog.RecordAsync(c, tx, actor, action, task.ArticleId, task.Revision, new { taskId = task.Id, task.Title, task.State }, readersAffected: false, ct);
        if (action is "task.created" or "task.resolved")
        {
            await Webhooks.WebhookEvents.EnqueueAsync(c, tx, action, task.ArticleId, task.Revision, ct, new { taskId = task.Id, title = task.Title });
        }
    }
}
