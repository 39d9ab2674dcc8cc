using System.Net;
using System.Text.RegularExpressions;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>What the console's screens say back: a refused publish's reasons once, the activity by title, the keys page's choices kept.</summary>
public sealed class ConsoleScreensTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Fact]
    public async Task ARefusedPublishStatesEachReasonOnce()
    {
        var key = await api.KeyAsync("reviewer");
        using var client = api.Client(key);
        var (id, _, _) = await Articles.CreateAsync(client, Articles.NewSlug("console-refused"));
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        await browser.PageAsync($"/console/articles/{id}/review");
        using var response = await browser.PostAsync($"/console/articles/{id}/review", [new("_handler", "publish"), new("Publish.Revision", "1"), new("Publish.At", ""), new("Publish.OverrideReason", "")]);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        const string reason = "Revision 1 has no medical review sign-off.";
        Assert.Single(Regex.Matches(page, Regex.Escape(reason)));
        Assert.Contains("<p>Revision 1 cannot be published:</p>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardsActivityNamesArticlesByTitle()
    {
        var key = await api.KeyAsync("editor");
        using var client = api.Client(key);
        var title = "Activity title " + Guid.NewGuid().ToString("N")[..8];
        var (id, _, _) = await Articles.CreateAsync(client, Articles.NewSlug("console-activity"), title);
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        var page = WebUtility.HtmlDecode(await browser.PageAsync("/console"));
        Assert.Contains($"<a href=\"/console/articles/{id}\">{title}</a> rev. 1", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeysPageKeepsTheChosenRoleAfterARefusedCreate()
    {
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(ApiFactory.AdminKey);
        await browser.PageAsync("/console/admin/keys");
        using var refused = await browser.PostAsync("/console/admin/keys", [new("_handler", "create-key"), new("Create.Name", ""), new("Create.Role", "reviewer")]);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<option value=\"reviewer\" selected", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"editor\" selected", page, StringComparison.Ordinal);
    }
}
