using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Http;

/// <summary>Section "Content": how the API is reached from outside.</summary>
public sealed class ContentOptions
{
    /// <summary>
    /// The public base URL (scheme, host, optional path) every absolute URL is built from, for example
    /// https://content.example.org. Unset: the listening address in Development, relative URLs elsewhere.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public static bool IsValidBase(string? url) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo));
}

/// <summary>Absolute URLs from configuration, never from the request (Host and X-Forwarded-* play no part).</summary>
public sealed class PublicUrls(IOptions<ContentOptions> options, IHostEnvironment environment, IServer server)
{
    private string? _base;

    /// <summary>The base URL and the path, or the path alone when no base is known (see <see cref="ContentOptions"/>).</summary>
    public string Absolute(string path) => Base() + path;

    private string Base()
    {
        if (_base is not null)
        {
            return _base;
        }

        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return _base = configured.TrimEnd('/');
        }

        if (!environment.IsDevelopment())
        {
            return _base = "";
        }

        // Development: the first listening address, once the server has one.
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is null ? "" : _base = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
