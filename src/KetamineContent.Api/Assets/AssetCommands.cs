using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Assets;

/// <summary>Upload, metadata change and delete: each one transaction with its audit row, webhook event and notification.</summary>
public static class AssetCommands
{
    /// <summary>
    /// Lets this request's body be as large as an upload may be (every other request keeps the 1 MiB limit). The upload
    /// endpoint calls it; the console calls it for its upload form before antiforgery reads the form.
    /// </summary>
    public static void AllowUploadBody(HttpContext http, AssetOptions limits)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(limits);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limits.MaxBytes + 64 * 1024;
        }
    }

    public static async Task<Results<CreatedWithETag<AssetView>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpRequest request, CommandSession session, ClaimsPrincipal user, IOptions<AssetOptions> options, IValidator<AssetMetadataInput> validator, CancellationToken ct)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxBytes + 64 * 1024)
        {
            return TooLarge(limits.MaxBytes);
        }

        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Send the file as multipart/form-data with a 'file' part and the fields alt, decorative, caption, credit, license, focalX, focalY.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        AllowUploadBody(request.HttpContext, limits);
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxBytes + 64 * 1024, ValueLengthLimit = 8 * 1024 }, ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Problems.BadRequest("The form needs a non-empty 'file' part.", "file");
        }

        if (file.Length > limits.MaxBytes)
        {
            return TooLarge(limits.MaxBytes);
        }

        var (input, formErrors) = UploadForm.Read(form);
        if (input is null)
        {
            return Problems.Validation(formErrors!);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        if (MediaSniffer.Sniff(content) is not { } media || (media.ContentType == MediaSniffer.Svg && !limits.AllowSvg))
        {
            return TypedResults.Problem(
                "The file's bytes are not " + (limits.AllowSvg ? "JPEG, PNG, WebP, AVIF, GIF, PDF or SVG" : "JPEG, PNG, WebP, AVIF, GIF or PDF (SVG is not accepted here)") +
                "; the type is read from the bytes, not from the name or the Content-Type.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        ImageHeader? header = null;
        if (media.IsRaster)
        {
            (header, _) = ImageHeader.Read(content);
            if ((header is null ? "The image's header could not be read by its decoder (a damaged or unsupported file)." : header.Exceeds(limits)) is { } sizeProblem)
            {
                return Problems.BadRequest(sizeProblem, "file");
            }
        }

        if (await ValidateAsync(validator, input, media.IsImage, ct) is { } invalid)
        {
            return invalid;
        }

        var (c, tx) = await session.BeginAsync(ct);
        var row = await AssetStore.InsertAsync(c, tx, new NewAsset(Guid.NewGuid(), SHA256.HashData(content), UploadForm.FileName(file.FileName, media.Extension), media, header, content, input), ct);
        await AssetStore.RecordAsync(c, tx, Actor.From(user), "asset.created", row, new { row.Filename, row.ContentType, row.Bytes, sha256 = row.Sha256Hex }, ct);
        return new CreatedWithETag<AssetView>(row.ToView(), row.ManageETag, $"/v1/manage/assets/{row.Id}");
    }

    public static async Task<Results<OkWithETag<AssetView>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, AssetMetadataInput input, HttpRequest request, CommandSession session, ClaimsPrincipal user, IValidator<AssetMetadataInput> validator, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (c, tx) = await session.BeginAsync(ct);
        var asset = await AssetStore.LockAsync(c, tx, id, ct);
        if (asset is null)
        {
            return Problems.NotFound($"No asset has the id {id}.");
        }

        if (Precondition(request, asset) is { } precondition)
        {
            return precondition;
        }

        if (await ValidateAsync(validator, input, asset.ContentType.StartsWith("image/", StringComparison.Ordinal), ct) is { } invalid)
        {
            return invalid;
        }

        var updated = (await AssetStore.UpdateAsync(c, tx, id, asset.Version, input, ct))!;
        await AssetStore.RecordAsync(c, tx, Actor.From(user), "asset.updated", updated, new { updated.Version }, ct);
        return new OkWithETag<AssetView>(updated.ToView(), updated.ManageETag);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, HttpRequest request, CommandSession session, ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (c, tx) = await session.BeginAsync(ct);
        var asset = await AssetStore.LockAsync(c, tx, id, ct);
        if (asset is null)
        {
            return Problems.NotFound($"No asset has the id {id}.");
        }

        if (request.Headers.IfMatch.Count > 0 && Precondition(request, asset) is { } precondition)
        {
            return precondition;
        }

        var usage = await AssetStore.UsageAsync(c, tx, id, ct);
        if (usage.Count > 0)
        {
            return TypedResults.Problem(
                $"The asset is used by {usage.Count} article(s): {string.Join(", ", usage.Select(u => $"{u.Slug} ({u.Locale}, {u.Status})"))}. Remove it from their current and published revisions first.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: new Dictionary<string, object?> { ["articles"] = usage });
        }

        await AssetStore.RecordAsync(c, tx, Actor.From(user), "asset.deleted", asset, new { asset.Filename, sha256 = asset.Sha256Hex }, ct);
        await AssetStore.DeleteAsync(c, tx, asset, ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult TooLarge(long max) =>
        TypedResults.Problem($"The file is larger than {max} bytes (Assets:MaxBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");

    private static async Task<ValidationProblem?> ValidateAsync(IValidator<AssetMetadataInput> validator, AssetMetadataInput input, bool isImage, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        var errors = result.Errors.GroupBy(e => Problems.CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        foreach (var (key, messages) in AssetMetadataInputValidator.AltRule(isImage, input) ?? [])
        {
            errors[key] = messages;
        }

        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    /// <summary>If-Match is required for a metadata change: missing 428, stale 412.</summary>
    private static ProblemHttpResult? Precondition(HttpRequest request, AssetRow asset)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return Problems.PreconditionRequired("Send If-Match with the asset's ETag (from GET /v1/manage/assets/{id}).");
        }

        var current = new EntityTagHeaderValue(asset.ManageETag);
        return EntityTagHeaderValue.TryParseList(header, out var tags) && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true))
            ? null
            : TypedResults.Problem($"The asset has changed: its current ETag is {asset.ManageETag}. Fetch it, merge, and retry with that ETag.",
                statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", extensions: new Dictionary<string, object?> { ["currentETag"] = asset.ManageETag });
    }
}
