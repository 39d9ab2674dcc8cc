using System.Net;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

public sealed class ConsoleNodesTests
{
    private static readonly string[] RequiredKinds = ["mechanism", "what_to_expect", "side_effects"];

    private static List<KeyValuePair<string, string>> Article(string slug, int baseRevision, string title, bool withSideEffects = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("_handler", "editor"),
            new("Model.BaseRevision", baseRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Model.Title", title),
            new("Model.Slug", slug),
            new("Model.Locale", "en"),
            new("Model.Topic", "depression"),
            new("Model.Tags", ""),
            new("Model.Summary", "One supervised session, step by step."),
            new("Model.Disclaimer", "Educational information, not medical advice."),
            new("Model.ChangeNote", "From the console"),
            new("Model.Op", "save"),
        };
        var kinds = withSideEffects ? RequiredKinds : RequiredKinds[..2];
        for (var i = 0; i < kinds.Length; i++)
        {
            fields.Add(new($"Model.Sections[{i}].Kind", kinds[i]));
            fields.Add(new($"Model.Sections[{i}].Heading", $"Heading {i + 1}"));
            fields.Add(new($"Model.Sections[{i}].Body", "Effects begin within minutes."));
        }

        return fields;
    }

    [Fact]
    public async Task TwoNodesOnOneDatabaseServeOneBrowserSession()
    {
        await using var a = new ApiFactory();
        await a.InitializeAsync();
        await using var b = new ApiFactory().OnDatabase(a.ConnectionString);
        await b.InitializeAsync();
        var key = await a.KeyAsync("editor", "two-node editor");
        using var browser = new ConsoleBrowser(a.Client(null).BaseAddress!, b.Client(null).BaseAddress!);

        // Sign-in form (and its antiforgery token) from node A, posted to node B.
        using var signIn = await browser.SignInAsync(key, node: 0, postNode: 1);
        Assert.Equal("/console", signIn.Headers.Location!.OriginalString);
        Assert.Contains("two-node editor", await browser.PageAsync("/console", node: 0), StringComparison.Ordinal);

        // The editor page from node B, saved through node A; the article then opens on node B.
        await browser.PageAsync("/console/articles/new", node: 1);
        using var created = await browser.PostAsync("/console/articles/new", Article("two-nodes-one-session", 0, "Made across two nodes"), node: 0);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.IsAbsoluteUri ? created.Headers.Location.PathAndQuery : created.Headers.Location.OriginalString;
        Assert.Matches("^/console/articles/[0-9a-f-]{36}\\?saved=1$", location);
        Assert.Contains("Made across two nodes", await browser.PageAsync(location, node: 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEditorAppliesTheApisRulesAndARefusedSaveWritesNothing()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        var key = await api.KeyAsync("editor");
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(key);
        await using var db = await api.OpenDatabaseAsync();
        var before = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision");

        await browser.PageAsync("/console/articles/new");
        using var refused = await browser.PostAsync("/console/articles/new", Article("Not A Slug", 0, "Bad slug"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"slug-error\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision"));

        using var missing = await browser.PostAsync("/console/articles/new", Article("missing-side-effects", 0, "No side effects", withSideEffects: false));
        Assert.Contains("side_effects", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM revision"));
    }

    [Fact]
    public async Task SignInAttemptsAreRateLimitedPerAddress()
    {
        await using var api = new ApiFactory().With("Console:SignInPerMinute", "3");
        await api.InitializeAsync();
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await browser.SignInAsync("kc_guess-" + i);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task WithTheConsoleSwitchedOffThereIsNoConsole()
    {
        await using var api = new ApiFactory().With("Console:Enabled", "false");
        await api.InitializeAsync();
        using var client = api.Client(null);
        using var response = await client.GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
