using System.ComponentModel;
using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using KetamineContent.Api.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Workflow;

/// <summary>
/// GET /v1/preview/articles[/{slug}]: the latest revision, drafts included, in exactly the delivery shape, for a front end's
/// draft mode. Authorised by a key of any role (previewer or higher) or, for one article, by the cookie a preview link sets
/// (<see cref="PreviewLinkCookie"/>).
/// Never cached: these paths are outside the response cache, and every answer says private, no-store and noindex.
/// </summary>
public static class PreviewEndpoints
{
    public const string CacheControl = "private, no-store";
    public const string RobotsTag = "noindex";

    public static RouteGroupBuilder MapPreview(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/preview/articles").WithTags("Preview").RequireRateLimiting(RateLimits.PerAddress)
            .AddEndpointFilter(async (context, next) =>
            {
                var response = context.HttpContext.Response;
                response.OnStarting(() =>
                {
                    response.Headers.CacheControl = CacheControl;
                    response.Headers["X-Robots-Tag"] = RobotsTag;
                    return Task.CompletedTask;
                });
                return await next(context);
            });

        group.MapGet("/", List).OnlyDeclaredQueryParameters().WithName("ListPreviewArticles")
            .WithSummary("List the latest revisions of articles, drafts included (previewer key)")
            .WithDescription("Summaries in the delivery list shape, most recently changed first; archived articles are left out. A preview link does not list.")
            .ProducesProblem(400).ProducesProblem(401).PagedByLink().WithMetadata(new PreviewAnswer(TokenAllowed: false));
        group.MapGet("/{slug}", Get).AddEndpointFilter(PreviewLinkCookie.ExchangeAsync).OnlyDeclaredQueryParameters().WithName("PreviewArticleBySlug")
            .WithSummary("The latest revision of an article, drafts included, exactly as delivery would serve it (previewer key or preview link cookie)")
            .WithDescription("revision=n previews that revision; locale and format work as on GET /v1/articles/{slug}. Authorised by a key (any role) or, " +
                             "for that article only, by the kc_preview cookie a preview link sets. A preview link (the url of POST /v1/manage/articles/{id}/preview-links) " +
                             "is this URL with ?token=pv_...: opening it is answered 303 to this URL without the token, setting the cookie (HttpOnly, SameSite=Lax, " +
                             "Secure over https, for this path, expiring with the link), so the credential stays in no URL; the operation itself takes no token. " +
                             "A front end's server may send the cookie itself. An invalid, expired or revoked link or cookie is 401. " +
                             "Answers carry Cache-Control: private, no-store and X-Robots-Tag: noindex.")
            .Produces(StatusCodes.Status200OK, typeof(object), JsonLd.ContentType)
            .Produces(StatusCodes.Status303SeeOther)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).WithMetadata(new PreviewAnswer(TokenAllowed: true));
        return group;
    }

    public static async Task<Results<Ok<ArticlePage>, ProblemHttpResult, ChallengeHttpResult>> List(
        [Description("Only articles in this locale, for example en or de-CH.")] string? locale,
        [Description("Page size, 1 to 100. Default 20.")] int? limit,
        [Description("The nextCursor of the previous page.")] string? cursor,
        PreviewReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (!HasKey(user))
        {
            return TypedResults.Challenge();
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(LocaleMessage, "locale");
        }

        if (Problems.Limit(limit, 100) is { } badLimit)
        {
            return badLimit;
        }

        if (!PreviewReader.IsCursor(cursor))
        {
            return Problems.BadRequest("'cursor' is not a cursor this list handed out.", "cursor");
        }

        var page = await reader.ListAsync(locale, limit ?? 20, cursor, ct);
        if (PageLinks.Next(http.Request, page.NextCursor) is { } link)
        {
            http.Response.Headers.Link = link;
        }

        return TypedResults.Ok(page);
    }

    public static async Task<Results<Ok<ArticleDocument>, ContentHttpResult, ProblemHttpResult, ChallengeHttpResult>> Get(
        [Description("The article's slug.")] string slug,
        [Description("A revision number; default the latest.")] int? revision,
        [Description("Preferred locale (else Accept-Language); falls back to en.")] string? locale,
        [Description("markdown (default), html, text or jsonld.")] string? format,
        PreviewReader reader, ArticleReader delivery, PublicUrls urls, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        Microsoft.Extensions.Options.IOptions<Clinical.PublisherOptions> publisher, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (representation, parameter, error) = Representation.Parse(format, null, http.Request.Headers.Accept);
        if (representation is null)
        {
            return Problems.BadRequest(error!, parameter);
        }

        if (locale is not null && !DeliveryRules.IsLocale(locale))
        {
            return Problems.BadRequest(LocaleMessage, "locale");
        }

        if (revision is < 1)
        {
            return Problems.BadRequest("'revision' must be a revision number (1 or more).", "revision");
        }

        // A key reads any article; without one, the cookie a preview link set opens that link's article.
        var token = HasKey(user) ? null : PreviewLinkCookie.Read(http.Request);
        if (token is null && !HasKey(user))
        {
            return TypedResults.Challenge();
        }

        var notFound = Problems.NotFound($"No article that can be previewed has the slug '{slug}'" + (revision is null ? "." : $" and a revision {revision}."));
        if (!DeliveryRules.IsSlug(slug))
        {
            return notFound;
        }

        ArticleDocument? article;
        if (token is not null)
        {
            var link = await reader.LinkAsync(token, ct);
            if (link is null || !reader.IsOpen(link))
            {
                return PreviewLinkCookie.Refuse(http);
            }

            // A link opens its own article and nothing else: the revision it names, or else the latest one (never an
            // older revision through ?revision=).
            if (link.Slug != slug || (locale is not null && locale != link.Locale) || (revision is not null && revision != link.Revision))
            {
                return notFound;
            }

            article = await reader.ByIdAsync(link.ArticleId, revision ?? link.Revision, ct);
        }
        else
        {
            article = await reader.BySlugAsync(slug, LanguageNegotiation.Candidates(locale, http.Request.Headers.AcceptLanguage), revision, ct);
        }

        if (article is null)
        {
            return notFound;
        }

        http.Response.Headers.ContentLanguage = article.Locale;
        // What readers will get, publisher included (the delivered shape, byte for byte).
        article = representation.Apply(Trust.LinkRendering.ForReaders(article, urls)) with { Publisher = publisher.Value.Document() };
        if (representation.IsJsonLd)
        {
            var node = JsonLd.For(article, await delivery.TopicAsync(article.Topic, ct), urls.Absolute($"/v1/articles/{article.Slug}"));
            return TypedResults.Content(node.ToJsonString(json.Value.SerializerOptions), JsonLd.ContentType);
        }

        return TypedResults.Ok(article);
    }

    private const string LocaleMessage = "'locale' must look like 'en' or 'de-CH'.";

    /// <summary>Every key's role is previewer or higher, so any valid key may preview.</summary>
    private static bool HasKey(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && Roles.All.Any(user.IsInRole);
}

/// <summary>Endpoint metadata: a preview answer (private, no-store, noindex), documented as such in OpenAPI; a key is needed unless a token may stand in.</summary>
public sealed record PreviewAnswer(bool TokenAllowed);
