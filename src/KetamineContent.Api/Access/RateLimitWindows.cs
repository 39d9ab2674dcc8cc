namespace KetamineContent.Api.Access;

/// <summary>
/// Fixed one-minute windows counted per partition (an API key or a client address); a partition's window starts with
/// its first request, as the framework's fixed-window limiter did. Knowing where each window ends is what lets every
/// answer announce how much is left and when it resets. Expired windows are dropped once a minute.
/// </summary>
public sealed class RateLimitWindows(TimeProvider clock)
{
    public const int WindowSeconds = 60;
    private const long WindowMs = WindowSeconds * 1000L;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>Takes one request from the partition's window: allowed or not, what remains, seconds until the window resets (at least 1).</summary>
    public RateLimitOutcome Take(string partition, int limit)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (now >= _nextSweep)
            {
                foreach (var (key, expired) in _windows.Where(w => now >= w.Value.Start + WindowMs).ToList())
                {
                    _windows.Remove(key, out _);
                }

                _nextSweep = now + WindowMs;
            }

            if (!_windows.TryGetValue(partition, out var window) || now >= window.Start + WindowMs)
            {
                window = new Window(now, 0);
            }

            var reset = (int)Math.Max(1, Math.Ceiling((window.Start + WindowMs - now) / 1000.0));
            if (window.Used >= limit)
            {
                return new RateLimitOutcome(false, 0, reset);
            }

            _windows[partition] = window with { Used = window.Used + 1 };
            return new RateLimitOutcome(true, limit - window.Used - 1, reset);
        }
    }

    private readonly record struct Window(long Start, int Used);
}

public readonly record struct RateLimitOutcome(bool Allowed, int Remaining, int ResetSeconds);
