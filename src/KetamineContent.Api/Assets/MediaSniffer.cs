using System.Buffers.Binary;
using System.Text;

namespace KetamineContent.Api.Assets;

/// <summary>What the bytes are (never the name or the client's header). Sizes come from the decoder: see <see cref="ImageHeader"/>.</summary>
public sealed record SniffedMedia(string ContentType, string Extension)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    public bool IsRaster => IsImage && ContentType != MediaSniffer.Svg;
}

/// <summary>
/// Magic-byte detection of JPEG, PNG, WebP, AVIF, GIF, PDF and SVG: the type only. No size is read here (a byte scan
/// can be fooled by a decoy box or a patched marker); the decoder's own header read gives width, height and pages.
/// </summary>
public static class MediaSniffer
{
    public const string Svg = "image/svg+xml";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static SniffedMedia? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return new("image/jpeg", "jpg");
        }

        if (b.Length >= 24 && b[..8].SequenceEqual(PngSignature) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return new("image/png", "png");
        }

        if (b.Length >= 10 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            return new("image/gif", "gif");
        }

        if (b.Length >= 16 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return new("image/webp", "webp");
        }

        if (b.Length >= 16 && b.Slice(4, 4).SequenceEqual("ftyp"u8) && IsAvifBrand(b))
        {
            return new("image/avif", "avif");
        }

        if (b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8))
        {
            return new("application/pdf", "pdf");
        }

        return IsSvg(b) ? new(Svg, "svg") : null;
    }

    private static bool IsAvifBrand(ReadOnlySpan<byte> b)
    {
        var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(b), (uint)b.Length);
        for (var i = 8; i + 4 <= size; i += 4)
        {
            if (i == 12)
            {
                continue; // the minor version, not a brand
            }

            if (b.Slice(i, 4).SequenceEqual("avif"u8) || b.Slice(i, 4).SequenceEqual("avis"u8))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Text whose first element is an svg root (after an optional BOM, XML declaration, comments or doctype).</summary>
    private static bool IsSvg(ReadOnlySpan<byte> b)
    {
        var head = Encoding.UTF8.GetString(b[..Math.Min(b.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        while (head.StartsWith("<?", StringComparison.Ordinal) || head.StartsWith("<!", StringComparison.Ordinal))
        {
            var end = head.IndexOf('>', StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            head = head[(end + 1)..].TrimStart(' ', '\t', '\r', '\n');
        }

        return head.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) && head.Length > 4 && (char.IsWhiteSpace(head[4]) || head[4] == '>');
    }
}
