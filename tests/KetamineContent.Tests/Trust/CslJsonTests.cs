using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>
/// GET /v1/articles/{slug}/references?format=csl, read by citation.js (npm, not written by this project): its strict CSL
/// cleaner keeps every field unchanged (no CSL-JSON schema ships in these packages; the cleaner is citation.js's CSL data
/// model), and citeproc-js renders the bibliography with the Vancouver style plugin-csl ships.
/// </summary>
public sealed class CslJsonTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheAnxietySampleStudyIsCslJsonThatCitationJsRendersAsVancouver()
    {
        using var reader = api.Client(null);
        var response = await reader.GetAsync("/v1/articles/ketamine-for-anxiety/references?format=csl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.citationstyles.csl+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var items = await response.Content.ReadAsStringAsync();

        var rendered = await RenderAsync(items);
        Assert.Empty(rendered.GetProperty("problems").EnumerateArray());
        Assert.Equal(["taylor-2018"], rendered.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(
            "1. Taylor JH, Landeros-Weisenberger A, Coughlin C, Mulqueen J, Johnson JA, Gabriel D, et al. Ketamine for social anxiety disorder: " +
            "a randomized, placebo-controlled crossover trial. Neuropsychopharmacology. 2018;43(2):325–33. doi:10.1038/npp.2017.194\n",
            rendered.GetProperty("bibliography").GetString());

        // The same study in the article's own html: cited in the evidence section, AMA entry at the end.
        var html = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety?format=html")).JsonAsync();
        Assert.Contains("<sup class=\"citation\"><a href=\"#reference-taylor-2018\">1</a></sup>",
            html.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "evidence").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("Taylor JH, Landeros-Weisenberger A, Coughlin C, et al. Ketamine for social anxiety disorder: a randomized, placebo-controlled crossover trial. " +
                     "<i>Neuropsychopharmacology</i>. 2018;43(2):325-333. doi:10.1038/npp.2017.194",
            html.GetProperty("references")[0].GetProperty("citation").GetString());
    }

    [Fact]
    public async Task TheAnxietySampleCitesItsStudyInJsonLd()
    {
        using var reader = api.Client(null);
        var page = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety?format=jsonld")).JsonAsync();
        Assert.Contains("**social anxiety disorder**.[1]".Replace("**", "", StringComparison.Ordinal), page.GetProperty("text").GetString(), StringComparison.Ordinal);
        var citation = Assert.Single(page.GetProperty("citation").EnumerateArray());
        Assert.Equal("ScholarlyArticle", citation.GetProperty("@type").GetString());
        Assert.Equal("Neuropsychopharmacology", citation.GetProperty("isPartOf").GetProperty("name").GetString());
        Assert.Equal("2018", citation.GetProperty("datePublished").GetString());
        Assert.Equal("https://doi.org/10.1038/npp.2017.194", citation.GetProperty("sameAs").GetString());
        Assert.Equal(9, citation.GetProperty("author").GetArrayLength());
    }

    [Fact]
    public async Task JournalBookAndWebReferencesAreCslItemsInTheArticlesNumberOrder()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var slug = Articles.NewSlug("csl");
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", CitationBodies.Article(slug))).JsonAsync()).GetProperty("id").GetGuid();
        using var reader = api.Client(null);
        await (await reader.GetAsync($"/v1/articles/{slug}/references")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var items = await (await reader.GetAsync($"/v1/articles/{slug}/references")).Content.ReadAsStringAsync();
        var parsed = JsonDocument.Parse(items).RootElement;
        Assert.Equal(["webpage", "book", "article-journal"], parsed.EnumerateArray().Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("Example Organisation", parsed[0].GetProperty("author")[0].GetProperty("literal").GetString());
        Assert.Equal("12345", parsed[2].GetProperty("PMID").GetString());

        var rendered = await RenderAsync(items);
        Assert.Empty(rendered.GetProperty("problems").EnumerateArray());
        Assert.Equal(["web-ref", "book-ref", "journal-ref"], rendered.GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        var lines = rendered.GetProperty("bibliography").GetString()!.TrimEnd('\n').Split('\n');
        Assert.Equal("1. Example Organisation. Examples online [Internet]. Example Organisation; [cited 2026 Nov 1]. Available from: https://example.org/examples", lines[0]);
        Assert.StartsWith("2. One A, Two B, Three C, Four D, Five E, Six F. Handbook of examples. Example Press; 2020.", lines[1], StringComparison.Ordinal);
        Assert.Equal("3. Alpha AB, Beta B, Gamma C, Delta D, Epsilon E, Zeta Z, et al. A trial of examples. J Examples. 2019;12(3):45–67. doi:10.1000/xyz123 PubMed PMID: 12345.", lines[2]);

        await (await reader.GetAsync($"/v1/articles/{slug}/references?format=bibtex")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static readonly SemaphoreSlim Install = new(1, 1);
    private static bool _installed;

    /// <summary>Runs csl/render.mjs (citation.js) on CSL-JSON items; npm installs its pinned packages once.</summary>
    private static async Task<JsonElement> RenderAsync(string items)
    {
        var dir = Path.Combine(Repo.Root, "tests", "KetamineContent.Tests", "Trust", "csl");
        await Install.WaitAsync();
        try
        {
            if (!_installed)
            {
                var (code, _, error) = await RunAsync(dir, "npm", null, "install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error");
                Assert.True(code == 0, "npm install failed: " + error);
                _installed = true;
            }
        }
        finally
        {
            Install.Release();
        }

        var (exit, output, stderr) = await RunAsync(dir, "node", items, "render.mjs");
        Assert.True(exit == 0, "node render.mjs failed: " + stderr);
        return JsonDocument.Parse(output).RootElement;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string dir, string file, string? input, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start (apt-get install nodejs npm)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
