using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KetamineContent.Api.Sync;

/// <summary>
/// Where a client is in the feed. Snapshot phase: the high-water mark taken before the first page and the last
/// id sent; delta phase: the last feed number seen. Filters are bound into the cursor. Signed with HMAC-SHA256,
/// so a tampered cursor is refused rather than misread.
/// </summary>
public sealed record SyncCursor(bool Snapshot, long Seq, Guid? AfterId, string? Topic, string? Locale)
{
    private const int TagBytes = 16;

    public string Encode(byte[] secret)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Wire(Snapshot ? "s" : "d", Seq, AfterId, Topic, Locale));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Tag(secret, payload));
    }

    public static SyncCursor? Decode(string text, byte[] secret)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (text.Length > 1024 || dot <= 0)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            var tag = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
            if (!CryptographicOperations.FixedTimeEquals(tag, Tag(secret, payload)))
            {
                return null;
            }

            var wire = JsonSerializer.Deserialize<Wire>(payload);
            return wire is { P: "s" or "d", N: >= 0 } ? new SyncCursor(wire.P == "s", wire.N, wire.A, wire.T, wire.L) : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static byte[] Tag(byte[] secret, byte[] payload) => HMACSHA256.HashData(secret, payload)[..TagBytes];

    private sealed record Wire(string P, long N, Guid? A, string? T, string? L);
}
