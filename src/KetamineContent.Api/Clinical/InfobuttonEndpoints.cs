using System.Text;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Clinical;

/// <summary>
/// GET /v1/infobutton: patient education for the code on an EHR's screen, as the HL7 Infobutton URL-based standard asks
/// for it. Public, cached and purged like the other collections (any article change), rate-limited per address.
/// </summary>
public static class InfobuttonEndpoints
{
    public static RouteGroupBuilder MapInfobutton(this IEndpointRouteBuilder routes)
    {
        // No OnlyDeclaredQueryParameters: the standard's other parameters (patientPerson.*, taskContext.c.c, performer ...) are ignored, not refused.
        var group = routes.MapGroup("/v1/infobutton").WithTags("Infobutton").RequireRateLimiting(Access.RateLimits.PerAddress);
        group.MapGet("/", Lookup).WithName("Infobutton")
            .WithSummary("HL7 Infobutton knowledge request: published articles for an ICD-10-CM, SNOMED CT or RxNorm code")
            .WithDescription("An ICD-10-CM code matches the topics and articles coded with it or, failing that, with its nearest ancestor (F32.9 → F32). " +
                             "Each entry: title, link (Content:ArticleUrlTemplate, else the API's article URL), id, updated, summary and the review dates. " +
                             "The feed's categories echo the request. A code that matches nothing is an empty feed; a malformed request is 400. " +
                             $"At most {InfobuttonSql.MaxEntries} entries.")
            .Produces(StatusCodes.Status200OK, typeof(string), "application/atom+xml")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<JsonBytes<InfobuttonJson>, ProblemHttpResult>> Lookup(
        [AsParameters] InfobuttonParameters parameters, InfobuttonReader reader, ResponseBytes bytes, PublicUrls urls,
        IOptions<InfobuttonOptions> options, IOptions<PublisherOptions> publisher, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (request, problem) = InfobuttonRequest.Parse(http.Request.Query);
        if (request is null)
        {
            return problem!;
        }

        var rows = await reader.FindAsync(request, ct);
        var entries = rows.Select(r => InfobuttonFeed.Entry(r, options.Value.Link(r.Locale, r.Slug) ?? urls.Absolute($"/v1/articles/{r.Slug}"))).ToList();
        var echoed = InfobuttonRequest.Parameters.Where(p => p != InfobuttonRequest.ResponseTypeParameter)
            .Select(p => (Scheme: p, Term: http.Request.Query[p].ToString())).Where(c => c.Term.Length > 0).ToList();
        var about = request.Code is { } code ? $"{(request.System is { } s ? CodeSystems.Name(s) : request.Oid)} {code}" : $"\"{request.DisplayName}\"";
        var who = publisher.Value.Document();
        var answer = new InfobuttonAnswer(
            urls.Absolute("/v1/infobutton?" + string.Join('&', echoed.Select(c => Uri.EscapeDataString(c.Scheme) + "=" + Uri.EscapeDataString(c.Term)))),
            who.Name, $"{who.Name} results for {about}",
            entries.Count > 0 ? entries.Max(e => e.Updated) : DateTimeOffset.UnixEpoch,
            request.Locale, who, echoed, entries);
        return request.Json
            ? bytes.Create(InfobuttonFeed.Json(answer))
            : bytes.Bytes<InfobuttonJson>(InfobuttonFeed.Atom(answer), InfobuttonFeed.AtomContentType);
    }
}

/// <summary>Section "Content": where readers read an article (the link of an Infobutton entry).</summary>
public sealed class InfobuttonOptions
{
    /// <summary>An absolute URL with {slug} and optionally {locale}, for example https://example.org/{locale}/{slug}; unset: the API's article URL.</summary>
    public string? ArticleUrlTemplate { get; set; }

    public string? Link(string locale, string slug) =>
        string.IsNullOrWhiteSpace(ArticleUrlTemplate) ? null : new StringBuilder(ArticleUrlTemplate).Replace("{locale}", locale).Replace("{slug}", slug).ToString();

    public static bool IsValid(string? template) =>
        string.IsNullOrWhiteSpace(template) || (template.Contains("{slug}", StringComparison.Ordinal)
                                                && Uri.TryCreate(template.Replace("{slug}", "s", StringComparison.Ordinal).Replace("{locale}", "en", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                                                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
