using Dapper;
using KetamineContent.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// Samples the figures only the database knows, every Metrics:SampleIntervalSeconds: outbox depth and the age of its
/// oldest pending delivery, the same for the edge's purges, the sync feed head on the primary, and how many changes the feed this node's delivery reads
/// (a replica when configured and caught up) trails it by.
/// </summary>
public sealed class TelemetrySampler(NpgsqlDataSource primary, DeliverySource delivery, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<TelemetrySampler> logger)
    : PeriodicJob(clock, logger)
{
    private const string PrimarySql = """
        SELECT (SELECT count(*) FROM webhook_delivery WHERE status = 'pending') AS OutboxPending,
               coalesce((SELECT extract(epoch FROM now() - min(created_at)) FROM webhook_delivery WHERE status = 'pending'), 0)::float8 AS OutboxOldestSeconds,
               coalesce((SELECT last_seq FROM sync_state WHERE id = 1), 0) AS SyncHead,
               (SELECT count(*) FROM edge_purge) AS EdgePending,
               coalesce((SELECT extract(epoch FROM clock_timestamp() - min(created_at)) FROM edge_purge), 0)::float8 AS EdgeOldestSeconds
        """;

    private const string HeadSql = "SELECT coalesce((SELECT last_seq FROM sync_state WHERE id = 1), 0)";

    public Sample? Last { get; private set; }

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SampleIntervalSeconds);

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        Sample sample;
        await using (var c = await primary.OpenConnectionAsync(ct))
        {
            sample = await c.QuerySingleAsync<Sample>(new CommandDefinition(PrimarySql, cancellationToken: ct));
        }

        await using (var read = await delivery.OpenAsync(ct))
        {
            var head = await read.ExecuteScalarAsync<long>(new CommandDefinition(HeadSql, cancellationToken: ct));
            sample.SyncLag = Math.Max(0, sample.SyncHead - head);
        }

        Last = sample;
    }

    public sealed class Sample
    {
        public long OutboxPending { get; init; }

        public double OutboxOldestSeconds { get; init; }

        public long SyncHead { get; init; }

        /// <summary>Purges some configured edge destination has not acknowledged yet.</summary>
        public long EdgePending { get; init; }

        public double EdgeOldestSeconds { get; init; }

        public long SyncLag { get; set; }
    }
}
