using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KetamineContent.Api.Caching;

/// <summary>Part of /health/ready: the LISTEN connection that invalidates the cache is up (or the cache is off).</summary>
internal sealed class ListenerHealthCheck(ChangeListener listener, ResponseCache cache) : IHealthCheck
{
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!cache.Enabled)
        {
            return HealthCheckResult.Healthy("cache disabled");
        }

        // Just after start the first LISTEN may still be on its way: wait for that attempt, briefly.
        await Task.WhenAny(listener.FirstAttempt, Task.Delay(StartupWait, cancellationToken));
        return listener.Listening
            ? HealthCheckResult.Healthy("listening for content changes")
            : HealthCheckResult.Unhealthy("not listening for content changes: cached content is served stale");
    }
}
