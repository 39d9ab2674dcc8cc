using System.Net;
using System.Net.Sockets;

namespace KetamineContent.Api.Webhooks;

/// <summary>Against SSRF: only http(s) targets, and none that resolve to loopback, private, link-local or unspecified addresses (unless allowed).</summary>
public static class TargetGuard
{
    public static bool IsHttpUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    /// <summary>Null when the target may be called; otherwise why not.</summary>
    public static async Task<string?> CheckAsync(string url, bool allowPrivate, CancellationToken ct)
    {
        if (!IsHttpUrl(url))
        {
            return "the target must be an absolute http or https URL";
        }

        if (allowPrivate)
        {
            return null;
        }

        var host = new Uri(url).Host;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return $"the host '{host}' does not resolve";
        }

        return addresses.Length == 0 ? $"the host '{host}' does not resolve"
            : addresses.Any(IsPrivate) ? $"the host '{host}' resolves to a loopback or private address" : null;
    }

    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224;
    }
}
