using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Editing;

/// <summary>
/// Applies scheduled publications that have come due. The schedule lives in the database, so it survives
/// restarts. Like every command it locks the article first, then the schedule row (one lock order, so it never
/// deadlocks with a publishing command); busy articles are skipped (SKIP LOCKED), so several nodes never apply one twice.
/// One that fails its checks at the due time is audited and raised as article.publish_failed with its reasons, and shown
/// on the article until it is acknowledged, rescheduled or the article published.
/// </summary>
public sealed class ScheduledPublisher(NpgsqlDataSource dataSource, IOptions<ReviewOptions> options, TimeProvider clock, ILogger<ScheduledPublisher> logger)
    : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SchedulerIntervalSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => RunDueAsync(ct);

    /// <summary>Applies due publications one transaction each (one article lock, then the feed number, as every command).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var applied = 0;
        while (await TransactionConflicts.RetryOnceAsync(() => RunOneAsync(ct), () => Task.CompletedTask))
        {
            applied++;
        }

        if (applied > 0)
        {
            Logger.LogInformation("Applied {Count} scheduled publication(s)", applied);
        }

        return applied;
    }

    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var item = await c.QuerySingleOrDefaultAsync<DueRow>(new CommandDefinition(ManageSql.DueSchedule, transaction: tx, cancellationToken: ct));
        if (item is null)
        {
            return false;
        }

        if (await c.ExecuteScalarAsync<long?>(new CommandDefinition(ManageSql.ClaimSchedule, new { item.Id }, tx, cancellationToken: ct)) is null)
        {
            return true;
        }

        var locked = (await Publisher.LockAsync(c, tx, item.ArticleId, ct))!;
        var reasons = locked.Status == "archived"
            ? ["The article was archived."]
            : await Publisher.ReasonsNotToPublishAsync(c, tx, item.ArticleId, item.Revision, Clock.GetUtcNow(), ct);
        var actor = new Actor(item.KeyId, "scheduled by " + item.Actor, "system");
        if (reasons.Count > 0)
        {
            await Publisher.FailScheduleAsync(c, tx, actor, item.Id, item.ArticleId, item.Revision, Delivery.DeliveryMapping.Utc(item.At), reasons, ct);
            Logger.LogWarning("The scheduled publication of article {ArticleId} revision {Revision} failed: {Reasons}", item.ArticleId, item.Revision, string.Join(" ", reasons));
        }
        else
        {
            await c.ExecuteAsync(new CommandDefinition(ManageSql.FinishSchedule, new { item.Id, State = "done", Outcome = "published" }, tx, cancellationToken: ct));
            await Publisher.PublishAsync(c, tx, actor, locked, item.Revision, ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }

    private sealed class DueRow
    {
        public long Id { get; init; }
        public Guid ArticleId { get; init; }
        public int Revision { get; init; }
        public DateTime At { get; init; }
        public Guid? KeyId { get; init; }
        public string Actor { get; init; } = "";
    }
}
