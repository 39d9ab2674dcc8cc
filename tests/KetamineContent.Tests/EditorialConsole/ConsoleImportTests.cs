using System.Net;
using System.Text;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>The console's import screen: several files in one form, each a draft through the API's own import, shown beside its report.</summary>
public sealed class ConsoleImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Fact]
    public async Task TwoUploadedFilesBecomeTwoDraftsEachShownBesideItsReportWithTheGuessesMarked()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        var page = await browser.PageAsync("/console/import");
        Assert.Contains("<h1>Import articles</h1>", page, StringComparison.Ordinal);

        using var form = Form(browser, ("topic", "depression"), ("locale", "en"));
        form.Add(File($"# Console import {tag} one\n\nKetamine is a medicine given under supervision.\n\n## Side effects\n\nSome feel dizzy for an hour.\n", "text/markdown"), "files", "one.md");
        form.Add(File($"<html><head><title>Console import {tag} two</title></head><body><h1>Console import {tag} two</h1><p>What to expect during a session at the clinic.</p></body></html>", "text/html"), "files", "two.html");
        using var response = await browser.PostContentAsync("/console/import", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains("2 of 2 imported", html, StringComparison.Ordinal);
        Assert.Contains("Import report", html, StringComparison.Ordinal);
        Assert.Contains("Required sections left empty:", html, StringComparison.Ordinal);
        Assert.Contains("class=\"guess\"", html, StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        var drafts = (await db.QueryAsync<(Guid Id, string Slug, string Status)>(
            "SELECT id AS Id, slug AS Slug, status AS Status FROM article WHERE slug LIKE @like ORDER BY slug", new { like = $"console-import-{tag}-%" })).ToList();
        Assert.Equal([$"console-import-{tag}-one", $"console-import-{tag}-two"], drafts.Select(d => d.Slug));
        Assert.All(drafts, d => Assert.Equal("draft", d.Status));
        Assert.All(drafts, d => Assert.Contains($"href=\"/console/articles/{d.Id}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PastedTextBecomesADraftUnderTheSlugTypedForIt()
    {
        var slug = Articles.NewSlug("console-pasted");
        using var editorBrowser = new ConsoleBrowser(Node);
        await editorBrowser.SignInAsync(await api.KeyAsync("editor"));
        await editorBrowser.PageAsync("/console/import");
        using var pasted = Form(editorBrowser, ("topic", "depression"), ("locale", "en"), ("slug", slug), ("text", "# Pasted\n\nA short text pasted into the console."));
        var html = await (await editorBrowser.PostContentAsync("/console/import", pasted)).Content.ReadAsStringAsync();
        Assert.Contains("1 of 1 imported", html, StringComparison.Ordinal);

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
    }

    [Fact]
    public async Task MoreDocumentsThanTheCapAreRefusedWith400NamingTheLimitAndNoneIsImported()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/import");
        using var form = Form(browser, ("topic", "depression"), ("locale", "en"));
        for (var i = 0; i < 21; i++)
        {
            form.Add(File($"# Capped {tag} {i}\n\nKetamine is given under supervision.\n", "text/markdown"), "files", $"capped-{i}.md");
        }

        using var response = await browser.PostContentAsync("/console/import", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At most 20 documents can be imported at a time (Console:MaxImportFiles); 21 were sent, and none was imported.", html, StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug LIKE @like", new { like = $"capped-{tag}-%" }));
    }

    [Fact]
    public async Task AnUploadOverTheRequestBodyLimitIsAProblemNotAnErrorAndNothingIsImported()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/import");
        using var form = Form(browser, ("topic", "depression"), ("locale", "en"));
        form.Add(File($"# Oversized {tag}\n\n" + new string('x', 1_200_000), "text/markdown"), "files", $"oversized-{tag}.md");
        using var response = await browser.PostContentAsync("/console/import", form);
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Import fewer or smaller files at a time", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article WHERE slug LIKE @like", new { like = $"oversized-{tag}%" }));
    }

    [Fact]
    public async Task TheReportBesideTheDraftMarksAFileNameTitleGeneratedHeadingsAndDroppedLinesWithTheirReasons()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/import");
        using var form = Form(browser, ("topic", "depression"), ("locale", "en"));
        form.Add(File("Ketamine blocks the NMDA receptor and sets off a surge of glutamate that helps neurons form new connections between them.\n\n" +
                      "Nausea, dizziness and confusion can occur during a session.\n\nPhone: 555 010 0199\n", "text/plain"), "files", $"notes-{tag}.txt");
        using var response = await browser.PostContentAsync("/console/import", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains("1 of 1 imported", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>Notes {tag}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("guessed (no title line; from the file name)", html, StringComparison.Ordinal);
        Assert.Contains("generated heading", html, StringComparison.Ordinal);
        Assert.Contains("guessed by words", html, StringComparison.Ordinal);
        Assert.Contains("<q>Phone: 555 010 0199</q> (phone or fax line)", html, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Form(ConsoleBrowser browser, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(browser.LastToken), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static ByteArrayContent File(string text, string mediaType)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return file;
    }
}
