using KetamineContent.Api.Assets;
using KetamineContent.Api.Editing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineContent.Api.EditorialConsole.Toolbar;

/// <summary>An article the toolbar can link to (written as [text](article:slug)).</summary>
public sealed record ArticleChoice(string Slug, string Locale, string Title, string Status);

/// <summary>An image the toolbar can insert (written as ![alt](asset:id)), with its thumbnail through the console.</summary>
public sealed record ImageChoice(Guid Id, string Filename, string Alt, bool Decorative, string Thumbnail);

/// <summary>What the editor's toolbar pickers list: articles by title, images of the media library. Console-only reads.</summary>
public static class PickerEndpoints
{
    public static void MapConsolePickers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/console/pick").ExcludeFromDescription();
        group.MapGet("/articles", ArticlesAsync);
        group.MapGet("/images", ImagesAsync);
    }

    public static async Task<Results<Ok<IReadOnlyList<ArticleChoice>>, ProblemHttpResult>> ArticlesAsync(string? q, ManageReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (q is { Length: > 200 })
        {
            return Http.Problems.BadRequest("'q' is at most 200 characters.", "q");
        }

        var page = await reader.ArticlesAsync(new ManagedListFilter(null, null, null, string.IsNullOrWhiteSpace(q) ? null : q.Trim()), 20, null, false, ct);
        return TypedResults.Ok<IReadOnlyList<ArticleChoice>>(page.Items.Select(a => new ArticleChoice(a.Slug, a.Locale, a.Title, a.Status)).ToList());
    }

    public static async Task<Results<Ok<IReadOnlyList<ImageChoice>>, ProblemHttpResult>> ImagesAsync(string? q, AssetStore store, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (q is { Length: > 200 })
        {
            return Http.Problems.BadRequest("'q' is at most 200 characters.", "q");
        }

        var page = await store.ListAsync(new AssetListQuery { Type = "image", Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim(), Limit = 24 }, ct);
        return TypedResults.Ok<IReadOnlyList<ImageChoice>>(page.Items
            .Select(a => new ImageChoice(a.Id, a.Filename, a.Alt, a.Decorative, ConsoleMedia.FileUrl(a.Id, a.Filename) + "?w=160")).ToList());
    }
}
