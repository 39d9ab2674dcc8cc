using System.Net;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>The editor's autosave over real HTTP: a working copy per editor and article, offered back, gone once a revision is saved.</summary>
public sealed class ConsoleAutosaveTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Fact]
    public async Task AutosavedWorkIsOfferedBackOnReturnAndRestoredIntoTheForm()
    {
        var (browser, id) = await EditingAsync();
        using (browser)
        {
            using var saved = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Sleep after ketamine, autosaved"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.True((await saved.JsonAsync()).GetProperty("savedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);

            var page = await browser.PageAsync($"/console/articles/{id}");
            Assert.Contains("You have unsaved work", page, StringComparison.Ordinal);
            Assert.Contains("Autosave is paused", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Sleep after ketamine, autosaved", page, StringComparison.Ordinal);

            var restored = await browser.PageAsync($"/console/articles/{id}?restore=1");
            Assert.Contains("value=\"Sleep after ketamine, autosaved\"", restored, StringComparison.Ordinal);
            Assert.Contains("is back in the form", restored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SavingARevisionDiscardsTheAutosavedCopy()
    {
        var (browser, id) = await EditingAsync();
        using (browser)
        {
            using var saved = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Sleep after ketamine, then saved"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(1, await DraftsAsync(id));

            using var revision = await browser.PostAsync($"/console/articles/{id}", [new("_handler", "editor"), .. Fields("Sleep after ketamine, then saved", await SlugAsync(id)), new("Model.Op", "save")]);
            Assert.Equal(HttpStatusCode.Found, revision.StatusCode);
            Assert.EndsWith("?saved=2", revision.Headers.Location?.ToString(), StringComparison.Ordinal);
            await using var db = await api.OpenDatabaseAsync();
            Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT max(number) FROM revision WHERE article_id = @id", new { id }));
            Assert.Equal(0, await DraftsAsync(id));
            Assert.DoesNotContain("You have unsaved work", await browser.PageAsync($"/console/articles/{id}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnotherEditorDoesNotSeeTheWorkingCopy()
    {
        var (browser, id) = await EditingAsync();
        using (browser)
        {
            using var saved = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Only mine"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var other = new ConsoleBrowser(Node);
        await other.SignInAsync(await api.KeyAsync("editor", "another editor"));
        var page = await other.PageAsync($"/console/articles/{id}");
        Assert.DoesNotContain("You have unsaved work", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Only mine", await other.PageAsync($"/console/articles/{id}?restore=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewArticlesWorkIsOfferedBackAndTheDiscardButtonDeletesIt()
    {
        var key = await api.KeyAsync("editor", "new-article editor");
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        await browser.PageAsync("/console/articles/new");
        using var saved = await browser.PostJsonAsync("/console/articles/new/autosave", Model("A new article, not created yet"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var page = await browser.PageAsync("/console/articles/new");
        Assert.Contains("You have unsaved work", page, StringComparison.Ordinal);
        Assert.Contains("value=\"A new article, not created yet\"", await browser.PageAsync("/console/articles/new?restore=1"), StringComparison.Ordinal);

        using var discarded = await browser.PostAsync("/console/articles/new/autosave/discard", [new("confirm", "1")]);
        Assert.Equal(HttpStatusCode.SeeOther, discarded.StatusCode);
        Assert.Equal("/console/articles/new", discarded.Headers.Location?.ToString());
        Assert.DoesNotContain("You have unsaved work", await browser.PageAsync("/console/articles/new"), StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM console_draft d JOIN api_key k ON k.id = d.key_id WHERE k.name = 'new-article editor' AND d.article_id IS NULL"));
    }

    [Fact]
    public async Task AnAutosavedCopySurvivesExportAndRestore()
    {
        var (browser, id) = await EditingAsync();
        using (browser)
        {
            using var saved = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Kept through a restore"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var folder = Directory.CreateTempSubdirectory("kc-autosave-export-").FullName;
        try
        {
            var restored = await Cli.ExportAndRestoreAsync(api.ConnectionString, Path.Combine(folder, "export.json"));
            await using var db = new Npgsql.NpgsqlConnection(restored);
            var title = await db.ExecuteScalarAsync<string>("SELECT form->>'title' FROM console_draft WHERE article_id = @id", new { id });
            Assert.Equal("Kept through a restore", title);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task BadAutosavesAnswerProblemsAndWriteNothing()
    {
        var (browser, id) = await EditingAsync();
        using (browser)
        {
            // Over the request body limit (1 MiB): 413.
            using var oversized = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Too big", new string('x', 1_200_000)));
            await AssertProblemAsync(oversized, HttpStatusCode.RequestEntityTooLarge);

            // Within the limit, a section body over the article rules' 20,000 characters: 400 naming the field.
            using var longBody = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Long body", new string('x', 20_001)));
            var problem = await AssertProblemAsync(longBody, HttpStatusCode.BadRequest);
            Assert.Contains("sections[0].body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // Without the antiforgery token: refused.
            using var forged = await browser.PostJsonAsync($"/console/articles/{id}/autosave", Model("Forged"), withToken: false);
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

            // An article that does not exist: 404.
            using var missing = await browser.PostJsonAsync($"/console/articles/{Guid.NewGuid()}/autosave", Model("Nowhere"));
            await AssertProblemAsync(missing, HttpStatusCode.NotFound);

            Assert.Equal(0, await DraftsAsync(id));
        }
    }

    /// <summary>An editor signed in to the console with the editor page of a new article open (its antiforgery token read).</summary>
    private async Task<(ConsoleBrowser Browser, Guid Id)> EditingAsync()
    {
        var key = await api.KeyAsync("editor");
        using var editor = api.Client(key);
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("console-autosave"));
        var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        await browser.PageAsync($"/console/articles/{id}");
        return (browser, id);
    }

    /// <summary>The editor form as console.js autosaves it (JSON).</summary>
    internal static object Model(string title, string body = "It blocks the NMDA receptor.") => new
    {
        baseRevision = 1, title, slug = "ignored-on-revise", locale = "en", topic = "depression", summary = "How ketamine may affect sleep.",
        disclaimer = "Educational information, not medical advice.",
        sections = new[]
        {
            new { kind = "mechanism", heading = "How it works", body },
            new { kind = "what_to_expect", heading = "What to expect", body = "Effects start within minutes." },
            new { kind = "side_effects", heading = "Side effects", body = "Nausea can follow a session." },
        },
    };

    /// <summary>The editor form as the browser posts it (the content of Articles.Body with another title).</summary>
    private static List<KeyValuePair<string, string>> Fields(string title, string slug) =>
    [
        new("Model.BaseRevision", "1"), new("Model.Title", title), new("Model.Slug", slug), new("Model.Locale", "en"),
        new("Model.Topic", "depression"), new("Model.Summary", "How ketamine may affect sleep."), new("Model.Disclaimer", "Educational information, not medical advice."),
        new("Model.Sections[0].Kind", "mechanism"), new("Model.Sections[0].Heading", "How it works"), new("Model.Sections[0].Body", "It blocks the NMDA receptor."),
        new("Model.Sections[1].Kind", "what_to_expect"), new("Model.Sections[1].Heading", "What to expect"), new("Model.Sections[1].Body", "Effects start within minutes."),
        new("Model.Sections[2].Kind", "side_effects"), new("Model.Sections[2].Heading", "Side effects"), new("Model.Sections[2].Body", "Nausea can follow a session."),
        new("Model.Sections[2].Cites", "1"), new("Model.References[0].Title", "A study"), new("Model.References[0].Url", "https://example.org/study"),
        new("Model.References[0].Doi", "10.1000/xyz123"), new("Model.References[0].PubmedId", "12345"),
    ];

    private async Task<string> SlugAsync(Guid id)
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<string>("SELECT slug FROM article WHERE id = @id", new { id }) ?? "";
    }

    private async Task<int> DraftsAsync(Guid id)
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<int>("SELECT count(*) FROM console_draft WHERE article_id = @id", new { id });
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
