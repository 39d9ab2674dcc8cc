using System.Net;
using System.Net.Sockets;

namespace KetamineContent.Api.Webhooks;

/// <summary>
/// Against SSRF: only http(s) targets, and only globally routable unicast addresses (unless private targets are
/// allowed). The check runs where the connection is made (<see cref="ConnectCallback"/>): the host is resolved
/// once, every address is checked, and the socket connects to those very addresses, so a name that resolves
/// elsewhere a moment later (DNS rebinding) gains nothing.
/// </summary>
public static class TargetGuard
{
    /// <summary>
    /// The IANA IPv4 and IPv6 special-purpose address registries, multicast, and the translation and tunnelling
    /// prefixes that lead to other addresses (NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo
    /// 2001::/32 inside 2001::/23). IPv6 outside 2000::/3 (global unicast) is refused as well.
    /// </summary>
    private static readonly (byte[] Network, int Bits)[] Refused = Ranges(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20",
        "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private static readonly (byte[] Network, int Bits) GlobalUnicast = Range("2000::/3");

    public static bool IsHttpUrl(string? url) =>
        url is { Length: <= 2000 } && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    /// <summary>Null when the target may be called; otherwise why not (checked when a subscription is saved).</summary>
    public static async Task<string?> CheckAsync(string url, bool allowPrivate, CancellationToken ct) =>
        !IsHttpUrl(url) ? "the target must be an absolute http or https URL" : (await ResolveAsync(new Uri(url).Host, allowPrivate, ct)).Refusal;

    /// <summary>The addresses of a host, or why none of them may be called.</summary>
    public static async Task<(IPAddress[] Addresses, string? Refusal)> ResolveAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            return ([], $"the host '{host}' does not resolve");
        }

        if (addresses.Length == 0)
        {
            return ([], $"the host '{host}' does not resolve");
        }

        return !allowPrivate && addresses.FirstOrDefault(IsPrivate) is { } refused
            ? ([], $"the host '{host}' resolves to {refused}, a loopback, private or special-purpose address")
            : (addresses, null);
    }

    /// <summary>For the webhook client's SocketsHttpHandler: resolve once, check, connect to the checked addresses.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivate) =>
        async (context, ct) =>
        {
            var (addresses, refusal) = await ResolveAsync(context.DnsEndPoint.Host, allowPrivate, ct);
            if (refusal is not null)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "refused at connect: " + refusal);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>True for any address a webhook may not reach: everything but globally routable unicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return (address.AddressFamily == AddressFamily.InterNetworkV6 && !Within(bytes, GlobalUnicast))
               || Refused.Any(r => Within(bytes, r));
    }

    private static bool Within(byte[] address, (byte[] Network, int Bits) range)
    {
        if (address.Length != range.Network.Length)
        {
            return false;
        }

        for (var bit = 0; bit < range.Bits; bit += 8)
        {
            var mask = range.Bits - bit >= 8 ? 0xFF : (byte)(0xFF << (8 - (range.Bits - bit)));
            if ((address[bit / 8] & mask) != (range.Network[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static (byte[] Network, int Bits)[] Ranges(params string[] cidrs) => cidrs.Select(Range).ToArray();

    private static (byte[] Network, int Bits) Range(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return (IPAddress.Parse(cidr[..slash]).GetAddressBytes(), int.Parse(cidr[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
