using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Caching;

/// <summary>
/// Published representations as ready bytes, bounded by size. Every invalidation bumps a generation, and a
/// response computed under an older generation is not stored, so a slow miss never brings back stale content.
/// </summary>
public sealed class ResponseCache(IOptions<CacheOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private readonly long _maxBytes = options.Value.MaxBytes;
    private long _bytes;
    private long _generation;
    private long _staleSince;

    public bool Enabled { get; } = options.Value.Enabled;

    public int CompressAbove { get; } = options.Value.CompressAbove;

    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>True while the invalidation channel is down: what is served may be out of date.</summary>
    public bool Stale => Interlocked.Read(ref _staleSince) != 0;

    public long Now => clock.GetTimestamp();

    public bool TryGet(string key, out CacheEntry entry) => _entries.TryGetValue(key, out entry!);

    public void Store(string key, CacheEntry entry, long generationAtStart)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!Enabled || entry.Size > _maxBytes / 4 || Generation != generationAtStart)
        {
            return;
        }

        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            Interlocked.Add(ref _bytes, -old.Size);
            return entry;
        });
        Interlocked.Add(ref _bytes, entry.Size);
        if (Generation != generationAtStart)
        {
            Remove(key);
        }

        if (Bytes > _maxBytes)
        {
            Evict();
        }
    }

    /// <summary>Drops what shows this article, and every collection.</summary>
    public void Invalidate(Guid articleId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
        {
            if (entry.ArticleId is null || entry.ArticleId == articleId)
            {
                Remove(key);
            }
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _entries.Keys)
        {
            Remove(key);
        }
    }

    public void MarkStale() => Interlocked.CompareExchange(ref _staleSince, Math.Max(1, clock.GetTimestamp()), 0);

    public void MarkFresh() => Interlocked.Exchange(ref _staleSince, 0);

    public TimeSpan Age(CacheEntry entry) => clock.GetElapsedTime(entry.StoredAt);

    private void Remove(string key)
    {
        if (_entries.TryRemove(key, out var old))
        {
            Interlocked.Add(ref _bytes, -old.Size);
        }
    }

    /// <summary>Drops the oldest entries until the cache is back under 80% of its bound.</summary>
    private void Evict()
    {
        foreach (var (key, _) in _entries.OrderBy(e => e.Value.StoredAt).ToList())
        {
            if (Bytes <= _maxBytes * 8 / 10)
            {
                break;
            }

            Remove(key);
        }
    }
}
