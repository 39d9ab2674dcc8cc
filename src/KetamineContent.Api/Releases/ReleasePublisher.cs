using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Editing;
using Npgsql;

namespace KetamineContent.Api.Releases;

public enum ReleaseOutcome
{
    Published,
    Empty,
    Blocked,
}

/// <summary>
/// Publishing and reverting a release in the caller's one transaction, shared by the HTTP commands and the scheduler.
/// Lock order, as every write: the release row, then its articles in id order, then (inside each publish) the schedule
/// and the sync feed number; so the release's feed changes are consecutive and commit together with everything else.
/// </summary>
public static class ReleasePublisher
{
    private const string ArticleStatus = "SELECT status FROM article WHERE id = @Id";

    /// <summary>Every reason each item cannot be published now (the gates of a single publish, plus archived articles).</summary>
    public static async Task<IReadOnlyList<ReleaseItemCheck>> CheckAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<ReleaseItemRow> items, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        var checks = new List<ReleaseItemCheck>(items.Count);
        // The items publish together or not at all: a link from one item to another leads somewhere once they do.
        var arriving = items.Select(i => i.Slug).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var status = await c.ExecuteScalarAsync<string>(new CommandDefinition(ArticleStatus, new { Id = item.ArticleId }, tx, cancellationToken: ct));
            var reasons = new List<string>();
            if (status == "archived")
            {
                reasons.Add("The article is archived; unarchive it before publishing.");
            }

            reasons.AddRange(await Publisher.ReasonsNotToPublishAsync(c, tx, item.ArticleId, item.Revision, now, ct, arriving));
            checks.Add(new ReleaseItemCheck(item.ArticleId, item.Slug, item.Revision, reasons));
        }

        return checks;
    }

    public static async Task<(ReleaseOutcome Outcome, IReadOnlyList<ReleaseItemCheck> Checks)> PublishAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, ReleaseRow release, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        var items = await ReleaseStore.ItemsAsync(c, tx, release.Id, ct);
        if (items.Count == 0)
        {
            return (ReleaseOutcome.Empty, []);
        }

        var locked = await LockAllAsync(c, tx, items, ct);
        var checks = await CheckAsync(c, tx, items, now, ct);
        if (checks.Any(i => i.Reasons.Count > 0))
        {
            return (ReleaseOutcome.Blocked, checks);
        }

        foreach (var (item, article) in items.Zip(locked))
        {
            await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.MarkApplied, new { release.Id, item.ArticleId, PreviousRevision = article.PublishedRevision }, ct);
            if (!(article.Status == "published" && article.PublishedRevision == item.Revision))
            {
                await Publisher.PublishAsync(c, tx, actor, article, item.Revision, ct);
            }
        }

        await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.SetPublished, new { release.Id }, ct);
        await ReleaseStore.RecordAsync(c, tx, actor, "release.published", release.Id, new { items = items.Count }, ct);
        return (ReleaseOutcome.Published, checks);
    }

    /// <summary>Puts every article back to the revision readers saw before the release (unpublished when there was none); empty, or why not.</summary>
    public static async Task<IReadOnlyList<string>> RevertAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, ReleaseRow release, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        var items = (await ReleaseStore.ItemsAsync(c, tx, release.Id, ct)).Where(i => i.Applied).ToList();
        var locked = await LockAllAsync(c, tx, items, ct);
        var moved = items.Zip(locked).Where(p => p.Second.PublishedRevision != p.First.Revision)
            .Select(p => $"'{p.First.Slug}' shows {(p.Second.PublishedRevision is { } r ? $"revision {r}" : "nothing")} now, not the release's revision {p.First.Revision}.")
            .ToList();
        // An article the revert takes off the site must not leave published articles outside the release linking to it
        // (as unpublishing it alone would answer 409): those links are changed first, or the articles unpublished one by one.
        var inRelease = items.Select(i => i.ArticleId).ToHashSet();
        foreach (var item in items.Where(i => i.PreviousRevision is null))
        {
            var linking = (await Trust.LinkGuard.LeadingHereAsync(c, tx, item.ArticleId, ct)).Where(l => !inRelease.Contains(l.Id)).ToList();
            if (linking.Count > 0)
            {
                moved.Add($"'{item.Slug}' would be taken off the site, but published articles link to it: {Trust.LinkGuard.Names(linking)}.");
            }
        }

        if (moved.Count > 0)
        {
            return moved;
        }

        foreach (var (item, article) in items.Zip(locked))
        {
            if (item.PreviousRevision is not { } previous)
            {
                await Publisher.SetStatusAsync(c, tx, actor, article, "draft", "unpublished", null, ct);
            }
            else if (previous != item.Revision)
            {
                await Publisher.PublishAsync(c, tx, actor, article, previous, ct);
            }
        }

        await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.SetReverted, new { release.Id }, ct);
        await ReleaseStore.RecordAsync(c, tx, actor, "release.reverted", release.Id, new { items = items.Count }, ct);
        return [];
    }

    private static async Task<List<LockedArticle>> LockAllAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<ReleaseItemRow> items, CancellationToken ct)
    {
        var locked = new List<LockedArticle>(items.Count);
        foreach (var item in items)
        {
            locked.Add((await Publisher.LockAsync(c, tx, item.ArticleId, ct))!);
        }

        return locked;
    }
}
