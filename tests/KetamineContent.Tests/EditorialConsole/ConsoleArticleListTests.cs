using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>
/// The console's article list over real HTTP: filters from the query string (shareable, no script needed), body search
/// through the search index, and bulk actions on a selection, each article checked against the ETag it was listed with.
/// </summary>
public sealed partial class ConsoleArticleListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Fact]
    public async Task FiltersOfStatusReviewTopicAndLocaleCombine()
    {
        var token = Token("filter");
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var published = await CreateAsync(editor, $"{token} published depression", topic: "depression");
        await (await Articles.ReviewAsync(reviewer, published, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, published, 1)).JsonAsync();
        await CreateAsync(editor, $"{token} draft depression", topic: "depression");
        var anxiety = await CreateAsync(editor, $"{token} reviewed anxiety", topic: "anxiety");
        await (await Articles.ReviewAsync(reviewer, anxiety, 1)).JsonAsync();

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        async Task<string[]> Listed(string query) =>
            [.. Titles(await browser.PageAsync($"/console/articles?q={token}&{query}")).Where(t => t.StartsWith(token, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.Equal([$"{token} published depression"], await Listed("status=published&review=reviewed&topic=depression&locale=en"));
        Assert.Equal([$"{token} draft depression"], await Listed("review=unreviewed"));
        Assert.Equal([$"{token} reviewed anxiety"], await Listed("status=draft&review=reviewed"));
        Assert.Equal([$"{token} draft depression", $"{token} published depression"], await Listed("topic=depression"));
        Assert.Empty(await Listed("topic=depression&locale=de"));

        // The form shows the filters it was given, so the URL is the whole state of the list.
        var page = await browser.PageAsync($"/console/articles?q={token}&review=review_due&status=archived");
        Assert.Contains("<option value=\"review_due\" selected", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"archived\" selected", page, StringComparison.Ordinal);

        // A review state the list does not know: the API's own 400 message, not an empty list.
        using var bad = await browser.GetAsync($"/console/articles?review=approved");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'reviewState' must be unreviewed, reviewed or review_due.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchFindsAWordThatIsOnlyInAPublishedBody()
    {
        var word = "vexil" + Guid.NewGuid().ToString("N")[..10];
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        var title = "Body search " + Guid.NewGuid().ToString("N")[..8];
        var id = await CreateAsync(editor, title, sideEffects: $"Nausea can follow a session; {word} was reported once.");
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        Assert.Equal([title], Titles(await browser.PageAsync($"/console/articles?q={word}")));
        Assert.Equal([title], Titles(await browser.PageAsync($"/console/articles?q={word}&status=published")));
        Assert.Empty(Titles(await browser.PageAsync($"/console/articles?q={word}&status=draft")));

        // The management API's list answers the same, by the same code.
        var listed = await (await editor.GetAsync($"/v1/manage/articles?q={word}")).JsonAsync();
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task BulkAddToAReleaseReportsTheArticleThatChangedSinceTheListAndAddsTheOther()
    {
        var token = Token("bulk");
        var key = await api.KeyAsync("editor");
        using var editor = api.Client(key);
        var fresh = await CreateAsync(editor, $"{token} fresh");
        var stale = await CreateAsync(editor, $"{token} stale");
        var release = (await (await editor.PostAsJsonAsync("/v1/manage/releases", new { title = $"Release {token}" })).JsonAsync()).GetProperty("id").GetGuid();

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        var list = await browser.PageAsync($"/console/articles?q={token}");
        var rows = Rows(list);
        Assert.Equal(2, rows.Count);
        Assert.Contains($"<option value=\"{release}\"", list, StringComparison.Ordinal);

        // Someone saves the second article after the list was shown.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/manage/articles/{stale}")
        {
            Content = new StringContent("{\"summary\": \"How ketamine may affect sleep, revised.\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var revised = await editor.SendAsync(patch);
        Assert.Equal(HttpStatusCode.Created, revised.StatusCode);

        var fields = Form(rows, ("Bulk.Action", "release"), ("Bulk.Release", release.ToString()));

        // Without the antiforgery token nothing is done.
        using (var forged = await browser.PostAsync($"/console/articles?q={token}", fields, withToken: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(0, await ItemsAsync(release));

        using var response = await browser.PostAsync($"/console/articles?q={token}", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("1 of 2 done, 1 not", page, StringComparison.Ordinal);
        Assert.Contains($"{token} fresh: added to the release.", page, StringComparison.Ordinal);
        Assert.Matches($"{token} stale: not done \\(412\\)\\. [^<]*current revision is 2", page);

        await using var db = await api.OpenDatabaseAsync();
        var items = (await db.QueryAsync<(Guid ArticleId, int Revision)>("SELECT article_id, revision FROM release_item WHERE release_id = @release", new { release })).ToList();
        Assert.Equal([(fresh, 1)], items);
    }

    [Fact]
    public async Task BulkTaskAndTagsActOnEachSelectedArticleThroughTheEndpointsRules()
    {
        var token = Token("tags");
        var key = await api.KeyAsync("editor");
        using var editor = api.Client(key);
        var first = await CreateAsync(editor, $"{token} first");
        var second = await CreateAsync(editor, $"{token} second");

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        var rows = Rows(await browser.PageAsync($"/console/articles?q={token}"));
        using var tagged = await browser.PostAsync($"/console/articles?q={token}", Form(rows, ("Bulk.Action", "tags"), ("Bulk.AddTags", "safety"), ("Bulk.RemoveTags", "sleep")));
        Assert.Contains("All 2 done", await tagged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var id in new[] { first, second })
        {
            var article = await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync();
            Assert.Equal(2, article.GetProperty("revision").GetInt32());
            Assert.Equal(["ketamine", "safety"], article.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        }

        // Rows as now listed (revision 2); the task goes on each latest revision.
        rows = Rows(await browser.PageAsync($"/console/articles?q={token}"));
        using var tasks = await browser.PostAsync($"/console/articles?q={token}", Form(rows, ("Bulk.Action", "task"), ("Bulk.TaskTitle", "Check the dosing table"), ("Bulk.TaskAssignee", "reviewer")));
        Assert.Contains("All 2 done", await tasks.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(2, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM article_task WHERE article_id = ANY (@ids) AND title = 'Check the dosing table' AND assignee_role = 'reviewer' AND revision = 2 AND state = 'open'",
            new { ids = new[] { first, second } }));

        // A task without a title: the validator's message next to the field, no task opened.
        using var untitled = await browser.PostAsync($"/console/articles?q={token}", Form(rows, ("Bulk.Action", "task"), ("Bulk.TaskTitle", " "), ("Bulk.TaskAssignee", "reviewer")));
        Assert.Contains("'title' is required.", WebUtility.HtmlDecode(await untitled.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM article_task WHERE article_id = ANY (@ids)", new { ids = new[] { first, second } }));
    }

    [Fact]
    public async Task OnlyAnAdminCreatesAndEditsReviewerProfilesAndLinksThemToAKey()
    {
        var name = "Dr. Profile " + Guid.NewGuid().ToString("N")[..8];
        using (var editorBrowser = new ConsoleBrowser(Node))
        {
            await editorBrowser.SignInAsync(await api.KeyAsync("editor"));
            using var page = await editorBrowser.GetAsync("/console/admin/reviewers");
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("This screen needs an admin key.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var posted = await editorBrowser.PostAsync("/console/admin/reviewers", [new("_handler", "reviewer"), new("Profile.Name", name)]);
            Assert.True(posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{posted.StatusCode}");
        }

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM reviewer WHERE name = @name", new { name }));

        var keyName = "reviewer key " + Guid.NewGuid().ToString("N")[..8];
        await api.KeyAsync("reviewer", keyName);
        var keyId = await db.ExecuteScalarAsync<Guid>("SELECT id FROM api_key WHERE name = @keyName", new { keyName });
        using var admin = new ConsoleBrowser(Node);
        await admin.SignInAsync(ApiFactory.AdminKey);
        Assert.Contains($"<option value=\"{keyId}\"", await admin.PageAsync("/console/admin/reviewers"), StringComparison.Ordinal);

        // A wrong ORCID check digit: the API validator's message next to the field, nothing stored.
        using var badOrcid = await admin.PostAsync("/console/admin/reviewers", Profile(name, "0000-0002-1825-0098", keyId.ToString()));
        Assert.Contains("'orcid' must be an ORCID iD", WebUtility.HtmlDecode(await badOrcid.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM reviewer WHERE name = @name", new { name }));

        using var created = await admin.PostAsync("/console/admin/reviewers", Profile(name, "0000-0002-1825-0097", keyId.ToString()));
        Assert.Contains($"The profile of {name} is created.", WebUtility.HtmlDecode(await created.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var id = await db.ExecuteScalarAsync<Guid>("SELECT id FROM reviewer WHERE name = @name AND key_id = @keyId AND credentials = '{MD,PharmD}'", new { name, keyId });

        // Edited with the ETag the form was rendered with; a second save with that old ETag meets the API's 412.
        await admin.PageAsync($"/console/admin/reviewers/{id}");
        using var edited = await admin.PostAsync($"/console/admin/reviewers/{id}", [.. Profile(name, "0000-0002-1825-0097", "", "Psychiatry"), new("Profile.ETag", "\"1\"")]);
        Assert.Contains($"The profile of {name} is saved.", WebUtility.HtmlDecode(await edited.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var again = await admin.PostAsync($"/console/admin/reviewers/{id}", [.. Profile(name, "0000-0002-1825-0097", "", "Neurology"), new("Profile.ETag", "\"1\"")]);
        Assert.Contains("The reviewer profile has changed", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await (await api.Client(ApiFactory.AdminKey).GetAsync($"/v1/manage/reviewers/{id}")).JsonAsync();
        Assert.Equal("Psychiatry", stored.GetProperty("specialty").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, stored.GetProperty("keyId").ValueKind);
    }

    private static List<KeyValuePair<string, string>> Profile(string name, string orcid, string keyId, string specialty = "") =>
    [
        new("_handler", "reviewer"), new("Profile.Name", name), new("Profile.Credentials", "MD, PharmD"), new("Profile.Orcid", orcid),
        new("Profile.KeyId", keyId), new("Profile.Specialty", specialty), new("Profile.ProfileUrl", ""),
    ];

    private static string Token(string stem) => stem + Guid.NewGuid().ToString("N")[..10];

    private static async Task<Guid> CreateAsync(HttpClient editor, string title, string topic = "depression", string sideEffects = "Nausea and dizziness can follow a session.")
    {
        using var response = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(Articles.NewSlug("list"), title, sideEffects, topic));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<int> ItemsAsync(Guid release)
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<int>("SELECT count(*) FROM release_item WHERE release_id = @release", new { release });
    }

    /// <summary>The titles of the list's rows (the links into the editor).</summary>
    private static string[] Titles(string page) =>
        [.. RowTitle().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    /// <summary>Each listed row's hidden id and ETag, as the form posts them.</summary>
    private static List<(int Index, string Id, string ETag)> Rows(string page) =>
        [.. RowFields().Matches(page).Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value)))];

    /// <summary>The bulk form with every listed row selected.</summary>
    private static List<KeyValuePair<string, string>> Form(List<(int Index, string Id, string ETag)> rows, params (string Name, string Value)[] action) =>
    [
        new("_handler", "bulk"),
        .. rows.SelectMany(r => new KeyValuePair<string, string>[] { new($"Bulk.Rows[{r.Index}].Id", r.Id), new($"Bulk.Rows[{r.Index}].ETag", r.ETag), new($"Bulk.Rows[{r.Index}].Selected", "true") }),
        .. action.Select(a => new KeyValuePair<string, string>(a.Name, a.Value)),
    ];

    [GeneratedRegex("<td><a href=\"/console/articles/[0-9a-f-]{36}\">([^<]*)</a></td>")]
    private static partial Regex RowTitle();

    [GeneratedRegex("name=\"Bulk.Rows\\[(\\d+)\\].Id\" value=\"([0-9a-f-]{36})\"[^>]*>\\s*<input type=\"hidden\" name=\"Bulk.Rows\\[\\d+\\].ETag\" value=\"([^\"]*)\"")]
    private static partial Regex RowFields();
}
