using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>What a hand-edited console URL or a crafted sign-in link gets: 4xx problem+json or a safe default, never a 500.</summary>
public sealed class ConsoleInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Theory]
    [InlineData("/history?a=abc")]
    [InlineData("/history?a=99999999999&b=2")]
    [InlineData("?saved=abc")]
    public async Task AQueryValueOfTheWrongKindIs400ProblemJson(string page)
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("console-input"));
        using var browser = new ConsoleBrowser(Node);
        using var signedIn = await browser.SignInAsync(await api.KeyAsync("editor"));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);

        using var response = await browser.GetAsync($"/console/articles/{id}{page}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/console/\u00e9")]
    [InlineData("/console/a\r\nX-Injected: 1")]
    [InlineData("/console/\u0001")]
    public async Task ASignInWithAReturnUrlThatIsNoHeaderValueLandsOnTheDashboard(string returnUrl)
    {
        using var browser = new ConsoleBrowser(Node);
        await browser.PageAsync("/console/sign-in");
        using var response = await browser.PostAsync("/console/session", [new("key", await api.KeyAsync("editor")), new("returnUrl", returnUrl)]);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
        Assert.NotNull(browser.SessionCookie(Node));
    }

    [Fact]
    public async Task ASignOffInTheConsoleRecordsTheReviewerProfileLinkedToTheKey()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var made = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = $"console reviewer {Guid.NewGuid():N}", role = "reviewer" })).JsonAsync();
        var profile = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", new
        {
            name = "Dr. Console Profile", credentials = new[] { "MD" }, specialty = "Psychiatry", keyId = made.GetProperty("id").GetGuid(),
        })).JsonAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("console-signoff"));

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(made.GetProperty("key").GetString()!);
        await browser.PageAsync($"/console/articles/{id}/review");
        using var signed = await browser.PostAsync($"/console/articles/{id}/review",
            [new("_handler", "signoff"), new("SignOff.Revision", "1"), new("SignOff.ReviewedBy", ""), new("SignOff.Notes", "Checked in the console.")]);
        Assert.True(signed.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, signed.StatusCode.ToString());

        await using var db = await api.OpenDatabaseAsync();
        var review = await db.QuerySingleAsync<(Guid? ReviewerId, string ReviewedBy)>(
            "SELECT reviewer_id AS ReviewerId, reviewed_by AS ReviewedBy FROM review WHERE article_id = @id", new { id });
        Assert.Equal(profile.GetProperty("id").GetGuid(), review.ReviewerId);
        Assert.Equal("Dr. Console Profile", review.ReviewedBy);
    }

    [Fact]
    public async Task TheReviewScreenWithdrawsALinkedArticleOnlyWhenTheReviewerSaysHowLinksShouldGo()
    {
        var reviewerKey = await api.KeyAsync("reviewer");
        using var reviewer = api.Client(reviewerKey);
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reader = api.Client(null);
        var targetSlug = Articles.NewSlug("console-target");
        var target = await Articles.PublishedAsync(editor, reviewer, targetSlug);
        var linkingSlug = Articles.NewSlug("console-linking");
        var (linking, _, _) = await Articles.CreateAsync(editor, linkingSlug);
        await (await Articles.ReviseAsync(editor, linking, "\"1\"", Articles.Body(linkingSlug, sideEffects: $"See [the other article](article:{targetSlug})."))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, linking, 2)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, linking, 2)).JsonAsync();

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(reviewerKey);
        await browser.PageAsync($"/console/articles/{target}/review");
        using var refused = await browser.PostAsync($"/console/articles/{target}/review",
            [new("_handler", "withdraw"), new("Withdraw.Action", "unpublish"), new("Withdraw.Reason", "outdated")]);
        Assert.Contains(linkingSlug, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{targetSlug}")).StatusCode);

        using var forced = await browser.PostAsync($"/console/articles/{target}/review",
            [new("_handler", "withdraw"), new("Withdraw.Action", "unpublish"), new("Withdraw.Reason", "outdated"), new("Withdraw.Force", "true")]);
        Assert.True(forced.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, forced.StatusCode.ToString());
        Assert.Equal("draft", (await (await editor.GetAsync($"/v1/manage/articles/{target}")).JsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheConsoleUploadsAFileLargerThanOneMebibyteAsTheApiDoes()
    {
        var png = Images.Noise(1400, 1000);
        Assert.True(png.Length > 1_100_000, $"{png.Length} bytes");
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(await api.KeyAsync("editor"));
        await browser.PageAsync("/console/media");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("upload"), "_handler" },
            { new StringContent(browser.LastToken), "__RequestVerificationToken" },
            { new StringContent("Grey noise, a test image"), "alt" },
            { new StringContent("0.5"), "focalX" },
            { new StringContent("0.5"), "focalY" },
        };
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "noise.png");
        using var response = await browser.PostContentAsync("/console/media", form);
        Assert.True(response.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        await using var db = await api.OpenDatabaseAsync();
        Assert.True(await db.ExecuteScalarAsync<long>("SELECT bytes FROM asset WHERE alt = 'Grey noise, a test image'") > 1_048_576);
    }

    [Fact]
    public async Task TheReleaseBuilderRefusesARevisionItCannotReadInsteadOfTakingTheLatest()
    {
        var editorKey = await api.KeyAsync("editor");
        using var editor = api.Client(editorKey);
        var slug = Articles.NewSlug("console-release");
        await Articles.CreateAsync(editor, slug);
        var created = await editor.PostAsJsonAsync("/v1/manage/releases", new { title = "Console release", notes = "" });
        var release = (await created.JsonAsync()).GetProperty("id").GetGuid();

        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(editorKey);
        await browser.PageAsync($"/console/releases/{release}");
        foreach (var revision in new[] { "abc", "99999999999", "-1" })
        {
            using var refused = await browser.PostAsync($"/console/releases/{release}",
                [new("_handler", "add-item"), new("Add.ETag", created.Headers.ETag!.Tag), new("Add.Article", slug), new("Add.Locale", "en"), new("Add.Revision", revision)]);
            Assert.Contains("must be a revision number", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var view = await (await editor.GetAsync($"/v1/manage/releases/{release}")).JsonAsync();
        Assert.Empty(view.GetProperty("items").EnumerateArray());
    }
}
