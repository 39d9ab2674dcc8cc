using KetamineContent.Api.Access;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KetamineContent.Api.EditorialConsole.Autosave;

/// <summary>When the working copy was kept.</summary>
public sealed record AutosaveResult(DateTimeOffset SavedAt);

/// <summary>
/// The editor's autosave: the whole editor form as JSON, posted by console.js as it is typed (with the form's
/// antiforgery token in the X-CSRF-Token header), kept per editor and article; and the button that discards it. Console-only routes
/// (left out of the OpenAPI document).
/// </summary>
public static class AutosaveEndpoints
{
    /// <summary>Bounds of a working copy (the article rules' own bounds, so whatever could be saved can be autosaved).</summary>
    public const int MaxSections = 50;

    public static void MapConsoleAutosave(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/console/articles").ExcludeFromDescription();
        group.MapPost("/{id:guid}/autosave", (Guid id, EditorForm model, ConsoleDrafts drafts, HttpContext http, CancellationToken ct) =>
            SaveAsync(id, model, drafts, http, ct)).AddEndpointFilter(ConsoleJson.RequireToken);
        group.MapPost("/new/autosave", (EditorForm model, ConsoleDrafts drafts, HttpContext http, CancellationToken ct) =>
            SaveAsync(null, model, drafts, http, ct)).AddEndpointFilter(ConsoleJson.RequireToken);
        group.MapPost("/{id:guid}/autosave/discard", (Guid id, [FromForm] string? confirm, ConsoleDrafts drafts, HttpContext http, CancellationToken ct) =>
            DiscardAsync(id, drafts, http, ct));
        group.MapPost("/new/autosave/discard", ([FromForm] string? confirm, ConsoleDrafts drafts, HttpContext http, CancellationToken ct) =>
            DiscardAsync(null, drafts, http, ct));
    }

    public static async Task<Results<Ok<AutosaveResult>, ProblemHttpResult>> SaveAsync(
        Guid? id, EditorForm model, ConsoleDrafts drafts, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(http);
        var editor = Actor.From(http.User);
        if (!ConsoleDrafts.CanKeep(editor))
        {
            return TypedResults.Problem("Only a console session can autosave.", statusCode: StatusCodes.Status403Forbidden, title: ProblemTitles.For(403));
        }

        if (TooLarge(model.Normalize()) is { } problem)
        {
            return Problems.BadRequest(problem.Detail, problem.Field);
        }

        return await drafts.SaveAsync(editor, id, model, ct) is { } at
            ? TypedResults.Ok(new AutosaveResult(at))
            : Problems.NotFound($"No article has the id {id}.");
    }

    private static async Task<IResult> DiscardAsync(Guid? id, ConsoleDrafts drafts, HttpContext http, CancellationToken ct)
    {
        await drafts.DiscardAsync(Actor.From(http.User), id, ct);

        http.Response.Headers.Location = id is null ? "/console/articles/new" : $"/console/articles/{id}";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The first bound the working copy exceeds: too many sections or references, or a field over 20,000 characters.</summary>
    public static (string Detail, string Field)? TooLarge(EditorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        const int max = Editing.ArticleInputValidator.MaxSectionBody;
        if (form.Sections.Count > MaxSections)
        {
            return ($"An article has at most {MaxSections} sections.", "sections");
        }

        if (form.References.Count > Editing.ArticleInputValidator.MaxReferences)
        {
            return ($"An article has at most {Editing.ArticleInputValidator.MaxReferences} references.", "references");
        }

        var fields = new (string Name, string? Value)[] { ("title", form.Title), ("summary", form.Summary), ("disclaimer", form.Disclaimer), ("tags", form.Tags), ("related", form.Related), ("changeNote", form.ChangeNote) }
            .Concat(form.Sections.SelectMany((s, i) => new (string Name, string? Value)[] { ($"sections[{i}].heading", s.Heading), ($"sections[{i}].body", s.Body), ($"sections[{i}].cites", s.Cites) }))
            .Concat(form.References.SelectMany((r, i) => new (string Name, string? Value)[] { ($"references[{i}].title", r.Title), ($"references[{i}].authors", r.Authors), ($"references[{i}].url", r.Url) }));
        return fields.FirstOrDefault(f => f.Value is { Length: > max }) is { Name: { } name }
            ? ($"'{name}' is longer than 20,000 characters.", name)
            : null;
    }
}
