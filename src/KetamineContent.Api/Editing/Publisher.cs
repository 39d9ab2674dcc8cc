using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Content;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Editing;

/// <summary>
/// Publishing and withdrawing, inside the caller's transaction with the article row locked. Shared by the
/// HTTP commands and the scheduled-publication job, so both apply the same rules and write the same records.
/// </summary>
public static class Publisher
{
    /// <summary>Every reason this revision may not be published; empty when it may.</summary>
    /// <param name="arriving">Slugs published in the same transaction (a release's items): links to them lead somewhere.</param>
    public static async Task<IReadOnlyList<string>> ReasonsNotToPublishAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid id, int number, DateTimeOffset now, CancellationToken ct, IReadOnlySet<string>? arriving = null)
    {
        var row = await c.QuerySingleAsync<PublishCheckRow>(new CommandDefinition(ManageSql.PublishChecks, new { Id = id, Number = number }, tx, cancellationToken: ct));
        var reasons = new List<string>();
        foreach (var kind in SectionKinds.Required.Where(k => !row.FilledKinds.Contains(k, StringComparer.Ordinal)))
        {
            reasons.Add($"The required section '{kind}' is missing or empty.");
        }

        if (string.IsNullOrWhiteSpace(row.Summary))
        {
            reasons.Add("The summary is empty.");
        }

        if (string.IsNullOrWhiteSpace(row.Disclaimer))
        {
            reasons.Add("The medical disclaimer is empty.");
        }

        if (row.ReviewDue is null)
        {
            reasons.Add($"Revision {number} has no medical review sign-off.");
        }
        else if (Delivery.DeliveryMapping.Utc(row.ReviewDue.Value) <= now)
        {
            reasons.Add($"The medical review of revision {number} has expired; it needs a new sign-off.");
        }

        reasons.AddRange(await Assets.AssetReferences.ReasonsNotToPublishAsync(c, tx, id, number, ct));
        reasons.AddRange(await Trust.ArticleLinks.ReasonsNotToPublishAsync(c, tx, id, number, ct, arriving));
        reasons.AddRange(await Trust.CitationCheck.ReasonsNotToPublishAsync(c, tx, id, number, ct));
        reasons.AddRange(await Workflow.OpenTasks.ReasonsNotToPublishAsync(c, tx, id, number, ct));
        return reasons;
    }

    /// <param name="detail">What the audit row records besides the action (for example a grade override), or null.</param>
    public static async Task PublishAsync(NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, LockedArticle article, int number, CancellationToken ct, object? detail = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        var id = article.Id;
        await c.ExecuteAsync(new CommandDefinition(ManageSql.Publish, new { Id = id, Number = number }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ManageSql.RecordPublication,
            new { Id = id, Action = "published", Revision = (int?)number, Reason = (string?)null, ReplacementSlug = (string?)null }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ManageSql.CancelSchedule, new { Id = id, Outcome = "superseded by a publish" }, tx, cancellationToken: ct));
        await ClearFailureAsync(c, tx, id, "published by " + actor.Name, ct);
        await c.ExecuteAsync(new CommandDefinition(ManageSql.RefreshSearch, new { Id = id }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, actor, "article.published", id, number, detail, readersAffected: true, ct,
            feed: new FeedNote(article.Topic, null, null));
        await Trust.ArticleLinks.TellLinkingReadersAsync(c, tx, id, ct);
    }

    /// <summary>Unpublish (back to draft), archive, or unarchive; records why and notifies readers' caches.</summary>
    public static async Task SetStatusAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, LockedArticle article, string status, string action, WithdrawInput? why, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        await c.ExecuteAsync(new CommandDefinition(ManageSql.SetStatus, new { article.Id, Status = status }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ManageSql.RecordPublication,
            new { article.Id, Action = action, Revision = (int?)null, why?.Reason, why?.ReplacementSlug }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(ManageSql.CancelSchedule, new { article.Id, Outcome = "cancelled by " + action }, tx, cancellationToken: ct));
        var wasPublic = article.PublishedRevision is not null;
        if (wasPublic)
        {
            await c.ExecuteAsync(new CommandDefinition(ManageSql.RefreshSearch, new { article.Id }, tx, cancellationToken: ct));
        }

        await ChangeLog.RecordAsync(c, tx, actor, "article." + action, article.Id, article.PublishedRevision,
            why is null ? null : new { why.Reason, why.ReplacementSlug }, readersAffected: wasPublic || (why?.Reason is not null && article.EverPublished), ct,
            withReason: why?.Reason is not null, feed: new FeedNote(article.Topic, why?.Reason ?? action, why?.ReplacementSlug));
        if (wasPublic)
        {
            await Trust.ArticleLinks.TellLinkingReadersAsync(c, tx, article.Id, ct);
        }
    }

    /// <summary>
    /// A scheduled publication that failed its checks at the due time: the schedule keeps the reasons (shown on the article
    /// until cleared), the audit records article.publish_failed with them, and subscribers get the event of that name.
    /// </summary>
    public static async Task FailScheduleAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Actor actor, long scheduleId, Guid articleId, int revision, DateTimeOffset scheduledFor,
        IReadOnlyList<string> reasons, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(ManageSql.FailSchedule, new
        {
            Id = scheduleId,
            Outcome = string.Join(" ", reasons),
            Reasons = System.Text.Json.JsonSerializer.Serialize(reasons),
        }, tx, cancellationToken: ct));
        await ChangeLog.RecordAsync(c, tx, actor, PublishFailed, articleId, revision, new { ScheduledFor = scheduledFor, Reasons = reasons }, readersAffected: false, ct);
        await Webhooks.WebhookEvents.EnqueueAsync(c, tx, PublishFailed, articleId, revision, ct, new { scheduledFor = Http.Instants.Text(scheduledFor), reasons });
    }

    /// <summary>The audit action and webhook event of a scheduled publication that failed at its due time.</summary>
    public const string PublishFailed = "article.publish_failed";

    /// <summary>Closes the article's open publish failure, if any; returns it (null when there was none).</summary>
    public static Task<ClearedFailure?> ClearFailureAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, string clearedBy, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ClearedFailure>(new CommandDefinition(ManageSql.ClearFailure, new { Id = articleId, ClearedBy = clearedBy }, tx, cancellationToken: ct));

    public static Task<LockedArticle?> LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<LockedArticle>(new CommandDefinition(ManageSql.LockArticle, new { Id = id }, tx, cancellationToken: ct));
}

/// <summary>A publish failure as it was when it was cleared.</summary>
public sealed class ClearedFailure
{
    public int Revision { get; init; }
    public DateTime At { get; init; }
    public string? Reasons { get; init; }
}
