namespace KetamineContent.Api.Assets;

/// <summary>Section "Assets": upload limits, the SVG policy, libvips and the rendition cache.</summary>
public sealed class AssetOptions
{
    /// <summary>Largest upload in bytes (20 MiB).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most pixels an image may declare (40 megapixels); checked from the header, before any decoding.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side an image may declare.</summary>
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>SVG is refused unless set; then it is served only as an attachment under a restrictive CSP.</summary>
    public bool AllowSvg { get; set; }

    /// <summary>The libvips shared library renditions use.</summary>
    public string VipsLibrary { get; set; } = "libvips.so.42";

    /// <summary>Renditions made at the same time (more wait).</summary>
    public int MaxConcurrentRenditions { get; set; } = 2;

    /// <summary>Bytes of renditions kept in memory.</summary>
    public long RenditionMemoryBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Bytes of renditions kept on disk; 0 keeps none there.</summary>
    public long RenditionDiskBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Where renditions are kept on disk (default: a folder under the system's temporary path).</summary>
    public string? RenditionDirectory { get; set; }
}
