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
        return Autosave.AutosaveEndpoints.TooLarge(model.Normalize()) is { } problem
            ? Http.Problems.BadRequest(problem.Detail, problem.Field)
            : TypedResults.Content(await preview.HtmlAsync(model, ct), "text/html; charset=utf-8");
    }
}
