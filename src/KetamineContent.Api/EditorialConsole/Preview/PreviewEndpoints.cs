using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.EditorialConsole.Preview;

/// <summary>The editor's side-by-side preview: the editor form as JSON (console.js, debounced as the editor types), the whole article back as HTML.</summary>
public static class PreviewEndpoints
{
    public static void MapConsolePreview(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/console/articles/preview", RenderAsync).AddEndpointFilter(ConsoleJson.RequireToken).ExcludeFromDescription();

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> RenderAsync(EditorForm model, ArticlePreview preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(preview);
        if (Autosave.AutosaveEndpoints.TooLarge(model.Normalize()) is { } problem)
        {
            return Http.Problems.BadRequest(problem.Detail, problem.Field);
        }

        // Markdig refuses nesting past its depth limit: the same 400 naming the field as create and revise.
        var deep = model.Sections.FindIndex(s => !Delivery.MarkdownRenderer.IsWithinDepth(s.Body));
        return deep >= 0
            ? Http.Problems.BadRequest($"'sections[{deep}].body' " + Delivery.MarkdownRenderer.DepthMessage, $"sections[{deep}].body")
            : TypedResults.Content(await preview.HtmlAsync(model, ct), "text/html; charset=utf-8");
    }
}
