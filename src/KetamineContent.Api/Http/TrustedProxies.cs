using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace KetamineContent.Api.Http;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are honoured only from the proxies and networks configured in
/// Security:TrustedProxies and Security:TrustedNetworks (none by default: then the headers are ignored). The client
/// address they give is what per-address rate limits partition by. X-Forwarded-Host and -Prefix are never used.
/// </summary>
public static class TrustedProxies
{
    public static bool IsValid(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TrustedProxies.All(p => IPAddress.TryParse(p, out _)) && options.TrustedNetworks.All(n => IPNetwork.TryParse(n, out _));
    }

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var security = app.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        if (security.TrustedProxies.Length == 0 && security.TrustedNetworks.Length == 0)
        {
            // With empty lists the middleware would trust every peer, so it is not added at all.
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in security.TrustedProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in security.TrustedNetworks)
        {
            options.KnownIPNetworks.Add(IPNetwork.Parse(network));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
