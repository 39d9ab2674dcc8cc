using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Sync;

/// <summary>Section "Sync".</summary>
public sealed class SyncOptions
{
    /// <summary>Changes older than this are dropped from the feed; a cursor from before them gets 410.</summary>
    public double RetentionDays { get; set; } = 90;

    /// <summary>How often the feed is pruned.</summary>
    public double PruneIntervalSeconds { get; set; } = 3600;
}

/// <summary>Keeps the sync feed from growing forever: drops changes older than Sync:RetentionDays and moves the horizon past them.</summary>
public sealed class SyncFeedPruner(NpgsqlDataSource dataSource, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncFeedPruner> logger)
    : Data.PeriodicJob(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PruneIntervalSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => PruneAsync(ct);

    public async Task PruneAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(SyncSql.Prune, new { RetentionSeconds = options.Value.RetentionDays * 86400 }, cancellationToken: ct));
    }
}
