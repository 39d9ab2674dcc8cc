using System.Collections.Concurrent;

namespace KetamineContent.Api.Access;

/// <summary>
/// Valid API keys by the hash of their secret, so an authenticated request costs no database round trip. Used only
/// while this node's LISTEN connection is up (<see cref="Caching.ChangeListener"/> opens and closes it): a revocation
/// commits with <c>pg_notify('api_key_changed', id)</c>, which drops the key on every node, and the revoking node drops
/// it right after its commit. Emptied whenever the connection is (re)established, since notifications may have been
/// missed; entries are re-read after a minute as a backstop. Unknown or revoked keys are never stored.
/// </summary>
public sealed class KeyCache(TimeProvider clock)
{
    public const string Channel = "api_key_changed";
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private volatile bool _open;

    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string hash, out (Guid Id, string Name, string Role) key)
    {
        key = default;
        if (!_open || !_entries.TryGetValue(hash, out var entry) || clock.GetElapsedTime(entry.StoredAt) > MaxAge)
        {
            return false;
        }

        key = entry.Key;
        return true;
    }

    /// <summary>Stores what a lookup that began at <paramref name="generation"/> found, unless a key was dropped since.</summary>
    public void Store(string hash, (Guid Id, string Name, string Role) key, long generation)
    {
        if (!_open || Generation != generation)
        {
            return;
        }

        _entries[hash] = new Entry(key, clock.GetTimestamp());
        if (Generation != generation)
        {
            _entries.TryRemove(hash, out _);
        }
    }

    public void Drop(Guid id)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Key.Id == id)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>The LISTEN connection is up: start from nothing.</summary>
    public void Open()
    {
        Clear();
        _open = true;
    }

    /// <summary>The LISTEN connection is down: revocations could go unheard, so every lookup goes to the database.</summary>
    public void Close()
    {
        _open = false;
        Clear();
    }

    private void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private readonly record struct Entry((Guid Id, string Name, string Role) Key, long StoredAt);
}
