namespace KetamineContent.Api.Caching;

/// <summary>Section "Cache": the in-memory cache of published representations.</summary>
public sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound of the memory held: bodies, compressed variants, keys and per-entry overhead.</summary>
    public long MaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Bodies at least this long also get gzip and Brotli variants, made once when stored.</summary>
    public int CompressAbove { get; set; } = 1024;

    /// <summary>
    /// A backstop behind LISTEN/NOTIFY: an entry older than this is not served while invalidation works (a lost
    /// notification costs at most this long). While the LISTEN connection is down, entries are served stale instead.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 300;
}
