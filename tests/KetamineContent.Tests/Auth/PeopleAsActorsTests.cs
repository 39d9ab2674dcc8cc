using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using KetamineContent.Tests.EditorialConsole;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Auth;

/// <summary>
/// People, not keys, as actors, through the real oidc-provider: a sign-off needs a recent authentication and records
/// the person and their reviewer profile; keys can be refused for sign-offs; a person's work autosaves; a person's
/// sessions end (sign out everywhere, an admin), also while the provider is unreachable.
/// </summary>
public sealed partial class PeopleAsActorsTests(OidcConsoleApi fixture) : IClassFixture<OidcConsoleApi>
{
    private string Issuer => fixture.Provider.Issuer;

    [Fact]
    public async Task ASignOffNeedsARecentAuthenticationAndRecordsThePersonAndTheirProfile()
    {
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var profile = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", new
        {
            name = "Dr Rita Review", credentials = new[] { "MD", "FRCPsych" }, specialty = "Psychiatry", personIssuer = Issuer, personSubject = "rita",
        })).JsonAsync();
        var profileId = profile.GetProperty("id").GetGuid();
        var slug = Articles.NewSlug("person-sign-off");
        var (id, etag, _) = await Articles.CreateAsync(admin, slug);
        var environment = new Dictionary<string, string>(fixture.Environment, StringComparer.Ordinal) { ["ARTICLE_ID"] = id.ToString() };

        var seen = await BrowserScript.RunAsync("console-sign-off.mjs", environment, onNeed: async what =>
        {
            Assert.Equal("revision-2-and-an-old-authentication", what);
            using var revised = await Articles.ReviseAsync(admin, id, etag, Articles.Body(slug, title: "Ketamine and sleep, revised"));
            Assert.Equal(HttpStatusCode.Created, revised.StatusCode);
            // Rita last authenticated at the provider an hour ago (Auth:Oidc:SignOffMaxAgeMinutes is 15).
            await using var db = await fixture.Api.OpenDatabaseAsync();
            Assert.True(await db.ExecuteAsync(
                "UPDATE console_session SET auth_time = now() - interval '1 hour' WHERE person_issuer = @Issuer AND person_subject = 'rita'", new { Issuer }) >= 1);
        });

        Assert.Equal("Revision 1 is signed off.", seen.GetProperty("fresh").GetString());
        Assert.Equal(fixture.Provider.BaseAddress.ToString().TrimEnd('/'), seen.GetProperty("stepUp").GetProperty("atProvider").GetString());
        Assert.Equal("Revision 2 is signed off.", seen.GetProperty("afterStepUp").GetString());
        foreach (var number in new[] { 1, 2 })
        {
            var revision = await (await admin.GetAsync(new Uri($"/v1/manage/articles/{id}/revisions/{number}", UriKind.Relative))).JsonAsync();
            var review = Assert.Single(revision.GetProperty("reviews").EnumerateArray());
            Assert.Equal(profileId, review.GetProperty("reviewerId").GetGuid());
            Assert.Equal("Dr Rita Review", review.GetProperty("reviewedBy").GetString());
            AssertRita(review.GetProperty("signedBy"));
        }

        await using (var db = await fixture.Api.OpenDatabaseAsync())
        {
            var stored = await db.QuerySingleAsync<(string[] Credentials, bool Recent)>(
                "SELECT reviewer_credentials, auth_time > now() - interval '15 minutes' FROM review WHERE article_id = @id AND revision_number = 2", new { id });
            Assert.Equal(["MD", "FRCPsych"], stored.Credentials);
            Assert.True(stored.Recent, "the sign-off keeps the fresh authentication's time");
        }

        // What an operator sees in the audit log: the person by issuer and subject, with name and email.
        var audit = await (await admin.GetAsync(new Uri($"/v1/manage/audit?articleId={id}", UriKind.Relative))).JsonAsync();
        var signed = audit.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "review.signed").ToList();
        Assert.Equal(2, signed.Count);
        Assert.All(signed, entry =>
        {
            Assert.Equal("Dr Rita Review", entry.GetProperty("actor").GetString());
            Assert.Equal("reviewer", entry.GetProperty("role").GetString());
            AssertRita(entry.GetProperty("person"));
            Assert.Equal(profileId, entry.GetProperty("detail").GetProperty("reviewerId").GetGuid());
        });
    }

    [Fact]
    public async Task AKeysSignOffIsRefusedWhileSignOffRequiresPerson()
    {
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var (id, _, _) = await Articles.CreateAsync(admin, Articles.NewSlug("key-sign-off"));
        using var reviewer = fixture.Api.Client(await fixture.Api.KeyAsync("reviewer", "a clinician's key"));
        using var response = await Articles.ReviewAsync(reviewer, id, 1);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Review:SignOffRequiresPerson", problem.GetProperty("setting").GetString());
        Assert.Contains("Review:SignOffRequiresPerson is true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await fixture.Api.OpenDatabaseAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM review WHERE article_id = @id", new { id }));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE article_id = @id AND action = 'review.signed'", new { id }));
    }

    [Fact]
    public async Task APersonsWorkIsAutosavedAsTheirOwn()
    {
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var (id, _, _) = await Articles.CreateAsync(admin, Articles.NewSlug("person-autosave"));
        using var browser = await SignedInAsync("ed");
        await browser.PageAsync($"/console/articles/{id}");
        using var saved = await browser.PostJsonAsync($"/console/articles/{id}/autosave", ConsoleAutosaveTests.Model("Sleep after ketamine, the working copy of Ed"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await using (var db = await fixture.Api.OpenDatabaseAsync())
        {
            Assert.Equal("Sleep after ketamine, the working copy of Ed", await db.ExecuteScalarAsync<string>(
                "SELECT form->>'title' FROM console_person_draft WHERE person_issuer = @Issuer AND person_subject = 'ed' AND article_id = @id", new { Issuer, id }));
        }

        Assert.Contains("You have unsaved work", await browser.PageAsync($"/console/articles/{id}"), StringComparison.Ordinal);
        Assert.Contains("value=\"Sleep after ketamine, the working copy of Ed\"", await browser.PageAsync($"/console/articles/{id}?restore=1"), StringComparison.Ordinal);
    }

    /// <summary>A node that never read the provider's discovery (restarted while the provider is down) still signs a person out.</summary>
    [Fact]
    public async Task SignOutWhileTheProviderIsUnreachableEndsTheSessionWithoutAnError()
    {
        await using var node = new ApiFactory().OnDatabase(fixture.Api.ConnectionString)
            .With("Auth:Oidc:Authority", $"http://127.0.0.1:{Ports.Free()}")
            .With("Auth:Oidc:ClientId", OidcProvider.ConsoleClientId)
            .With("Auth:Oidc:ClientSecret", OidcProvider.ConsoleClientSecret)
            .With("Auth:Oidc:RequireHttpsMetadata", "false")
            .With("Console:AllowKeySignIn", "false");
        await node.InitializeAsync();
        var nodeBase = node.Client(null).BaseAddress!;
        using var browser = await SignedInAsync("ed", nodeBase);
        Assert.Contains("Ed Itor (editor)", await browser.PageAsync("/console"), StringComparison.Ordinal);

        using var signedOut = await browser.PostAsync("/console/sign-out", []);
        Assert.Equal(HttpStatusCode.SeeOther, signedOut.StatusCode);
        Assert.Equal("/console/sign-in?signedOut=1", signedOut.Headers.Location?.ToString());
        using var after = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
        Assert.StartsWith("/console/sign-in", after.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWayBackFromTheProvidersSignOutIsTheConfiguredAddressNotTheHostHeader()
    {
        var cookie = (await SessionsAsync("ed")).Single();
        var cookies = new CookieContainer();
        cookies.Add(new Uri(fixture.BaseAddress, "/console"), new Cookie("kc_console", cookie, "/console"));
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        using var page = new HttpRequestMessage(HttpMethod.Get, "/console");
        page.Headers.Host = "attacker.test";
        using var dashboard = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var token = WebUtility.HtmlDecode(TokenField().Match(await dashboard.Content.ReadAsStringAsync()).Groups[1].Value);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/console/sign-out")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        signOut.Headers.Host = "attacker.test";
        using var moving = await client.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.OK, moving.StatusCode);
        var logout = new Uri(WebUtility.HtmlDecode(LogoutLink().Match(await moving.Content.ReadAsStringAsync()).Groups[1].Value));
        var back = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(logout.Query)["post_logout_redirect_uri"].ToString();
        Assert.Equal(new Uri(fixture.BaseAddress, "/console/sign-in?signedOut=1").ToString(), back);
    }

    [Fact]
    public async Task SignOutEverywhereEndsThePersonsOtherSessions()
    {
        var sessions = await SessionsAsync("ed", "ed");
        using var first = Browser(sessions[0]);
        using var second = Browser(sessions[1]);
        await first.PageAsync("/console");
        await second.PageAsync("/console");

        using var signedOut = await first.PostAsync("/console/sign-out", [new("everywhere", "1")]);
        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        await AssertSignedOutAsync(first);
        await AssertSignedOutAsync(second);
    }

    [Fact]
    public async Task AnAdminEndsEveryConsoleSessionOfAPersonAndTheAuditSaysSo()
    {
        var sessions = await SessionsAsync("rita", "rita");
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        using var ended = await admin.PostAsJsonAsync("/v1/manage/people/sign-out", new { issuer = Issuer, subject = "rita" });
        Assert.True((await ended.JsonAsync()).GetProperty("ended").GetInt32() >= 2);
        foreach (var session in sessions)
        {
            using var browser = Browser(session);
            await AssertSignedOutAsync(browser);
        }

        var audit = await (await admin.GetAsync(new Uri("/v1/manage/audit?limit=20", UriKind.Relative))).JsonAsync();
        var entry = audit.GetProperty("items").EnumerateArray().First(e => e.GetProperty("action").GetString() == "person.signed_out");
        Assert.Equal("rita", entry.GetProperty("detail").GetProperty("subject").GetString());
        Assert.Equal(Issuer, entry.GetProperty("detail").GetProperty("issuer").GetString());

        var problem = await (await admin.PostAsJsonAsync("/v1/manage/people/sign-out", new { issuer = Issuer, subject = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task AReviewerProfileLinksToOnePersonGivenByIssuerAndSubject()
    {
        using var admin = fixture.Api.Client(ApiFactory.AdminKey);
        var halfPerson = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", new { name = "Half a person", personIssuer = Issuer })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(halfPerson.GetProperty("errors").TryGetProperty("personSubject", out _));

        var subject = "clinician-" + Guid.NewGuid().ToString("N");
        using var first = await admin.PostAsJsonAsync("/v1/manage/reviewers", new { name = "First profile", personIssuer = Issuer, personSubject = subject });
        var created = await first.JsonAsync();
        Assert.Equal(subject, created.GetProperty("personSubject").GetString());
        var second = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", new { name = "Second profile", personIssuer = Issuer, personSubject = subject }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(subject, second.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await using var db = await fixture.Api.OpenDatabaseAsync();
        Assert.Equal(subject, await db.ExecuteScalarAsync<string>(
            "SELECT detail->>'personSubject' FROM audit_log WHERE action = 'reviewer.created' AND reviewer_id = @id", new { id = created.GetProperty("id").GetGuid() }));
    }

    private void AssertRita(JsonElement person)
    {
        Assert.Equal(Issuer, person.GetProperty("issuer").GetString());
        Assert.Equal("rita", person.GetProperty("subject").GetString());
        Assert.Equal("rita@clinic.test", person.GetProperty("email").GetString());
    }

    /// <summary>Console sessions of these people, signed in through the provider in Chromium.</summary>
    private async Task<List<string>> SessionsAsync(params string[] logins)
    {
        var seen = await BrowserScript.RunAsync("sign-in-people.mjs", fixture.Environment, logins);
        return seen.EnumerateObject().Select(p => p.Value.GetString()!).ToList();
    }

    private async Task<ConsoleBrowser> SignedInAsync(string login, Uri? node = null)
    {
        var session = (await SessionsAsync(login)).Single();
        return Browser(session, node);
    }

    private ConsoleBrowser Browser(string session, Uri? node = null)
    {
        var browser = new ConsoleBrowser(node ?? fixture.BaseAddress);
        browser.Cookies.Add(new Uri(node ?? fixture.BaseAddress, "/console"), new Cookie("kc_console", session, "/console"));
        return browser;
    }

    private static async Task AssertSignedOutAsync(ConsoleBrowser browser)
    {
        using var response = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/console/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<a href=\"([^\"]+)\">Continue to sign out")]
    private static partial Regex LogoutLink();
}
