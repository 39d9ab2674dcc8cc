using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.EditorialConsole;

/// <summary>The console's People page (admin): link a reviewer profile to a person, end a person's sessions; both through the API's own commands, audited.</summary>
public sealed class ConsolePeopleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Issuer = "https://login.example.org/tenant/v2.0";

    [Fact]
    public async Task AnAdminLinksAReviewerProfileToAPerson()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", new { name = "Console-linked reviewer", credentials = new[] { "MD" } })).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        using var browser = new ConsoleBrowser(admin.BaseAddress!);
        await browser.SignInAsync(ApiFactory.AdminKey);
        Assert.Contains("Console-linked reviewer", await browser.PageAsync("/console/admin/people"), StringComparison.Ordinal);

        using var linked = await browser.PostAsync("/console/admin/people", [new("_handler", $"link-{id}"), new("Link.Issuer", Issuer), new("Link.Subject", "clinician-42")]);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Contains("is linked to the person clinician-42", await linked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var profile = await (await admin.GetAsync(new Uri($"/v1/manage/reviewers/{id}", UriKind.Relative))).JsonAsync();
        Assert.Equal(Issuer, profile.GetProperty("personIssuer").GetString());
        Assert.Equal("clinician-42", profile.GetProperty("personSubject").GetString());
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal("clinician-42", await db.ExecuteScalarAsync<string>(
            "SELECT detail->>'personSubject' FROM audit_log WHERE action = 'reviewer.updated' AND reviewer_id = @id", new { id }));
    }

    [Fact]
    public async Task AnAdminEndsAPersonsSessionsFromTheConsole()
    {
        using var browser = new ConsoleBrowser(api.Client(null).BaseAddress!);
        await browser.SignInAsync(ApiFactory.AdminKey);
        await browser.PageAsync("/console/admin/people");
        using var ended = await browser.PostAsync("/console/admin/people", [new("_handler", "end-sessions"), new("End.Issuer", Issuer), new("End.Subject", "a-leaver")]);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Contains("0 console session(s) of a-leaver ended.", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM audit_log WHERE action = 'person.signed_out' AND detail->>'subject' = 'a-leaver' AND detail->>'issuer' = @Issuer", new { Issuer }));
    }
}
