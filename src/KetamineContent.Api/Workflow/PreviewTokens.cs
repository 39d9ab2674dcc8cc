using System.Buffers.Text;
using System.Security.Cryptography;

namespace KetamineContent.Api.Workflow;

/// <summary>
/// A preview link's token: "pv_" + its id + "." + an HMAC-SHA256 tag of the id under the database's preview secret. A
/// forged or altered token fails the tag check before the database is asked; revocation and expiry live in the row.
/// </summary>
public static class PreviewTokens
{
    private const string Prefix = "pv_";
    private const int TagBytes = 16;

    public static string For(Guid linkId, byte[] secret)
    {
        var id = linkId.ToByteArray();
        return Prefix + Base64Url.EncodeToString(id) + "." + Base64Url.EncodeToString(Tag(secret, id));
    }

    public static bool TryRead(string? token, byte[] secret, out Guid linkId)
    {
        linkId = Guid.Empty;
        if (token is null || token.Length > 100 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        try
        {
            var id = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length, dot - Prefix.Length));
            var tag = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
            if (id.Length != 16 || !CryptographicOperations.FixedTimeEquals(tag, Tag(secret, id)))
            {
                return false;
            }

            linkId = new Guid(id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Tag(byte[] secret, byte[] id) => HMACSHA256.HashData(secret, id)[..TagBytes];
}
