using System.ComponentModel;
using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Assets;

/// <summary>GET /v1/assets/{id}/{filename}: the original or a rendition, cached and immutable.</summary>
public static class AssetDelivery
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string EditorsOnly = "private, no-store";

    /// <summary>An SVG may carry script: it is only ever downloaded, never rendered in our origin.</summary>
    public const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Get(
        Guid id,
        [Description("The asset's file name, as its url gives it.")] string filename,
        [Description("Width in pixels (snapped up to a step).")] int? w,
        [Description("Height in pixels (snapped up to a step).")] int? h,
        [Description("cover (crop around the focal point), contain or inside (fit within w x h; the default).")] string? fit,
        [Description("auto (AVIF or WebP by Accept, else JPEG), webp, avif, jpeg or png.")] string? fm,
        [Description("Quality 1..100 (rounded up to a multiple of ten; default 80).")] int? q,
        HttpContext http, AssetLookup lookup, AssetStore store, ImageEngine engine, RenditionCache renditions, Edge.EdgePolicy edge,
        Microsoft.Extensions.Options.IOptions<AssetOptions> options, CancellationToken ct)
    {
        var asset = await lookup.FindAsync(id, ct);
        if (asset is null || asset.Filename != filename || !MaySee(http.User, asset))
        {
            return Problems.NotFound($"No public asset has the id {id} and the name '{filename}'.");
        }

        var row = asset;
        var cacheControl = asset.Public ? Immutable : EditorsOnly;
        if (asset.Public)
        {
            // Purged when the asset changes or stops being public (no published revision uses it any more).
            edge.Tag(http.Response.Headers, Edge.EdgeKeys.Asset(id));
        }

        if (!RenditionRequest.IsRendition(http.Request.Query))
        {
            // An original stops being public when no published revision uses it: short-lived, never immutable.
            if (NotModified(http, row.ETag, asset.Public ? edge.PublicCacheControl : EditorsOnly))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            if (row.ContentType == MediaSniffer.Svg)
            {
                http.Response.Headers.ContentSecurityPolicy = SvgPolicy;
                http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = row.Filename }.ToString();
            }

            return TypedResults.File(await store.ContentAsync(row, ct), row.ContentType);
        }

        var (request, parameter, error) = RenditionRequest.Parse(http.Request.Query, http.Request.Headers.Accept);
        if (request is null)
        {
            return Problems.BadRequest(error!, parameter);
        }

        if (!row.IsRaster && row.ContentType != "application/pdf")
        {
            return Problems.BadRequest("Renditions are made of raster images and PDFs only; request this file without w, h, fit, fm or q.");
        }

        if (row.ContentType == "application/pdf" && !options.Value.AllowPdfRenditions)
        {
            return Problems.BadRequest("PDF renditions are turned off here (Assets:AllowPdfRenditions); request the PDF without w, h, fit, fm or q.");
        }

        if (row.ContentType == "application/pdf" && !ImageEngine.HasPdfLoader)
        {
            return Problems.Unprocessable("This server's libvips has no PDF loader (the bundled NetVips.Native has none), so no PDF page is rendered; request the PDF without w, h, fit, fm or q.");
        }

        if (request.Negotiated)
        {
            http.Response.Headers.Vary = "Accept";
        }

        var key = RenditionCache.KeyFor(row, request, engine.Version);
        if (NotModified(http, "\"r" + key + "\"", cacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        try
        {
            // The original is read only once a rendition slot is held (no bytes or connection held while waiting).
            var rendition = await renditions.GetOrMakeAsync(key, request.ContentType,
                token => engine.RenderAsync(load => store.ContentAsync(row, load), new FocalPoint(row.FocalX, row.FocalY), request, token), ct);
            return TypedResults.File(rendition.Bytes, rendition.ContentType);
        }
        catch (RenditionsBusyException busy)
        {
            DropRepresentationHeaders(http);
            http.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(busy.Message + " Retry after the time Retry-After gives.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Renditions busy");
        }
        catch (Exception ex) when (ex is RenditionException or RenditionTimeoutException or RenditionLimitException)
        {
            DropRepresentationHeaders(http);
            return Problems.Unprocessable(ex.Message + " The original is served without w, h, fit, fm or q.");
        }
    }

    /// <summary>A problem answer is not the rendition: no ETag or Vary of it (set before the rendition was tried).</summary>
    private static void DropRepresentationHeaders(HttpContext http)
    {
        http.Response.Headers.Remove("ETag");
        http.Response.Headers.Remove("Vary");
    }

    /// <summary>
    /// Public assets to everyone; every asset to editors, reviewers and admins; to a previewer key only the assets of
    /// revisions it may preview (those of articles that are not archived), not every upload.
    /// </summary>
    private static bool MaySee(ClaimsPrincipal user, AssetPublicRow asset) =>
        asset.Public || (user.Identity?.IsAuthenticated == true
                         && (user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.Previewer) && asset.Previewable)));

    /// <summary>Sets ETag and Cache-Control; true when If-None-Match already holds this ETag.</summary>
    private static bool NotModified(HttpContext http, string etag, string cacheControl)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = cacheControl;
        var header = http.Request.Headers.IfNoneMatch;
        return header.Count > 0 && EntityTagHeaderValue.TryParseList(header, out var tags)
               && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }
}
