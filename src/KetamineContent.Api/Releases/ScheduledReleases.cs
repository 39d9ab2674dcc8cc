using Dapper;
using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Editing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Releases;

/// <summary>
/// Publishes scheduled releases that have come due, one transaction each. The schedule lives in the release row, so it
/// survives restarts; a release another node holds is skipped (SKIP LOCKED). One that cannot be published any more goes
/// back to open with the reasons in its outcome (audited as release.publish_failed).
/// </summary>
public sealed class ScheduledReleases(NpgsqlDataSource dataSource, IOptions<ReviewOptions> options, TimeProvider clock, ILogger<ScheduledReleases> logger)
    : PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SchedulerIntervalSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => RunDueAsync(ct);

    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var applied = 0;
        while (await TransactionConflicts.RetryOnceAsync(() => RunOneAsync(ct), () => Task.CompletedTask))
        {
            applied++;
        }

        if (applied > 0)
        {
            Logger.LogInformation("Applied {Count} scheduled release(s)", applied);
        }

        return applied;
    }

    private async Task<bool> RunOneAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var id = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition(ReleaseSql.Due, transaction: tx, cancellationToken: ct));
        if (id is not Guid releaseId)
        {
            return false;
        }

        var release = (await ReleaseStore.GetAsync(c, tx, releaseId, ct))!;
        var actor = new Actor(release.ScheduledKeyId, "scheduled by " + release.ScheduledActor, "system");
        var (outcome, checks) = await ReleasePublisher.PublishAsync(c, tx, actor, release, Clock.GetUtcNow(), ct);
        if (ReleaseCommands.Refusal(outcome, checks) is { } refused)
        {
            var why = (refused.ProblemDetails.Detail ?? "").Length > 4000 ? refused.ProblemDetails.Detail![..4000] : refused.ProblemDetails.Detail;
            await ReleaseStore.ExecuteAsync(c, tx, ReleaseSql.SetFailed, new { Id = releaseId, Outcome = why }, ct);
            await ReleaseStore.RecordAsync(c, tx, actor, "release.publish_failed", releaseId, new { reason = why }, ct);
        }

        await tx.CommitAsync(ct);
        return true;
    }
}
