using System.Buffers.Binary;

namespace KetamineContent.Api.Assets;

/// <summary>
/// Drops the EXIF and XMP chunks from a WebP file and clears their flags. libvips 8.14's WebP saver writes an EXIF
/// chunk even with strip set (only its own defaults once the image's fields are removed, but a chunk all the same).
/// </summary>
public static class WebPChunks
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[] StripMetadata(byte[] webp)
    {
        ArgumentNullException.ThrowIfNull(webp);
        if (webp.Length < 12 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            return webp;
        }

        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        var at = 12;
        while (at + 8 <= webp.Length)
        {
            var fourCc = webp.AsSpan(at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            var total = 8 + size + (size & 1);
            if (size < 0 || at + total > webp.Length)
            {
                return webp; // not a file this code understands: leave it as libvips wrote it
            }

            if (!fourCc.SequenceEqual("EXIF"u8) && !fourCc.SequenceEqual("XMP "u8))
            {
                var start = (int)output.Position;
                output.Write(webp, at, total);
                if (fourCc.SequenceEqual("VP8X"u8))
                {
                    output.GetBuffer()[start + 8] &= unchecked((byte)~(ExifFlag | XmpFlag));
                }
            }

            at += total;
        }

        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }
}
