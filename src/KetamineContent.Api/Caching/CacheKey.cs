using System.Text;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Caching;

/// <summary>
/// The key of a cached answer is the representation the endpoint will serve, parsed by the endpoints' own parsers:
/// the path, the other query parameters in name order, the format and fields (<see cref="Representation.Parse"/>, which
/// reads ?format=, ?fields= and Accept), and the locales to try (<see cref="LanguageNegotiation.Candidates"/>, from
/// ?locale= or Accept-Language). No raw header text goes into it, so two requests share a key only when they ask for the
/// same document. Unknown or repeated parameters never reach a stored entry: the endpoints answer them 400
/// (<see cref="Http.DeclaredQuery"/>).
/// </summary>
public static class CacheKey
{
    private static readonly string[] RepresentationParameters = ["format", "fields", "locale"];

    /// <summary>The key, or null when the request is one the endpoint refuses (400): such a request is never answered from, nor stored in, the cache.</summary>
    public static string? For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var key = new StringBuilder(request.Path.Value);
        var separator = '?';
        // The Infobutton ignores the standard's parameters it does not use: they are no part of its key either.
        var names = request.Path.StartsWithSegments("/v1/infobutton", StringComparison.Ordinal)
            ? query.Keys.Where(n => Clinical.InfobuttonRequest.Parameters.Contains(n, StringComparer.Ordinal))
            : query.Keys.Where(n => !RepresentationParameters.Contains(n, StringComparer.Ordinal));
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            foreach (var value in query[name])
            {
                key.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                separator = '&';
            }
        }

        key.Append('|');
        var locale = query["locale"];
        var (representation, _, _) = RepresentationParameters.Any(n => query[n].Count > 1) ? default
            : Representation.Parse(query["format"], query["fields"], request.Headers.Accept);
        if (representation is null || (locale.Count > 0 && !DeliveryRules.IsLocale(locale)))
        {
            return null;
        }

        key.Append(representation.Format).Append('|');
        if (representation.Fields is { } fields)
        {
            key.AppendJoin(',', fields.Order(StringComparer.Ordinal));
        }

        return key.Append('|').AppendJoin(',', LanguageNegotiation.Candidates(locale, request.Headers.AcceptLanguage)).ToString();
    }
}
