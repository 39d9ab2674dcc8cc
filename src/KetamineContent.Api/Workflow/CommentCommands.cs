using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Workflow;

/// <summary>Comments on an article's revisions: post one, list them.</summary>
public static class CommentCommands
{
    public static async Task<Results<Created<CommentView>, ProblemHttpResult>> Create(
        Guid id, CommentInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await RevisionProblemAsync(c, tx, id, input.Revision, ct) is { } missing)
        {
            return missing;
        }

        var actor = Actor.From(user);
        var row = await c.QuerySingleAsync<CommentRow>(new CommandDefinition(WorkflowSql.InsertComment, new
        {
            Id = Guid.NewGuid(),
            ArticleId = id,
            input.Revision,
            input.SectionKind,
            Body = input.Body.Trim(),
            actor.KeyId,
            actor.PersonIssuer,
            actor.PersonSubject,
            actor.PersonEmail,
            Author = actor.Name,
        }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, actor, "comment.created", id, input.Revision, new { commentId = row.Id, input.SectionKind }, readersAffected: false, ct);
        await Webhooks.WebhookEvents.EnqueueAsync(c, tx, "comment.created", id, input.Revision, ct, new { commentId = row.Id, sectionKind = input.SectionKind });
        return TypedResults.Created($"/v1/manage/articles/{id}/comments/{row.Id}", row.ToView());
    }

    public static async Task<Results<Ok<CommentList>, ProblemHttpResult>> List(
        Guid id, [System.ComponentModel.Description("Only the comments on this revision.")] int? revision, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (revision is < 1)
        {
            return Problems.BadRequest("'revision' must be a revision number (1 or more).", "revision");
        }

        await using var c = await dataSource.OpenConnectionAsync(ct);
        if (await c.ExecuteScalarAsync<int?>(new CommandDefinition(WorkflowSql.LatestRevision, new { Id = id }, cancellationToken: ct)) is null)
        {
            return Problems.NotFound($"No article has the id {id}.");
        }

        var rows = await c.QueryAsync<CommentRow>(new CommandDefinition(WorkflowSql.Comments, new { ArticleId = id, Revision = revision }, cancellationToken: ct));
        return TypedResults.Ok(new CommentList(rows.Select(r => r.ToView()).ToList()));
    }

    /// <summary>404 when the article or (when given) its revision does not exist.</summary>
    public static async Task<ProblemHttpResult?> RevisionProblemAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, int? revision, CancellationToken ct)
    {
        var latest = await c.ExecuteScalarAsync<int?>(new CommandDefinition(WorkflowSql.LatestRevision, new { Id = id }, tx, cancellationToken: ct));
        return latest is null ? Problems.NotFound($"No article has the id {id}.")
            : revision > latest ? Problems.NotFound($"The article has no revision {revision}.")
            : null;
    }
}
