using System.ComponentModel;
using System.Security.Claims;
using KetamineContent.Api.Access;
using KetamineContent.Api.Delivery;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using KetamineContent.Api.Writes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.Import;

/// <summary>
/// Endpoint metadata: the body is one of these media types, or multipart with a file. Documented by the OpenAPI filter;
/// not Accepts(), whose content-type matching in routing would answer 415 before authentication could answer 401.
/// </summary>
public sealed record ImportBody(IReadOnlyList<string> MediaTypes);

/// <summary>A draft made from an imported document, and the report of how the document was read.</summary>
public sealed record ImportedArticle(ManagedArticle Article, ImportReport Report);

/// <summary>POST /v1/manage/articles/import: text, Markdown, HTML or Word in, a draft (never published) and a report out.</summary>
public static class ImportEndpoints
{
    public static RouteHandlerBuilder MapImport(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/manage/articles/import", Import)
            .WithTags("Manage articles")
            .RequireRateLimiting(RateLimits.PerKey)
            .RequireAuthorization(Roles.Policies.Editor)
            .WithName("ImportArticle")
            .WithSummary("Import an article written elsewhere (plain text, Markdown, a saved HTML page or a Word document) as a draft, with a report")
            .WithDescription("Finds the title and the headings, maps each heading to a section kind by its words, places each paragraph by the heading above it " +
                             "or, where there is none or it means nothing, by its own words; drops only short lines of page furniture (listed verbatim with the reason in " +
                             "report.droppedLines). The report gives, for every heading and paragraph, the kind chosen, the runner-up and the deciding words. " +
                             "Required sections it cannot find are created empty and listed in report.missingRequired. Send the document as the body with its " +
                             "media type (a Content-Disposition header may name the file), or as multipart/form-data with a part named 'file' (its media " +
                             "type or file extension says the format). Without a title line, the title is title=, else made of the file name (report.titleSource).")
            .WithMetadata(new ImportBody(ImportFormats.MediaTypes))
            .AsCommand()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(415).ProducesProblem(422);

    public static async Task<Results<CreatedWithETag<ImportedArticle>, ProblemHttpResult>> Import(
        [Description("The new article's slug.")][System.ComponentModel.DataAnnotations.Required] string? slug,
        [Description("Its topic (see /v1/topics).")][System.ComponentModel.DataAnnotations.Required] string? topic,
        [Description("Its locale, default en.")] string? locale,
        [Description("The title to use instead of the one found in the document (the found title line is then listed in droppedLines).")] string? title,
        HttpRequest request, CommandSession session, ClaimsPrincipal user, TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        var (format, bytes, fileName, unsupported) = await BodyAsync(request, ct);
        if (unsupported is not null)
        {
            return unsupported;
        }

        if (!DeliveryRules.IsSlug(slug))
        {
            return Problems.BadRequest(ImportDraft.SlugRule, "slug");
        }

        return await ImportDraft.CreateAsync(format!.Value, bytes, slug, topic, locale, title, session, Actor.From(user), clock, ImportFormats.Timeout(configuration), ct, fileName);
    }

    /// <summary>The format, bytes and file name of the body (from Content-Disposition), or of multipart's 'file' part; 415 for anything else.</summary>
    private static async Task<(ImportFormat? Format, byte[]? Bytes, string? FileName, ProblemHttpResult? Unsupported)> BodyAsync(HttpRequest request, CancellationToken ct)
    {
        var unsupported = Problems.UnsupportedMediaType("Send the article as " + string.Join(", ", ImportFormats.MediaTypes) + ", or as multipart/form-data with a part named 'file'.");
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null)
            {
                return (null, null, null, Problems.BadRequest("The multipart body must hold the document in a part named 'file'.", "file"));
            }

            var format = ImportFormats.FromMediaType(file.ContentType) ?? ImportFormats.FromFileName(file.FileName);
            await using var stream = file.OpenReadStream();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return format is null ? (null, null, null, unsupported) : (format, copy.ToArray(), file.FileName, null);
        }

        var direct = ImportFormats.FromMediaType(request.ContentType);
        if (direct is null)
        {
            return (null, null, null, unsupported);
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var disposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var d) ? d : null;
        return (direct, body.ToArray(), disposition?.FileNameStar.Value ?? disposition?.FileName.Value?.Trim('"'), null);
    }
}
