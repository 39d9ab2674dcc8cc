using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Writes;

/// <summary>Section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a stored answer replays for a retry with the same Idempotency-Key; older records are deleted.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>How often the records are pruned.</summary>
    public double PruneIntervalSeconds { get; set; } = 600;
}

/// <summary>
/// Deletes idempotency records (whole stored answers) older than Idempotency:RetentionHours. Runs on every node; one node
/// does each round (a transaction-scoped advisory lock, the others skip), in batches, so a backlog never holds one huge delete.
/// </summary>
public sealed class IdempotencyPruner(NpgsqlDataSource dataSource, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyPruner> logger)
    : Data.PeriodicJob(clock, logger)
{
    private const int Batch = 5000;
    private const int BatchesPerRound = 20;

    private const string ClaimRound = "SELECT pg_try_advisory_xact_lock(hashtextextended('idempotency pruner', 0))";

    private const string Prune = """
        DELETE FROM idempotency_record WHERE ctid IN (
            SELECT ctid FROM idempotency_record WHERE created_at < now() - make_interval(secs => @RetentionSeconds) LIMIT @Batch)
        """;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PruneIntervalSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => PruneAsync(ct);

    /// <summary>One round; answers the number of records deleted (0 when another node holds the round).</summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition(ClaimRound, transaction: tx, cancellationToken: ct)))
        {
            return 0;
        }

        var deleted = 0;
        for (var round = 0; round < BatchesPerRound; round++)
        {
            var rows = await c.ExecuteAsync(new CommandDefinition(Prune, new { RetentionSeconds = options.Value.RetentionHours * 3600, Batch }, tx, cancellationToken: ct));
            deleted += rows;
            if (rows < Batch)
            {
                break;
            }
        }

        await tx.CommitAsync(ct);
        if (deleted > 0)
        {
            Logger.LogInformation("Pruned {Count} idempotency record(s)", deleted);
        }

        return deleted;
    }
}
