namespace KetamineContent.Api.Caching;

/// <summary>Section "Cache": the in-memory cache of published representations.</summary>
public sealed class CacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Upper bound of the bytes held (plain plus compressed variants).</summary>
    public long MaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Bodies at least this long also get gzip and Brotli variants, made once when stored.</summary>
    public int CompressAbove { get; set; } = 1024;
}
