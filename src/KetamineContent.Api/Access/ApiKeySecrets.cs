using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KetamineContent.Api.Access;

/// <summary>
/// Keys are "kc_" + 32 random bytes (base64url). Only their SHA-256 is stored (a fast hash is right for
/// 256-bit random secrets); comparison is in constant time.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "kc_";

    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string DisplayPrefix(string key) => key.Length <= 10 ? key : key[..10];

    public static bool Matches(ReadOnlySpan<byte> storedHash, string presentedKey) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(presentedKey));
}
