using System.Net;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>The console's live preview (POST /console/preview) answers hostile Markdown as the API does.</summary>
public sealed class ConsolePreviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    /// <summary>The editor's live preview parses the body with Markdig: nesting past its limit is 400 naming 'markdown', not a 500.</summary>
    [Fact]
    public async Task APreviewNestedTooDeepIs400NamingTheField()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("console-deep"));
        using var browser = new ConsoleBrowser(Node);
        using var signedIn = await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync($"/console/articles/{id}");

        using var response = await browser.PostAsync("/console/preview", [new("markdown", Import.HostileDocuments.DeepQuotes(130))]);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'markdown' nests Markdown", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
