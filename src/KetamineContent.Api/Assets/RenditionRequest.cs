using System.Globalization;

namespace KetamineContent.Api.Assets;

/// <summary>
/// A rendition asked for by w, h, fit, fm and q, with sizes snapped up to a few steps and quality to tens, so URLs
/// cannot be used to fill the cache with near-duplicates. fm=auto is resolved from Accept: AVIF, else WebP, else JPEG.
/// </summary>
public sealed record RenditionRequest(int? Width, int? Height, string Fit, string Format, int Quality, bool Negotiated)
{
    public static readonly int[] Steps = [64, 128, 256, 320, 480, 640, 800, 960, 1280, 1600, 1920, 2560];

    /// <summary>The widths a srcset offers.</summary>
    public static readonly int[] SrcsetWidths = [320, 640, 960, 1280, 1920];

    public string ContentType => Format switch
    {
        "webp" => "image/webp",
        "avif" => "image/avif",
        "png" => "image/png",
        _ => "image/jpeg",
    };

    /// <summary>The libvips save suffix with its options; metadata (EXIF, GPS, XMP, ICC comments) is always stripped.</summary>
    public string SaveSuffix => Format switch
    {
        "webp" => $".webp[Q={Quality},keep=none]",
        "avif" => $".avif[Q={Quality},keep=none,effort=2]",
        "png" => ".png[keep=none]",
        _ => $".jpg[Q={Quality},keep=none,optimize_coding,interlace]",
    };

    public string Key => string.Create(CultureInfo.InvariantCulture, $"w{Width}h{Height}{Fit}.{Format}.q{Quality}");

    public static bool IsRendition(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ContainsKey("w") || query.ContainsKey("h") || query.ContainsKey("fit") || query.ContainsKey("fm") || query.ContainsKey("q");
    }

    public static (RenditionRequest? Value, string? Parameter, string? Error) Parse(IQueryCollection query, string? accept)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (width, wError) = Size(query, "w");
        var (height, hError) = Size(query, "h");
        if ((wError ?? hError) is { } error)
        {
            return (null, wError is null ? "h" : "w", error);
        }

        var fit = query["fit"].ToString() is { Length: > 0 } f ? f : "inside";
        if (fit is not ("cover" or "contain" or "inside"))
        {
            return (null, "fit", "'fit' must be cover, contain or inside.");
        }

        var format = query["fm"].ToString() is { Length: > 0 } fm ? fm : "auto";
        if (format is not ("auto" or "webp" or "avif" or "jpeg" or "png"))
        {
            return (null, "fm", "'fm' must be auto, webp, avif, jpeg or png.");
        }

        var quality = 80;
        if (query["q"].ToString() is { Length: > 0 } q && (!int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out quality) || quality is < 1 or > 100))
        {
            return (null, "q", "'q' must be a whole number from 1 to 100.");
        }

        var negotiated = format == "auto";
        if (negotiated)
        {
            format = Accepts(accept, "image/avif") ? "avif" : Accepts(accept, "image/webp") ? "webp" : "jpeg";
        }

        quality = format == "png" ? 100 : Math.Min(100, (quality + 9) / 10 * 10); // PNG is lossless: quality would only split the cache
        return (new RenditionRequest(width, height, fit, format, quality, negotiated), null, null);
    }

    private static (int? Value, string? Error) Size(IQueryCollection query, string name)
    {
        if (query[name].ToString() is not { Length: > 0 } text)
        {
            return (null, null);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 10_000)
        {
            return (null, $"'{name}' must be a whole number of pixels from 1 to 10000.");
        }

        return (Steps.FirstOrDefault(s => s >= value, Steps[^1]), null);
    }

    private static bool Accepts(string? accept, string mediaType) =>
        accept is not null && accept.Split(',').Select(p => p.Split(';')).Any(p =>
            string.Equals(p[0].Trim(), mediaType, StringComparison.OrdinalIgnoreCase)
            && !p.Skip(1).Any(x => x.Trim().Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));
}
