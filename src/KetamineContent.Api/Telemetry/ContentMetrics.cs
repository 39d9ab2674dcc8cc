using System.Diagnostics.Metrics;
using KetamineContent.Api.Caching;
using KetamineContent.Api.Data;

namespace KetamineContent.Api.Telemetry;

/// <summary>
/// The host's own observable figures, read when metrics are collected: the published cache, the LISTEN connection,
/// where delivery reads went, and the database figures the sampler last saw. Created from the host's meter factory,
/// so they end with the host.
/// </summary>
public sealed class ContentMetrics
{
    public const string MeterName = "KetamineContent";

    public ContentMetrics(IMeterFactory meters, ResponseCache cache, ChangeListener listener, DeliverySource delivery, TelemetrySampler sampler)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("kc.cache.hits", () => cache.Hits, "{hit}", "Public reads answered from the published cache.");
        meter.CreateObservableCounter("kc.cache.misses", () => cache.Misses, "{miss}", "Cacheable public reads that went on to the database.");
        meter.CreateObservableGauge("kc.cache.entries", () => cache.Count, "{entry}", "Entries in the published cache.");
        meter.CreateObservableGauge("kc.cache.size", () => cache.Bytes, "By", "What the published cache holds, as counted against Cache:MaxBytes.");
        meter.CreateObservableGauge("kc.cache.listener.up", () => listener.Listening ? 1 : 0, "{connection}", "1 while the LISTEN connection for cache invalidation is up, else 0.");
        meter.CreateObservableCounter("kc.db.delivery.reads", () => new[]
        {
            new Measurement<long>(delivery.PrimaryReads, new KeyValuePair<string, object?>("source", "primary")),
            new Measurement<long>(delivery.ReplicaReads, new KeyValuePair<string, object?>("source", "replica")),
        }, "{read}", "Public delivery reads by the database they went to.");
        meter.CreateObservableGauge("kc.outbox.pending", () => Sampled(sampler, s => s.OutboxPending), "{delivery}", "Webhook deliveries not yet delivered or given up (sampled).");
        meter.CreateObservableGauge("kc.outbox.oldest_pending.age", () => Sampled(sampler, s => s.OutboxOldestSeconds), "s", "Age of the oldest pending webhook delivery (sampled).");
        meter.CreateObservableGauge("kc.edge.purges.pending", () => Sampled(sampler, s => s.EdgePending), "{purge}", "Purges some edge destination (Cdn:Provider) has not acknowledged yet (sampled).");
        meter.CreateObservableGauge("kc.edge.purges.oldest_pending.age", () => Sampled(sampler, s => s.EdgeOldestSeconds), "s", "Age of the oldest purge not yet acknowledged by every edge destination (sampled).");
        meter.CreateObservableGauge("kc.sync.head", () => Sampled(sampler, s => s.SyncHead), "{change}", "Number of the newest change in the sync feed on the primary (sampled).");
        meter.CreateObservableGauge("kc.sync.lag", () => Sampled(sampler, s => s.SyncLag), "{change}", "How many changes the feed this node's sync reads see trails the primary by (sampled; 0 without a replica).");
    }

    private static IEnumerable<Measurement<T>> Sampled<T>(TelemetrySampler sampler, Func<TelemetrySampler.Sample, T> value)
        where T : struct =>
        sampler.Last is { } sample ? [new Measurement<T>(value(sample))] : [];
}
