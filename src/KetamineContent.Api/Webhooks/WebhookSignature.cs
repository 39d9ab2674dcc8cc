using System.Security.Cryptography;
using System.Text;

namespace KetamineContent.Api.Webhooks;

/// <summary>Standard Webhooks signing: secret "whsec_" + base64 key; signature "v1," + base64(HMAC-SHA256(key, "id.timestamp.body")).</summary>
public static class WebhookSignature
{
    public const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }
}
