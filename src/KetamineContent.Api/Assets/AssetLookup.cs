using System.Collections.Concurrent;
using KetamineContent.Api.Caching;

namespace KetamineContent.Api.Assets;

/// <summary>
/// An asset's row, remembered while a published revision uses it until the next content change (the published
/// cache's generation moves on every change notification), so a cached rendition is served without the database.
/// </summary>
public sealed class AssetLookup(AssetStore store, ResponseCache cache)
{
    private readonly ConcurrentDictionary<Guid, (AssetPublicRow Row, long Generation)> _known = new();

    public async Task<AssetPublicRow?> FindAsync(Guid id, CancellationToken ct)
    {
        var generation = cache.Generation;
        // Only "public" is remembered: a publish must show its images at once, while withdrawals follow the
        // change notification like every cached article does.
        if (cache.Enabled && !cache.Stale && _known.TryGetValue(id, out var known) && known.Row.Public && known.Generation == generation)
        {
            return known.Row;
        }

        var row = await store.WithPublicAsync(id, ct);
        if (row is null)
        {
            _known.TryRemove(id, out _);
            return null;
        }

        if (_known.Count > 10_000)
        {
            _known.Clear();
        }

        _known[id] = (row, generation);
        return row;
    }
}
