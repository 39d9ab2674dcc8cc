using KetamineContent.Api.Data;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Caching;

/// <summary>
/// LISTENs for content changes on a dedicated connection and drops the affected cache entries. While that
/// connection is down the cache is marked stale (served with Age and Warning); when it is back, everything is
/// dropped, since notifications may have been missed.
/// </summary>
public sealed class ChangeListener(ContentDatabase database, ResponseCache cache, DeliverySource delivery, Access.KeyCache keys, ChangeBarrier barrier, ILogger<ChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Listening { get; private set; }

    /// <summary>Completes when the first connection attempt has succeeded or failed.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cache.Enabled)
        {
            return;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            Timeout = 3,
            ApplicationName = "ketaminecontent-listener",
        }.ConnectionString;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var source = new NpgsqlDataSourceBuilder(connectionString) { Name = "listener" }.Build();
                await using var connection = source.CreateConnection();
                await connection.OpenAsync(stoppingToken);
                var changed = new List<(Guid Id, string? Slug)>();
                var barriers = new List<string>();
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == Access.KeyCache.Channel)
                    {
                        keys.Drop(Guid.TryParse(e.Payload, out var key) ? key : Guid.Empty);
                    }
                    else if (ChangeBarrier.IsBarrier(e.Payload, out var token))
                    {
                        barriers.Add(token);
                    }
                    else if (ChangeLog.TryParse(e.Payload, out var id, out var slug))
                    {
                        cache.Invalidate(id, slug);
                        changed.Add((id, slug));
                    }
                    else
                    {
                        cache.Clear();
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + ChangeLog.Channel + "; LISTEN " + Access.KeyCache.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Clear();
                cache.MarkFresh();
                keys.Open();
                Listening = true;
                barrier.Listening = true;
                _firstAttempt.TrySetResult();
                logger.LogInformation("Listening for content changes");
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                    if (delivery.HasReplica && changed.Count > 0)
                    {
                        // Two phases: a miss between the first drop and here may have read a lagging replica, so once the
                        // replica must have replayed the primary's current position, drop those entries again.
                        await using var position = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
                        delivery.Require((NpgsqlTypes.NpgsqlLogSequenceNumber)(await position.ExecuteScalarAsync(stoppingToken))!);
                        foreach (var (id, slug) in changed)
                        {
                            cache.Invalidate(id, slug);
                        }
                    }

                    changed.Clear();
                    foreach (var token in barriers)
                    {
                        barrier.Seen(token);
                    }

                    barriers.Clear();
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Listening = false;
                barrier.Listening = false;
                barrier.ReleaseAll();
                keys.Close();
                _firstAttempt.TrySetResult();
                cache.MarkStale();
                logger.LogWarning("Change notifications interrupted ({Error}); serving cached content as stale until the database is back", ex.Message);
                await Task.Delay(RetryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
