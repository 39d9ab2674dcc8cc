using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using KetamineContent.Api.Releases;
using KetamineContent.Api.Workflow;
using KetamineContent.Api.Writes;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole.Bulk;

/// <summary>
/// The article list's bulk actions, each article on its own: one transaction per article that locks it, checks the
/// ETag it was listed with by the API's own rule (<see cref="ArticleCommands.Refuse(Microsoft.Extensions.Primitives.StringValues, Guid, LockedArticle?)"/>:
/// 412 when it has changed since) and then runs the endpoint's handler (add a release item, create a task, PATCH the
/// tags). A refused article rolls back only its own part and is reported with the API's reason; none is skipped.
/// </summary>
public sealed class BulkActions(ConsoleCommands commands, ConsoleQueries queries, IServiceProvider services,
    IValidator<ArticleInput> articleValidator, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock)
{
    /// <summary>At most one page of the list.</summary>
    public const int MaxArticles = 50;

    /// <summary>Adds each article's latest revision (the one listed) to an open release, as POST /v1/manage/releases/{id}/items does.</summary>
    public Task<IReadOnlyList<BulkOutcome>> AddToReleaseAsync(IReadOnlyList<BulkRow> rows, Guid releaseId, ClaimsPrincipal user, CancellationToken ct) =>
        EachAsync(rows, "added to the release", async (session, c, tx, locked) =>
        {
            // The release's concurrency check is its open state and capacity, judged by AddItem under its lock; its
            // ETag is read here so that each article's addition follows the one before it.
            if (await ReleaseStore.ViewAsync(c, tx, releaseId, ct) is not { } release)
            {
                return Problems.NotFound($"No release has the id {releaseId}.");
            }

            return await ReleaseCommands.AddItem(releaseId, new ReleaseItemInput(locked.Id, locked.LatestRevision), ConsoleCommands.IfMatch(release.ETag), session, user, ct);
        }, ct);

    /// <summary>Opens the same task on each article's latest revision, as POST /v1/manage/articles/{id}/tasks does.</summary>
    public Task<IReadOnlyList<BulkOutcome>> AssignTaskAsync(IReadOnlyList<BulkRow> rows, TaskInput input, ClaimsPrincipal user, CancellationToken ct) =>
        EachAsync(rows, "task opened", async (session, _, _, locked) =>
            await TaskCommands.Create(locked.Id, input with { Revision = locked.LatestRevision }, session, user, ct), ct);

    /// <summary>
    /// Adds and removes tags, as PATCH /v1/manage/articles/{id} with {"tags": [...]} does (a new revision, checked as
    /// every revision is). An article that already has the asked tags gets no revision and is reported unchanged.
    /// </summary>
    public Task<IReadOnlyList<BulkOutcome>> ChangeTagsAsync(IReadOnlyList<BulkRow> rows, IReadOnlyList<string> add, IReadOnlyList<string> remove, ClaimsPrincipal user, CancellationToken ct) =>
        EachAsync(rows, "tags changed", async (session, c, tx, locked) =>
        {
            var current = (await ManageReader.ArticleAsync(c, tx, locked.Id, clock.GetUtcNow(), ct))!.Tags;
            var tags = current.Except(remove, StringComparer.Ordinal).Concat(add).Distinct(StringComparer.Ordinal).ToList();
            if (tags.SequenceEqual(current, StringComparer.Ordinal))
            {
                return TypedResults.NoContent();
            }

            var patch = JsonSerializer.SerializeToUtf8Bytes(new { tags, changeNote = "Tags changed from the article list" });
            var http = new DefaultHttpContext { RequestServices = services };
            http.Request.Method = HttpMethods.Patch;
            http.Request.ContentType = MergePatch.MediaType;
            http.Request.Headers.IfMatch = Preconditions.ETagFor(locked.LatestRevision);
            http.Request.Body = new MemoryStream(patch);
            return await ArticlePatchCommand.Patch(locked.Id, http.Request, session, user, articleValidator, json, clock, ct);
        }, ct);

    /// <summary>The tags of a form field: separated by commas or white space, empty ones dropped.</summary>
    public static IReadOnlyList<string> Tags(string? field) =>
        (field ?? "").Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    private async Task<IReadOnlyList<BulkOutcome>> EachAsync(IReadOnlyList<BulkRow> rows, string done,
        Func<CommandSession, NpgsqlConnection, NpgsqlTransaction, LockedArticle, Task<IResult>> action, CancellationToken ct)
    {
        var titles = await queries.TitlesAsync(rows.Select(r => r.Id), ct);
        var outcomes = new List<BulkOutcome>(rows.Count);
        foreach (var row in rows)
        {
            var outcome = await commands.RunAsync(async session =>
            {
                var (c, tx) = await session.BeginAsync(ct);
                var locked = await Publisher.LockAsync(c, tx, row.Id, ct);
                return ArticleCommands.Refuse(ConsoleCommands.IfMatch(row.ETag), row.Id, locked) ?? await action(session, c, tx, locked!);
            });
            outcomes.Add(new BulkOutcome(row.Id, titles.GetValueOrDefault(row.Id) ?? row.Id.ToString(), outcome,
                outcome.Status == StatusCodes.Status204NoContent ? "unchanged (it already had these tags)" : done));
        }

        return outcomes;
    }
}
