using System.Buffers.Binary;
using System.Text;

namespace KetamineContent.Tests.Infrastructure;

/// <summary>Real images (made by NetVips) whose headers are patched to lie about their size: the reproductions of issue 22.</summary>
public static class LyingImages
{
    /// <summary>
    /// The AVIF with a top-level 'free' box inserted after 'ftyp', holding a fake 'ispe' (image spatial extents) of
    /// decoyWidth x decoyHeight and padding to more than 64 KiB, so the real 'meta' (and its 'ispe') starts past it.
    /// The item locations ('iloc') are moved by the inserted length, so the file still decodes at its real size.
    /// </summary>
    public static byte[] AvifWithDecoy(byte[] avif, int decoyWidth, int decoyHeight, int padding = 70 * 1024)
    {
        ArgumentNullException.ThrowIfNull(avif);
        var ftypSize = (int)BinaryPrimitives.ReadUInt32BigEndian(avif);
        Assert.Equal("ftyp", Encoding.ASCII.GetString(avif, 4, 4));
        var decoy = new byte[8 + 20 + padding];
        BinaryPrimitives.WriteUInt32BigEndian(decoy, (uint)decoy.Length);
        "free"u8.CopyTo(decoy.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(decoy.AsSpan(8), 20);
        "ispe"u8.CopyTo(decoy.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(decoy.AsSpan(20), (uint)decoyWidth);
        BinaryPrimitives.WriteUInt32BigEndian(decoy.AsSpan(24), (uint)decoyHeight);

        byte[] result = [.. avif.AsSpan(0, ftypSize), .. decoy, .. avif.AsSpan(ftypSize)];
        MoveItemLocations(result, decoy.Length);
        return result;
    }

    /// <summary>The JPEG with its first start-of-frame marker saying width x height.</summary>
    public static byte[] JpegWithFrameSize(byte[] jpeg, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var bytes = (byte[])jpeg.Clone();
        var i = 2;
        while (i + 9 < bytes.Length)
        {
            var marker = bytes[i + 1];
            if (marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC))
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), (ushort)width);
                return bytes;
            }

            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(i + 2));
        }

        throw new InvalidOperationException("no start-of-frame marker");
    }

    /// <summary>The WebP with its VP8X canvas saying width x height (the frame inside keeps its real size).</summary>
    public static byte[] WebPWithCanvas(byte[] webp, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(webp);
        Assert.Equal("VP8X", Encoding.ASCII.GetString(webp, 12, 4));
        var bytes = (byte[])webp.Clone();
        WriteUInt24(bytes, 24, width - 1);
        WriteUInt24(bytes, 27, height - 1);
        return bytes;
    }

    /// <summary>A WebP with a VP8X header (an ICC profile asks libvips' saver for one).</summary>
    public static byte[] ExtendedWebP(int width, int height)
    {
        using var black = NetVips.Image.Black(width, height, bands: 3);
        using var image = black.Linear([1, 1, 1], [40, 120, 200]).Cast(NetVips.Enums.BandFormat.Uchar);
        using var tagged = image.IccTransform("srgb");
        var webp = tagged.WriteToBuffer(".webp[Q=50]");
        return Encoding.ASCII.GetString(webp, 12, 4) == "VP8X" ? webp : throw new InvalidOperationException("libvips wrote a simple WebP");
    }

    /// <summary>The PNG with its IHDR saying width x height (and a correct CRC, so the lie is well formed).</summary>
    public static byte[] PngWithSize(byte[] png, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(png);
        var bytes = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        return bytes;
    }

    /// <summary>The GIF with its logical screen saying width x height.</summary>
    public static byte[] GifWithScreen(byte[] gif, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gif);
        var bytes = (byte[])gif.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
        return bytes;
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteUInt24(byte[] bytes, int at, int value)
    {
        bytes[at] = (byte)value;
        bytes[at + 1] = (byte)(value >> 8);
        bytes[at + 2] = (byte)(value >> 16);
    }

    /// <summary>Adds delta to every file offset in the 'iloc' box (ISO/IEC 14496-12, 8.11.3), in place.</summary>
    private static void MoveItemLocations(byte[] file, int delta)
    {
        var at = IndexOf(file, "iloc"u8) - 4;
        Assert.True(at > 0, "no iloc box");
        var p = at + 8;
        var version = file[p];
        p += 4;
        var offsetSize = file[p] >> 4;
        var lengthSize = file[p] & 15;
        var baseOffsetSize = file[p + 1] >> 4;
        var indexSize = version is 1 or 2 ? file[p + 1] & 15 : 0;
        p += 2;
        var items = version < 2 ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(p)) : (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(p));
        p += version < 2 ? 2 : 4;
        for (var item = 0; item < items; item++)
        {
            p += version < 2 ? 2 : 4; // item_ID
            var construction = 0;
            if (version is 1 or 2)
            {
                construction = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(p)) & 15;
                p += 2;
            }

            p += 2; // data_reference_index
            var fileOffsets = construction == 0;
            if (baseOffsetSize > 0 && fileOffsets)
            {
                Add(file, p, baseOffsetSize, delta);
            }

            p += baseOffsetSize;
            var extents = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(p));
            p += 2;
            for (var e = 0; e < extents; e++)
            {
                p += indexSize;
                if (baseOffsetSize == 0 && fileOffsets)
                {
                    Add(file, p, offsetSize, delta);
                }

                p += offsetSize + lengthSize;
            }
        }
    }

    private static void Add(byte[] file, int at, int size, int delta)
    {
        if (size == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)) + (uint)delta);
        }
        else if (size == 8)
        {
            BinaryPrimitives.WriteUInt64BigEndian(file.AsSpan(at), BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at)) + (ulong)delta);
        }
        else
        {
            throw new InvalidOperationException($"an iloc offset of {size} bytes");
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
