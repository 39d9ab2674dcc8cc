
using System.Diagnostics.Metrics;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// What background work records as it happens: job rounds, webhook deliveries and the edge's purges. A static meter (the work is done
/// by classes with no telemetry of their own to inject); recording costs nothing when nobody listens.
/// </summary>
public static class WorkMetrics
{
    public const string MeterName = "KetamineContent.Work";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600];
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>("kc.job.runs", "{run}", "Rounds of background jobs (scheduled publication, sync pruning, ...), by job and outcome (ok, skipped).");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("kc.job.duration", "s", "How long a round of a background job took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<double> WebhookAttempt = Meter.CreateHistogram<double>("kc.webhook.attempt.duration", "s", "One webhook delivery attempt, by outcome (delivered, failed).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<double> OutboxLatency = Meter.CreateHistogram<double>("kc.outbox.delivery.latency", "s", "From the outbox event to its successful delivery, retries included.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Counter<long> EdgeSent = Meter.CreateCounter<long>("kc.edge.purges.sent", "{purge}", "Purges an edge destination acknowledged, by provider (varnish, fastly, cloudflare); one purge counts once per destination.");

    private static readonly Counter<long> EdgeFailed = Meter.CreateCounter<long>("kc.edge.purges.failed", "{attempt}", "Purge attempts an edge destination did not acknowledge (retried with backoff), by provider.");

    private static readonly Histogram<double> EdgeLatency = Meter.CreateHistogram<double>("kc.edge.purge.latency", "s", "From the commit of a reader-visible change to an edge destination's acknowledgement of its purge, retries included.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static void JobRound(string job, bool ok, TimeSpan took)
    {
        var name = new KeyValuePair<string, object?>("job", job);
        JobRuns.Add(1, name, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "skipped"));
        JobDuration.Record(took.TotalSeconds, name);
    }

    public static void WebhookAttempted(TimeSpan took, bool delivered, DateTime eventCreatedUtc)
    {
        WebhookAttempt.Record(took.TotalSeconds, new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));
        if (delivered)
        {
            OutboxLatency.Record(Math.Max(0, (DateTime.UtcNow - eventCreatedUtc.ToUniversalTime()).TotalSeconds));
        }
    }

    /// <param name="latencies">Seconds from each purge's commit to this acknowledgement.</param>
    public static void EdgePurgesAcknowledged(string provider, IEnumerable<double> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        var tag = new KeyValuePair<string, object?>("provider", provider);
        var count = 0;
        foreach (var seconds in latencies)
        {
            EdgeLatency.Record(Math.Max(0, seconds), tag);
            count++;
        }

        EdgeSent.Add(count, tag);
    }

    public static void EdgePurgeFailed(string provider) => EdgeFailed.Add(1, new KeyValuePair<string, object?>("provider", provider));

    
}
