using System.Net;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

public sealed class ConsoleSessionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private Uri Node => api.Client(null).BaseAddress!;

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/articles")]
    [InlineData("/console/articles/new")]
    [InlineData("/console/articles/6b1f0c1e-0004-4000-8000-000000000004/review")]
    [InlineData("/console/admin/keys")]
    public async Task WithoutASessionEveryPageSendsToSignInWithNoStoreAndAStrictPolicy(string path)
    {
        using var browser = new ConsoleBrowser(Node);
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/sign-in?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningInWithAKeyGivesAStrictHttpOnlyCookieHoldingASessionIdNotTheKey()
    {
        var key = await api.KeyAsync("editor", "session editor");
        using var browser = new ConsoleBrowser(Node);
        using var response = await browser.SignInAsync(key);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kc_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, cookie, StringComparison.Ordinal);

        var page = await browser.PageAsync("/console");
        Assert.Contains("session editor (editor)", page, StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        var sessionId = browser.SessionCookie(Node)!;
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM console_session WHERE id_hash = sha256(convert_to(@Id, 'UTF8'))", new { Id = sessionId }));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM console_session WHERE encode(id_hash, 'escape') LIKE '%' || @Id || '%'", new { Id = sessionId }));
    }

    [Fact]
    public async Task AnUnknownKeyIsSentBackWithItsMessageNextToTheField()
    {
        using var browser = new ConsoleBrowser(Node);
        using var response = await browser.SignInAsync("kc_not-a-key");
        Assert.Equal("/console/sign-in?error=key", response.Headers.Location!.OriginalString);
        var page = await browser.PageAsync("/console/sign-in?error=key");
        Assert.Contains("id=\"key-error\"", page, StringComparison.Ordinal);
        Assert.Null(browser.SessionCookie(Node));
    }

    [Fact]
    public async Task APreviewerKeyOpensNoConsole()
    {
        var key = await api.KeyAsync("previewer");
        using var browser = new ConsoleBrowser(Node);
        using var response = await browser.SignInAsync(key);
        Assert.Equal("/console/sign-in?error=key", response.Headers.Location!.OriginalString);
        Assert.Null(browser.SessionCookie(Node));
    }

    [Fact]
    public async Task ASignInWithoutTheAntiforgeryTokenIsRefusedAndOpensNoSession()
    {
        var key = await api.KeyAsync("editor");
        using var browser = new ConsoleBrowser(Node);
        await browser.PageAsync("/console/sign-in");
        using var response = await browser.PostAsync("/console/session", [new("key", key)], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null(browser.SessionCookie(Node));
    }

    [Fact]
    public async Task RevokingTheKeyEndsItsSessionsAtOnce()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await (await admin.PostAsync("/v1/manage/keys", System.Net.Http.Json.JsonContent.Create(new { name = "soon revoked", role = "editor" }))).JsonAsync();
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(created.GetProperty("key").GetString()!);
        using (var before = await browser.GetAsync("/console"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/keys/{created.GetProperty("id").GetGuid()}")).StatusCode);
        using var after = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
    }

    [Theory]
    [InlineData("UPDATE console_session SET last_seen_at = now() - interval '31 minutes', created_at = now() - interval '1 hour' WHERE id_hash = sha256(convert_to(@Id, 'UTF8'))")]
    [InlineData("UPDATE console_session SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour' WHERE id_hash = sha256(convert_to(@Id, 'UTF8'))")]
    public async Task AnIdleOrTooOldSessionHasEnded(string age)
    {
        var key = await api.KeyAsync("editor");
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        await using (var db = await api.OpenDatabaseAsync())
        {
            Assert.Equal(1, await db.ExecuteAsync(age, new { Id = browser.SessionCookie(Node) }));
        }

        using var response = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionOnTheServer()
    {
        var key = await api.KeyAsync("editor");
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        var sessionId = browser.SessionCookie(Node)!;
        await browser.PageAsync("/console");
        using var signOut = await browser.PostAsync("/console/sign-out", []);
        Assert.Equal("/console/sign-in?signedOut=1", signOut.Headers.Location!.OriginalString);

        using var replay = new ConsoleBrowser(Node);
        replay.Cookies.Add(new Cookie("kc_console", sessionId, "/console", Node.Host));
        using var response = await replay.GetAsync("/console");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task ASignInLinkFromTheCommandLineWorksOnce()
    {
        var key = await api.KeyAsync("reviewer", "linked reviewer");
        using var admin = api.Client(ApiFactory.AdminKey);
        var keys = await (await admin.GetAsync("/v1/manage/keys")).JsonAsync();
        var id = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "linked reviewer").GetProperty("id").GetString()!;
        var cli = await Cli.RunAsync(api.ConnectionString, "keys", "login-link", "--key-id", id, "--base-url", Node.ToString());
        Assert.Equal(0, cli.Code);
        var link = new Uri(cli.Stdout.Split('\n').Single(l => l.Contains("/console/sign-in/link?token=", StringComparison.Ordinal)).Trim());
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        Assert.DoesNotContain(key, cli.Output, StringComparison.Ordinal);

        using var browser = new ConsoleBrowser(Node);
        await browser.PageAsync(link.PathAndQuery);
        using var first = await browser.PostAsync("/console/session/link", [new("token", token)]);
        Assert.Equal("/console", first.Headers.Location!.OriginalString);
        Assert.Contains("linked reviewer (reviewer)", await browser.PageAsync("/console"), StringComparison.Ordinal);

        using var again = new ConsoleBrowser(Node);
        await again.PageAsync(link.PathAndQuery);
        using var second = await again.PostAsync("/console/session/link", [new("token", token)]);
        Assert.Equal("/console/sign-in?error=link", second.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnEditorMayNotOpenTheAdminScreens()
    {
        var key = await api.KeyAsync("editor");
        using var browser = new ConsoleBrowser(Node);
        await browser.SignInAsync(key);
        using var response = await browser.GetAsync("/console/admin/keys");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("This screen needs an admin key.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
