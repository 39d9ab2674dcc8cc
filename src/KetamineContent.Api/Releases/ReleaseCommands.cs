using System.Security.Claims;
using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Releases;

/// <summary>Releases: create, add and remove items (editor), validate, publish now or at a time, revert (reviewer).</summary>
public static class ReleaseCommands
{
    public const int MaxItems = 200;

    public static async Task<Results<CreatedWithETag<ReleaseView>, ProblemHttpResult>> Create(
        ReleaseInput input, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var actor = Actor.From(user);
        var row = await c.QuerySingleAsync<ReleaseRow>(new CommandDefinition(ReleaseSql.Insert,
            new { Id = Guid.NewGuid(), Title = input.Title.Trim(), Notes = input.Notes ?? "", CreatedBy = actor.Name }, tx, cancellationToken: ct));
        await ReleaseStore.RecordAsync(c, tx, actor, "release.created", row.Id, new { row.Title }, ct);
        return new CreatedWithETag<ReleaseView>(row.ToView([]), row.ETag, $"/v1/manage/releases/{row.Id}");
    }

    public static async Task<Results<OkWithETag<ReleaseView>, ProblemHttpResult>> AddItem(
        Guid id, ReleaseItemInput input, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await OpenReleaseAsync(c, tx, id, request, ct) is { } refused)
        {
            return refused;
        }

        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(ReleaseSql.RevisionExists, new { input.ArticleId, input.Revision }, tx, cancellationToken: ct)))
        {
            return Problems.NotFound($"No article {input.ArticleId} with a revision {input.Revision} exists.");
        }

        var items = await ReleaseStore.ItemsAsync(c, tx, id, ct);
        if (items.Count >= MaxItems && items.All(i => i.ArticleId != input.ArticleId))
        {
            return Problems.Unprocessable($"A release holds at most {MaxItems} articles; this one is full.");
        }

        await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.UpsertItem, new { Id = id, input.ArticleId, input.Revision }, ct);
        return await ChangedAsync(c, tx, Actor.From(user), id, "release.item_added", new { input.ArticleId, input.Revision }, ct);
    }

    public static async Task<Results<OkWithETag<ReleaseView>, ProblemHttpResult>> RemoveItem(
        Guid id, Guid articleId, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        if (await OpenReleaseAsync(c, tx, id, request, ct) is { } refused)
        {
            return refused;
        }

        if (await c.ExecuteAsync(new CommandDefinition(ReleaseSql.DeleteItem, new { Id = id, ArticleId = articleId }, tx, cancellationToken: ct)) == 0)
        {
            return Problems.NotFound($"The release has no item for the article {articleId}.");
        }

        return await ChangedAsync(c, tx, Actor.From(user), id, "release.item_removed", new { articleId }, ct);
    }

    public static async Task<Results<Ok<ReleaseValidation>, ProblemHttpResult>> Validate(Guid id, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        if (await ReleaseStore.GetAsync(c, tx, id, ct) is null)
        {
            return Problems.NotFound($"No release has the id {id}.");
        }

        var checks = await ReleasePublisher.CheckAsync(c, tx, await ReleaseStore.ItemsAsync(c, tx, id, ct), clock.GetUtcNow(), ct);
        return TypedResults.Ok(new ReleaseValidation(id, checks.Count > 0 && checks.All(i => i.Reasons.Count == 0), checks));
    }

    public static async Task<Results<OkWithETag<ReleaseView>, AcceptedWithETag<ReleaseView>, ProblemHttpResult>> Publish(
        Guid id, ReleasePublishInput? input, HttpRequest request, CommandSession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var release = await ReleaseStore.LockAsync(c, tx, id, ct);
        if (release is null)
        {
            return Problems.NotFound($"No release has the id {id}.");
        }

        if (IfMatch.Check(request, release.ETag, "release") is { } precondition)
        {
            return precondition;
        }

        if (release.State is not ("open" or "scheduled"))
        {
            return Problems.Conflict($"The release is {release.State}; only an open or scheduled release can be published.");
        }

        var actor = Actor.From(user);
        var now = clock.GetUtcNow();
        if (input?.At is { } at && at > now)
        {
            var items = await ReleaseStore.ItemsAsync(c, tx, id, ct);
            if (Refusal(items.Count == 0 ? ReleaseOutcome.Empty : ReleaseOutcome.Published, await ReleasePublisher.CheckAsync(c, tx, items, now, ct)) is { } notNow)
            {
                return notNow;
            }

            await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.SetScheduled, new { Id = id, At = at.UtcDateTime, actor.KeyId, Actor = actor.Name }, ct);
            await ReleaseStore.RecordAsync(c, tx, actor, "release.publish_scheduled", id, new { At = at }, ct);
            var (scheduled, scheduledETag) = (await ReleaseStore.ViewAsync(c, tx, id, ct))!.Value;
            return new AcceptedWithETag<ReleaseView>(scheduled, scheduledETag);
        }

        var (outcome, checks) = await ReleasePublisher.PublishAsync(c, tx, actor, release, now, ct);
        if (Refusal(outcome, checks) is { } refused)
        {
            return refused;
        }

        var (view, etag) = (await ReleaseStore.ViewAsync(c, tx, id, ct))!.Value;
        return new OkWithETag<ReleaseView>(view, etag);
    }

    public static async Task<Results<OkWithETag<ReleaseView>, ProblemHttpResult>> Revert(
        Guid id, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, tx) = await session.BeginAsync(ct);
        var release = await ReleaseStore.LockAsync(c, tx, id, ct);
        if (release is null)
        {
            return Problems.NotFound($"No release has the id {id}.");
        }

        if (IfMatch.Check(request, release.ETag, "release") is { } precondition)
        {
            return precondition;
        }

        if (release.State != "published")
        {
            return Problems.Conflict($"The release is {release.State}; only a published release can be reverted.");
        }

        var moved = await ReleasePublisher.RevertAsync(c, tx, Actor.From(user), release, ct);
        if (moved.Count > 0)
        {
            return TypedResults.Problem("The release cannot be reverted as a whole; change or revert these articles one by one: " + string.Join(" ", moved),
                statusCode: StatusCodes.Status409Conflict, title: ProblemTitles.For(409));
        }

        var (view, etag) = (await ReleaseStore.ViewAsync(c, tx, id, ct))!.Value;
        return new OkWithETag<ReleaseView>(view, etag);
    }

    /// <summary>The 422 of a release that cannot be published: empty, or every item's reasons (the first 100; validate lists all).</summary>
    public static ProblemHttpResult? Refusal(ReleaseOutcome outcome, IReadOnlyList<ReleaseItemCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (outcome == ReleaseOutcome.Empty)
        {
            return Problems.Unprocessable("The release has no items.");
        }

        var blocked = checks.Where(i => i.Reasons.Count > 0).ToList();
        if (blocked.Count == 0)
        {
            return null;
        }

        var reasons = blocked.SelectMany(i => i.Reasons.Select(r => $"{i.Slug} (revision {i.Revision}): {r}")).ToList();
        return Problems.Unprocessable(
            $"{blocked.Count} of {checks.Count} item(s) cannot be published: {string.Join(" ", reasons.Take(10))}{(reasons.Count > 10 ? " ..." : "")} (POST .../validate lists every reason).",
            reasons.Take(100).ToList());
    }

    /// <summary>Locks the release and refuses unless it exists (404), If-Match names it (428/412) and it is still open (409).</summary>
    private static async Task<ProblemHttpResult?> OpenReleaseAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, HttpRequest request, CancellationToken ct)
    {
        var release = await ReleaseStore.LockAsync(c, tx, id, ct);
        return release is null ? Problems.NotFound($"No release has the id {id}.")
            : IfMatch.Check(request, release.ETag, "release") is { } precondition ? precondition
            : release.State != "open" ? Problems.Conflict($"The release is {release.State}; items change only while it is open.")
            : null;
    }

    private static async Task<Results<OkWithETag<ReleaseView>, ProblemHttpResult>> ChangedAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, Guid id, string action, object detail, CancellationToken ct)
    {
        await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.Touch, new { Id = id }, ct);
        await ReleaseStore.RecordAsync(c, tx, actor, action, id, detail, ct);
        var (view, etag) = (await ReleaseStore.ViewAsync(c, tx, id, ct))!.Value;
        return new OkWithETag<ReleaseView>(view, etag);
    }
}
