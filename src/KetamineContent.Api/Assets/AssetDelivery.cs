using System.ComponentModel;
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
        HttpContext http, AssetLookup lookup, AssetStore store, ImageEngine engine, RenditionCache renditions, Edge.EdgePolicy edge, CancellationToken ct)
    {
        var found = await lookup.FindAsync(id, ct);
        if (found is not { } asset || asset.Row.Filename != filename || !(asset.Public || http.User.Identity?.IsAuthenticated == true))
        {
            return Problems.NotFound($"No public asset has the id {id} and the name '{filename}'.");
        }

        var row = asset.Row;
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

        if (engine.Unavailable is { } missing)
        {
            http.Response.Headers.RetryAfter = "3600";
            return TypedResults.Problem(missing, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Renditions unavailable");
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
            var rendition = await renditions.GetOrMakeAsync(key, request.ContentType,
                async () => await engine.RenderAsync(await store.ContentAsync(row, CancellationToken.None), row.Width, row.Height, new FocalPoint(row.FocalX, row.FocalY), request, CancellationToken.None));
            return TypedResults.File(rendition.Bytes, rendition.ContentType);
        }
        catch (RenditionException ex)
        {
            return Problems.Unprocessable("libvips could not make a rendition of this file: " + ex.Message);
        }
    }

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
