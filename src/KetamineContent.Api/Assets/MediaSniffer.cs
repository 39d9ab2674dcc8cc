using System.Buffers.Binary;
using System.Text;

namespace KetamineContent.Api.Assets;

/// <summary>What the bytes are (never the name or the client's header) and the size their header declares.</summary>
public sealed record SniffedMedia(string ContentType, string Extension, int? Width, int? Height)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    public bool IsRaster => IsImage && ContentType != MediaSniffer.Svg;
}

/// <summary>
/// Magic-byte detection of JPEG, PNG, WebP, AVIF, GIF, PDF and SVG, and the dimensions read from the header alone,
/// so a decompression bomb (a small file declaring a huge image) is refused without decoding a pixel.
/// </summary>
public static class MediaSniffer
{
    public const string Svg = "image/svg+xml";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static SniffedMedia? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            var (w, h) = JpegSize(b);
            return new("image/jpeg", "jpg", w, h);
        }

        if (b.Length >= 24 && b[..8].SequenceEqual(PngSignature) && b.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return new("image/png", "png", Positive(BinaryPrimitives.ReadUInt32BigEndian(b[16..])), Positive(BinaryPrimitives.ReadUInt32BigEndian(b[20..])));
        }

        if (b.Length >= 10 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)))
        {
            var (w, h) = GifSize(b);
            return new("image/gif", "gif", w, h);
        }

        if (b.Length >= 16 && b[..4].SequenceEqual("RIFF"u8) && b.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            var (w, h) = WebPSize(b);
            return new("image/webp", "webp", w, h);
        }

        if (b.Length >= 16 && b.Slice(4, 4).SequenceEqual("ftyp"u8) && IsAvifBrand(b))
        {
            var (w, h) = AvifSize(b);
            return new("image/avif", "avif", w, h);
        }

        if (b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8))
        {
            return new("application/pdf", "pdf", null, null);
        }

        return IsSvg(b) ? new(Svg, "svg", null, null) : null;
    }

    private static int? Positive(long value) => value is > 0 and <= int.MaxValue ? (int)value : null;

    /// <summary>The first start-of-frame marker's height and width.</summary>
    private static (int?, int?) JpegSize(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return (null, null);
            }

            var marker = b[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker is 0xD8 or 0x01 || marker is >= 0xD0 and <= 0xD7)
            {
                i += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                return (Positive(BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..])), Positive(BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..])));
            }

            if (length < 2)
            {
                return (null, null);
            }

            i += 2 + length;
        }

        return (null, null);
    }

    /// <summary>
    /// The logical screen grown to cover every frame's image descriptor (left + width, top + height): a decoder
    /// allocates the larger of the two, so a tiny screen cannot hide a huge frame.
    /// </summary>
    private static (int?, int?) GifSize(ReadOnlySpan<byte> b)
    {
        long width = BinaryPrimitives.ReadUInt16LittleEndian(b[6..]);
        long height = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        var i = 13;
        if (b.Length > 10 && b[10] >= 0x80)
        {
            i += 3 << ((b[10] & 7) + 1);
        }

        while (i < b.Length && b[i] != 0x3B)
        {
            if (b[i] == 0x2C && i + 10 <= b.Length)
            {
                width = Math.Max(width, BinaryPrimitives.ReadUInt16LittleEndian(b[(i + 1)..]) + (long)BinaryPrimitives.ReadUInt16LittleEndian(b[(i + 5)..]));
                height = Math.Max(height, BinaryPrimitives.ReadUInt16LittleEndian(b[(i + 3)..]) + (long)BinaryPrimitives.ReadUInt16LittleEndian(b[(i + 7)..]));
                var packed = b[i + 9];
                i += 10 + (packed >= 0x80 ? 3 << ((packed & 7) + 1) : 0) + 1; // descriptor, local colour table, LZW code size
            }
            else if (b[i] == 0x21)
            {
                i += 2; // introducer and label
            }
            else
            {
                break; // truncated or malformed: the extents seen so far stand
            }

            while (i < b.Length && b[i] != 0)
            {
                i += b[i] + 1; // data sub-blocks
            }

            i++;
        }

        return (Positive(width), Positive(height));
    }

    private static (int?, int?) WebPSize(ReadOnlySpan<byte> b)
    {
        var chunk = b.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8) && b.Length >= 30)
        {
            return (1 + (b[24] | (b[25] << 8) | (b[26] << 16)), 1 + (b[27] | (b[28] << 8) | (b[29] << 16)));
        }

        if (chunk.SequenceEqual("VP8L"u8) && b.Length >= 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8) && b.Length >= 30)
        {
            return (Positive(BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF), Positive(BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF));
        }

        return (null, null);
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

    /// <summary>The largest 'ispe' (image spatial extents) property: the primary image, or the whole of a grid.</summary>
    private static (int?, int?) AvifSize(ReadOnlySpan<byte> b)
    {
        long best = 0;
        (int?, int?) size = (null, null);
        var limit = Math.Min(b.Length, 64 * 1024);
        for (var i = 4; i + 16 <= limit; i++)
        {
            if (b.Slice(i, 4).SequenceEqual("ispe"u8))
            {
                var w = BinaryPrimitives.ReadUInt32BigEndian(b[(i + 8)..]);
                var h = BinaryPrimitives.ReadUInt32BigEndian(b[(i + 12)..]);
                if ((long)w * h > best)
                {
                    best = (long)w * h;
                    size = (Positive(w), Positive(h));
                }
            }
        }

        return size;
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
