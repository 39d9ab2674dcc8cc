namespace KetamineContent.Api.Assets;

/// <summary>Section "Assets": upload limits, the SVG policy, the rendition limits and queue, and the rendition cache.</summary>
public sealed class AssetOptions
{
    /// <summary>Largest upload in bytes (20 MiB).</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Most pixels an image may have (40 megapixels), as the decoder reads its header, before any pixel is decoded.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side an image may have (from the decoder's header read).</summary>
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>Most pages or frames a file may have (an animated GIF or WebP, a PDF when PDF renditions are on).</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>SVG is refused unless set; then it is served only as an attachment under a restrictive CSP.</summary>
    public bool AllowSvg { get; set; }

    /// <summary>Renditions made at the same time (more wait in the queue).</summary>
    public int MaxConcurrentRenditions { get; set; } = 2;

    /// <summary>Renditions that may wait for a slot; past that a variant request answers 503 with Retry-After.</summary>
    public int MaxQueuedRenditions { get; set; } = 16;

    /// <summary>Longest one rendition may take (loading the original included); libvips is stopped past it and the answer is 422.</summary>
    public double RenditionTimeoutSeconds { get; set; } = 10;

    /// <summary>PDF pages are rendered only when set, and only by a libvips with a PDF loader (the bundled one has none).</summary>
    public bool AllowPdfRenditions { get; set; }

    /// <summary>Bytes of renditions kept in memory.</summary>
    public long RenditionMemoryBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Bytes of renditions kept on disk; 0 keeps none there.</summary>
    public long RenditionDiskBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Where renditions are kept on disk (default: a folder under the system's temporary path).</summary>
    public string? RenditionDirectory { get; set; }
}
