using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;

namespace KetamineContent.Api.Assets;

/// <summary>Endpoint metadata: the body is the upload form (documented by the OpenAPI filter; not Accepts(), which would answer 415 before 401).</summary>
public sealed record UploadBody;

/// <summary>Endpoint metadata: answers a file with its ETag and Cache-Control (documented by the OpenAPI filter).</summary>
public sealed record AssetFileAnswer;

/// <summary>/v1/manage/assets (editors) and /v1/assets/{id}/{filename} (public once a published revision uses the asset).</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssets(this IEndpointRouteBuilder routes)
    {
        var manage = routes.MapGroup("/v1/manage/assets").WithTags("Manage assets").RequireRateLimiting(RateLimits.PerKey).RequireAuthorization(Roles.Policies.Editor);
        manage.MapPost("/", AssetCommands.Upload).WithName("UploadAsset")
            .WithSummary("Upload an image or PDF (multipart/form-data: file, alt, decorative, caption, credit, license, focalX, focalY)")
            .WithDescription("JPEG, PNG, WebP, AVIF, GIF or PDF, recognised from the bytes (never the name or Content-Type). Images need alt text unless " +
                             "decorative=true. Limits: Assets:MaxBytes (413); Assets:MaxPixels, Assets:MaxDimension and Assets:MaxPages as the decoder reads them from " +
                             "the header, before any pixel is decoded (400 naming the limit). " +
                             "The bytes are stored once per SHA-256.")
            .WithMetadata(new UploadBody())
            .AsCommand().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);
        manage.MapGet("/", AssetQueries.List).WithName("ListAssets").WithSummary("List assets, newest first (type, unused, missingAlt, q; keyset pages)")
            .Validate<AssetListQuery>();
        manage.MapGet("/{id:guid}", AssetQueries.Get).WithName("GetAsset").WithSummary("Get an asset's metadata and ETag").ProducesProblem(404);
        manage.MapPut("/{id:guid}", AssetCommands.Update).WithName("UpdateAsset")
            .WithSummary("Replace an asset's metadata (If-Match: its ETag)")
            .AsCommand().RequireIfMatch().Validate<AssetMetadataInput>().ProducesProblem(404).ProducesProblem(412).ProducesProblem(428);
        manage.MapDelete("/{id:guid}", AssetCommands.Delete).WithName("DeleteAsset")
            .WithSummary("Delete an asset (409 listing the articles whose current or published revision uses it)")
            .AsCommand().ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
        manage.MapGet("/{id:guid}/usage", AssetQueries.Usage).WithName("GetAssetUsage")
            .WithSummary("The articles whose latest or published revision uses the asset").ProducesProblem(404);

        routes.MapGet("/v1/assets/{id:guid}/{filename}", AssetDelivery.Get).WithTags("Assets").RequireRateLimiting(RateLimits.PerAddress)
            .WithName("GetAssetFile").WithMetadata(new AssetFileAnswer())
            .WithSummary("The original file, or a rendition with w, h, fit, fm, q")
            .WithDescription("Public once a published revision uses the asset (editors' keys see every asset). w and h are snapped up to " +
                             string.Join(", ", RenditionRequest.Steps) + " px; never enlarged; fit=cover crops around the focal point; fm=auto picks AVIF " +
                             "or WebP from Accept (Vary: Accept); q is rounded up to a multiple of ten. Metadata (EXIF, GPS, XMP) is stripped from every " +
                             "rendition; without w or h the box is 2560 px. Strong ETag, 304; Cache-Control immutable for a year on renditions, public max-age=60, " +
                             "s-maxage=300 on originals. A rendition past Assets:RenditionTimeoutSeconds, or of a file libvips cannot render, is 422; a full " +
                             "rendition queue (Assets:MaxQueuedRenditions) is 503 with Retry-After. PDF renditions are 400 unless Assets:AllowPdfRenditions.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/jpeg", "image/png", "image/webp", "image/avif", "image/gif", "application/pdf")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422).ProducesProblem(503);
        return routes;
    }
}
