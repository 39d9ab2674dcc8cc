using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KetamineContent.Api.Edge;

/// <summary>
/// Delivers the edge's outbox to every configured destination. Each round it prunes purges every destination has
/// acknowledged, then, for each destination with purges it has not acknowledged, leases the destination (so one API
/// node sends to it at a time; a lease left by a crashed node expires), coalesces the waiting purges' keys into as few
/// requests as the provider allows, and records the acknowledgement once every request was answered 2xx. A failure
/// leaves them waiting and backs that destination off (doubling, with jitter, up to Cdn:RetryMaxSeconds), never the
/// others; a send cut short by shutdown hands the destination back. Purges are idempotent: sending one twice is harmless.
/// </summary>
public sealed class PurgeSender(NpgsqlDataSource dataSource, IHttpClientFactory clients, IOptions<CdnOptions> options, ILogger<PurgeSender> logger)
    : BackgroundService
{
    public const string ClientName = "edge";

    private const int Take = 500;

    private readonly IReadOnlyList<PurgeTarget> _targets = PurgeTarget.For(options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("Edge purges paused this round: {Error}", ex.Message);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One round: prune what is done, then send to every destination that has purges waiting.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var names = _targets.Select(t => t.Name).ToArray();
        List<string> waiting;
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            if (names.Length == 0)
            {
                await c.ExecuteAsync(new CommandDefinition(EdgeSql.PruneWithoutDestinations, cancellationToken: ct));
                return;
            }

            await c.ExecuteAsync(new CommandDefinition(EdgeSql.Prune, new { Names = names }, cancellationToken: ct));

            waiting = (await c.QueryAsync<string>(new CommandDefinition(EdgeSql.Waiting, new { Names = names }, cancellationToken: ct))).AsList();
        }

        await Task.WhenAll(_targets.Where(t => waiting.Contains(t.Name, StringComparer.Ordinal)).Select(t => SendAsync(t, ct)));
    }

    private async Task SendAsync(PurgeTarget target, CancellationToken ct)
    {
        var o = options.Value;
        await using var c = await dataSource.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(EdgeSql.EnsureDestination, new { target.Name }, cancellationToken: ct));
        var attempts = await c.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(EdgeSql.Claim, new { target.Name, Lease = o.LeaseSeconds }, cancellationToken: ct));
        if (attempts is null)
        {
            return;
        }

        while (true)
        {
            var pending = (await c.QueryAsync<Pending>(new CommandDefinition(EdgeSql.Pending, new { target.Name, Take }, cancellationToken: ct))).AsList();
            if (pending.Count == 0)
            {
                await c.ExecuteAsync(new CommandDefinition(EdgeSql.Release, new { target.Name }, cancellationToken: ct));
                return;
            }

            var keys = pending.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal).ToList();
            string? error;
            try
            {
                error = await DeliverAsync(target, keys, o, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await using var released = await dataSource.OpenConnectionAsync(CancellationToken.None);
                await released.ExecuteAsync(new CommandDefinition(EdgeSql.Release, new { target.Name }));
                return;
            }

            if (error is not null)
            {
                Telemetry.WorkMetrics.EdgePurgeFailed(target.Provider);
                var delay = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Min(attempts.Value, 20))) * (0.75 + Random.Shared.NextDouble() * 0.5);
                logger.LogWarning("Edge purge to {Destination} failed ({Error}); {Count} purge(s) wait, retrying in {Delay:0.0} s", target.Name, error, pending.Count, delay);
                await c.ExecuteAsync(new CommandDefinition(EdgeSql.Failed, new { target.Name, Delay = delay, Error = error.Length > 500 ? error[..500] : error }, cancellationToken: CancellationToken.None));
                return;
            }

            var latencies = await c.QueryAsync<double>(new CommandDefinition(EdgeSql.Acknowledge, new { target.Name, Ids = pending.Select(p => p.Id).ToArray() }, cancellationToken: CancellationToken.None));
            Telemetry.WorkMetrics.EdgePurgesAcknowledged(target.Provider, latencies);
            attempts = 0;
            if (pending.Count < Take)
            {
                return;
            }
        }
    }

    /// <summary>Sends the keys in requests of at most the provider's size; null when every one was acknowledged.</summary>
    private async Task<string?> DeliverAsync(PurgeTarget target, List<string> keys, CdnOptions o, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        foreach (var chunk in keys.Chunk(target.MaxKeys))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
            try
            {
                using var request = target.Request(chunk);
                using var response = await client.SendAsync(request, timeout.Token);
                if (await target.RefusalAsync(response, timeout.Token) is { } refusal)
                {
                    return refusal;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return $"no answer within {o.TimeoutSeconds:0.#} s";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return ex.Message;
            }
        }

        return null;
    }

    private sealed class Pending
    {
        public long Id { get; init; }

        public string[] Keys { get; init; } = [];

        public DateTime CreatedAt { get; init; }
    }
}
