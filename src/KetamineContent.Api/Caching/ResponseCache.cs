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
    private readonly TimeSpan _maxAge = TimeSpan.FromSeconds(options.Value.MaxAgeSeconds);
    private long _bytes;
    private long _generation;
    private long _staleSince;
    private long _hits;
    private long _misses;

    public bool Enabled { get; } = options.Value.Enabled;

    public int CompressAbove { get; } = options.Value.CompressAbove;

    public long Generation => Interlocked.Read(ref _generation);

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Cacheable reads answered from here, and those that went on to the endpoint (telemetry).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public void CountHit() => Interlocked.Increment(ref _hits);

    public void CountMiss() => Interlocked.Increment(ref _misses);

    /// <summary>True while the invalidation channel is down: what is served may be out of date.</summary>
    public bool Stale => Interlocked.Read(ref _staleSince) != 0;

    public long Now => clock.GetTimestamp();

    /// <summary>An entry older than Cache:MaxAgeSeconds is a miss (and dropped), unless invalidation is down and stale serving is all there is.</summary>
    public bool TryGet(string key, out CacheEntry entry)
    {
        if (!_entries.TryGetValue(key, out entry!))
        {
            return false;
        }

        if (Stale || clock.GetElapsedTime(entry.StoredAt) <= _maxAge)
        {
            return true;
        }

        if (_entries.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -SizeOf(key, entry));
        }

        return false;
    }

    /// <summary>What an entry costs under this key: the entry and the key's characters.</summary>
    public static long SizeOf(string key, CacheEntry entry) => 2L * key.Length + entry.Size;

    public void Store(string key, CacheEntry entry, long generationAtStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        if (!Enabled || SizeOf(key, entry) > _maxBytes / 4 || Generation != generationAtStart)
        {
            return;
        }

        _entries.AddOrUpdate(key, entry, (_, old) =>
        {
            Interlocked.Add(ref _bytes, -SizeOf(key, old));
            return entry;
        });
        Interlocked.Add(ref _bytes, SizeOf(key, entry));
        if (Generation != generationAtStart)
        {
            Remove(key);
        }

        if (Bytes > _maxBytes)
        {
            Evict();
        }
    }

    /// <summary>Drops what shows this article, what was asked for by its slug (in any locale: translation fallbacks), and every collection.</summary>
    public void Invalidate(Guid articleId, string? slug)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
        {
            if (entry.ArticleId is null || entry.ArticleId == articleId || (slug is not null && string.Equals(entry.Slug, slug, StringComparison.Ordinal)))
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
            Interlocked.Add(ref _bytes, -SizeOf(key, old));
        }
    }

    /// <summary>
    /// Drops the oldest entries until the cache is back under 80% of its bound. The snapshot is taken with
    /// ConcurrentDictionary.ToArray (atomic): LINQ over the dictionary reads Count and then copies, and a concurrent
    /// store between the two can throw ArgumentException (the suspected cause of a rare 500 under a flood of URLs).
    /// </summary>
    private void Evict()
    {
        foreach (var (key, _) in _entries.ToArray().OrderBy(e => e.Value.StoredAt))
        {
            if (Bytes <= _maxBytes * 8 / 10)
            {
                break;
            }

            Remove(key);
        }
    }
}
