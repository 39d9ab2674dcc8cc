using Npgsql;

namespace KetamineContent.Api.Data;

/// <summary>
/// A background job run every interval on every node. A round that cannot reach the database is skipped (logged)
/// and the next one tries again, so an outage never stops the job.
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round of the job.</summary>
    protected abstract Task RunRoundAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : Interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = Clock.GetTimestamp();
            try
            {
                await RunRoundAsync(stoppingToken);
                Telemetry.WorkMetrics.JobRound(GetType().Name, ok: true, Clock.GetElapsedTime(started));
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                Telemetry.WorkMetrics.JobRound(GetType().Name, ok: false, Clock.GetElapsedTime(started));
                Logger.LogWarning("{Job} skipped a round: {Error}", GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(interval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
