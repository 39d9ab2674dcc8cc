namespace KetamineContent.Api.Edge;

/// <summary>Section "Cdn": the edge in front of the API, which the API purges when readers' answers change.</summary>
public sealed class CdnOptions
{
    public const string NoProvider = "none";
    public const string VarnishProvider = "varnish";
    public const string FastlyProvider = "fastly";
    public const string CloudflareProvider = "cloudflare";

    public static readonly IReadOnlyList<string> Providers = [NoProvider, VarnishProvider, FastlyProvider, CloudflareProvider];

    /// <summary>none (default: no purges, short shared freshness), varnish, fastly or cloudflare.</summary>
    public string Provider { get; set; } = NoProvider;

    /// <summary>With a provider, how long the edge keeps an answer (s-maxage): purges make it fresh, not the TTL.</summary>
    public int SharedMaxAgeSeconds { get; set; } = 86400;

    /// <summary>How often each node looks for purges not yet acknowledged.</summary>
    public double PollIntervalSeconds { get; set; } = 0.25;

    /// <summary>First retry delay after a destination failed; each further one doubles (with jitter) up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 0.5;

    public double RetryMaxSeconds { get; set; } = 10;

    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>How long one node holds a destination while it sends, before another node may try it.</summary>
    public double LeaseSeconds { get; set; } = 30;

    public VarnishOptions Varnish { get; set; } = new();

    public FastlyOptions Fastly { get; set; } = new();

    public CloudflareOptions Cloudflare { get; set; } = new();

    public bool Enabled => Provider != NoProvider;

    public sealed class VarnishOptions
    {
        /// <summary>One base URL per Varnish node (Cdn__Varnish__Nodes__0=http://10.0.0.5:6081); each gets every purge.</summary>
        public List<string> Nodes { get; set; } = [];
    }

    public sealed class FastlyOptions
    {
        public string ServiceId { get; set; } = "";

        public string Token { get; set; } = "";

        /// <summary>Fastly's API; another base URL only for a local stand-in in tests.</summary>
        public string BaseUrl { get; set; } = "https://api.fastly.com";
    }

    public sealed class CloudflareOptions
    {
        public string ZoneId { get; set; } = "";

        public string Token { get; set; } = "";

        /// <summary>Cloudflare's API; another base URL only for a local stand-in in tests.</summary>
        public string BaseUrl { get; set; } = "https://api.cloudflare.com/client/v4";
    }

    /// <summary>Every reason this configuration cannot run; empty when it can.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Providers.Contains(Provider, StringComparer.Ordinal))
        {
            yield return $"Cdn:Provider must be one of {string.Join(", ", Providers)} (not '{Provider}').";
        }

        if (SharedMaxAgeSeconds < 1)
        {
            yield return "Cdn:SharedMaxAgeSeconds must be at least 1.";
        }

        if (Provider == VarnishProvider && (Varnish.Nodes.Count == 0 || !Varnish.Nodes.All(IsHttpUrl)))
        {
            yield return "Cdn:Varnish:Nodes must list at least one http(s) base URL (Cdn__Varnish__Nodes__0=http://10.0.0.5:6081).";
        }

        if (Provider == FastlyProvider && (Fastly.ServiceId.Length == 0 || Fastly.Token.Length == 0 || !IsHttpUrl(Fastly.BaseUrl)))
        {
            yield return "Cdn:Fastly:ServiceId and Cdn:Fastly:Token are required with Cdn:Provider=fastly.";
        }

        if (Provider == CloudflareProvider && (Cloudflare.ZoneId.Length == 0 || Cloudflare.Token.Length == 0 || !IsHttpUrl(Cloudflare.BaseUrl)))
        {
            yield return "Cdn:Cloudflare:ZoneId and Cdn:Cloudflare:Token are required with Cdn:Provider=cloudflare.";
        }

        if (PollIntervalSeconds <= 0 || RetryBaseSeconds <= 0 || RetryMaxSeconds < RetryBaseSeconds || TimeoutSeconds <= 0 || LeaseSeconds <= TimeoutSeconds)
        {
            yield return "Cdn: intervals must be positive, RetryMaxSeconds at least RetryBaseSeconds, LeaseSeconds longer than TimeoutSeconds.";
        }
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
