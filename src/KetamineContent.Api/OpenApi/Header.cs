using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace KetamineContent.Api.OpenApi;

/// <summary>The response headers the API sends, each with one description, schema and example for the contract.</summary>
internal static class Header
{
    public const string ETag = "ETag";
    public const string CacheControl = "Cache-Control";
    public const string Vary = "Vary";
    public const string SurrogateKey = "Surrogate-Key";
    public const string ContentLanguage = "Content-Language";
    public const string Age = "Age";
    public const string Warning = "Warning";
    public const string Link = "Link";
    public const string Location = "Location";
    public const string RetryAfter = "Retry-After";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    public const string AllowOrigin = "Access-Control-Allow-Origin";
    public const string RobotsTag = "X-Robots-Tag";
    public const string ContentSecurityPolicy = "Content-Security-Policy";
    public const string ContentDisposition = "Content-Disposition";
    public const string SetCookie = "Set-Cookie";

    private static readonly Dictionary<string, (string Description, JsonSchemaType Type, JsonNode Example)> Known = new(StringComparer.Ordinal)
    {
        [ETag] = ("Strong validator of this representation; send it back in If-None-Match (reads, 304) or If-Match (revision writes).", JsonSchemaType.String, "\"58-kUiFbjv9VA0z4G0JZxmhH\""),
        [CacheControl] = ("Public content: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600, stale-if-error=86400' (with Cdn:Provider set, s-maxage is Cdn:SharedMaxAgeSeconds, a day by default, " +
                          "and answers naming no Cache-Control of their own are 'private, no-store'); a 404 or 410 for an article URL: 'no-cache', or the public value with a provider; the sync feed: 'no-cache'; previews: 'private, no-store'; " +
                          "asset files: the same as public content for an original, 'public, max-age=31536000, immutable' for a rendition, 'private, no-store' while only editors may see the asset.",
            JsonSchemaType.String, Delivery.ResponseBytes.PublicCacheControl),
        [Vary] = ("The request headers that select the representation.", JsonSchemaType.String, "Accept, Accept-Encoding, Accept-Language"),
        [SurrogateKey] = ("Keys for CDN purges (space-separated; Cloudflare gets them comma-separated in Cache-Tag): article-<id> for one article's documents, slug-<slug> for every answer asked for by that slug " +
                          "(404 and 410 included), articles for lists, search, topics and the feed, asset-<id> for an asset's files.", JsonSchemaType.String,
            "article-6b1f0c1e000440008000000000000004 slug-ketamine-for-anxiety"),
        [ContentLanguage] = ("The locale of the translation that was served (sent for one article or section).", JsonSchemaType.String, "en"),
        [Age] = ("Seconds since the cached answer was made; sent only with a stale answer while the database is unreachable.", JsonSchemaType.Integer, 42),
        [Warning] = ("'110 - \"Response is Stale\"' while the database is unreachable and a cached answer is served.", JsonSchemaType.String, "110 - \"Response is Stale\""),
        [Link] = ("The next page, sent while there is one: <URL with cursor>; rel=\"next\".", JsonSchemaType.String,
            "</v1/articles?limit=20&cursor=eyJTIjoiLXB1Ymxpc2hlZCJ9>; rel=\"next\""),
        [Location] = ("Where the created resource answers GET (201); after a preview link's token was exchanged (303), the same URL without the token.", JsonSchemaType.String, "/v1/manage/articles/0f8e4c1a-5d2b-4e7f-9a31-2c6b8d4e0a17"),
        [RetryAfter] = ("Seconds to wait before retrying: until the rate-limit window ends (429), or while the database is unreachable (503).",
            JsonSchemaType.Integer, 30),
        [WwwAuthenticate] = ("The scheme to use: Bearer, with error=\"invalid_token\" when the key is unknown or revoked.", JsonSchemaType.String,
            "Bearer error=\"invalid_token\", error_description=\"The API key is unknown or revoked.\""),
        [ContentSecurityPolicy] = ("SVG files only: they are never rendered in this origin (no script runs).", JsonSchemaType.String, Assets.AssetDelivery.SvgPolicy),
        [ContentDisposition] = ("SVG files only: attachment, so that a browser downloads the file instead of showing it.", JsonSchemaType.String,
            "attachment; filename*=UTF-8''diagram.svg"),
        [SetCookie] = ("A preview link opened (303): kc_preview with the link's token, for this article's preview path only; HttpOnly, SameSite=Lax, Secure over https, expiring with the link. " +
                       "A refused cookie is cleared with the 401.", JsonSchemaType.String,
            "kc_preview=pv_K56MXEF6PkOLJh1MmnN_UA.Xq0eW4v6n0l9Yb3d2a7f4Q; expires=Thu, 03 Dec 2026 09:00:00 GMT; max-age=172800; path=/v1/preview/articles/ketamine-for-anxiety; samesite=lax; httponly"),
        [RobotsTag] = ("Previews: 'noindex', so a draft reached through a preview link is never indexed.", JsonSchemaType.String, Workflow.PreviewEndpoints.RobotsTag),
        [IdempotentReplayed] = ("'true' when this is the stored answer to an earlier request with the same Idempotency-Key (nothing was changed again).",
            JsonSchemaType.String, "true"),
    };

    /// <summary>Optional headers shared by many answers, declared once under components/headers: (component id, header, description, example).</summary>
    public static readonly (string Id, string Name, string Description, string Example)[] Shared =
    [
        (AllowOrigin, AllowOrigin, "The request's Origin, echoed when it is one of Security:CorsOrigins (CORS); absent otherwise.", "http://localhost:5173"),
        ("ErrorCacheControl", CacheControl, "Errors are not cached: 'no-cache,no-store' on errors raised while reading the request or by the store.", "no-cache,no-store"),
        ("ErrorPragma", "Pragma", "'no-cache', the HTTP/1.0 form of the Cache-Control above.", "no-cache"),
        ("ErrorExpires", "Expires", "'-1' (already expired), with the Cache-Control above.", "-1"),
        ("RateLimitPolicy", Access.RateLimits.PolicyHeader, "The limit this request counts against (IETF RateLimit-Policy): the policy ('per-key' on /v1/manage, " +
            "'per-address' on uncached public reads), q requests per window of w seconds. Sent while that limit is configured (RateLimits:*PerMinute > 0).",
            "\"per-key\";q=1200;w=60"),
        ("RateLimit", Access.RateLimits.Header, "What is left of that limit (IETF RateLimit): r requests remaining in this window, which resets in t seconds. " +
            "Sent with RateLimit-Policy.", "\"per-key\";r=1187;t=42"),
    ];

    /// <summary>A reference to a shared header, declared in the document's components on first use.</summary>
    public static OpenApiHeaderReference Reference(OpenApiDocument document, string id)
    {
        var (_, _, description, example) = Shared.Single(h => h.Id == id);
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers.TryAdd(id, new OpenApiHeader
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048 },
            Example = JsonValue.Create(example),
        });
        return new OpenApiHeaderReference(id, document);
    }

    public static OpenApiHeader Describe(string name, bool required)
    {
        var (description, type, example) = Known[name];
        var schema = new OpenApiSchema { Type = type };
        if (type == JsonSchemaType.Integer)
        {
            schema.Format = "int32";
            schema.Minimum = "0";
            schema.Maximum = "2147483647";
        }
        else
        {
            schema.MaxLength = 2048;
        }

        if (name == IdempotentReplayed)
        {
            schema.Enum = [JsonValue.Create("true")];
        }

        return new OpenApiHeader { Description = description, Required = required, Schema = schema, Example = example.DeepClone() };
    }
}
