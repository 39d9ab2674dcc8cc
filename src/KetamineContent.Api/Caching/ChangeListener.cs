using KetamineContent.Api.Data;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Caching;

/// <summary>
/// LISTENs for content changes on a dedicated connection and drops the affected cache entries. While that
/// connection is down the cache is marked stale (served with Age and Warning); when it is back, everything is
/// dropped, since notifications may have been missed.
/// </summary>
public sealed class ChangeListener(ContentDatabase database, ResponseCache cache, ILogger<ChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public bool Listening { get; private set; }

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
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Guid.TryParse(e.Payload, out var id))
                    {
                        cache.Invalidate(id);
                    }
                    else
                    {
                        cache.Clear();
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + ChangeLog.Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Clear();
                cache.MarkFresh();
                Listening = true;
                logger.LogInformation("Listening for content changes");
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Listening = false;
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
