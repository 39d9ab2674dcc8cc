using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

public sealed class ReviewerProfileTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>ORCID's own documented example iD (a fictitious researcher), valid by its MOD 11-2 check digit.</summary>
    private const string ValidOrcid = "0000-0002-1825-0097";

    private static object Profile(string name, Guid? keyId = null, string? orcid = null, string[]? credentials = null, string? url = "https://example.org/reviewers/one") => new
    {
        name,
        credentials = credentials ?? ["MD", "PharmD"],
        specialty = "Psychiatry",
        profileUrl = url,
        orcid,
        keyId,
    };

    private async Task<Guid> KeyIdAsync(HttpClient admin, string key)
    {
        var keys = await (await admin.GetAsync("/v1/manage/keys")).JsonAsync();
        return keys.GetProperty("items").EnumerateArray().Single(k => key.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal)).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid id, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/manage/reviewers/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task AnAdminCreatesListsGetsAndReplacesAProfileWithIfMatch()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var name = $"Profile {Guid.NewGuid():N}";
        var created = await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/manage/reviewers/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(["MD", "PharmD"], body.GetProperty("credentials").EnumerateArray().Select(c => c.GetString()!));

        var one = await admin.GetAsync($"/v1/manage/reviewers/{id}");
        Assert.Equal("\"1\"", one.Headers.ETag!.Tag);
        Assert.Equal(name, (await one.JsonAsync()).GetProperty("name").GetString());
        var list = await (await admin.GetAsync("/v1/manage/reviewers")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        var changed = Profile(name + " renamed", credentials: ["MD"]);
        await (await PutAsync(admin, id, null, changed)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await PutAsync(admin, id, "*", changed)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var stale = await (await PutAsync(admin, id, "\"7\"", changed)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"1\"", stale.GetProperty("currentETag").GetString());
        await (await PutAsync(admin, Guid.NewGuid(), "\"1\"", changed)).AssertProblemAsync(HttpStatusCode.NotFound);

        var replaced = await PutAsync(admin, id, "\"1\"", changed);
        Assert.Equal("\"2\"", replaced.Headers.ETag!.Tag);
        var after = await replaced.JsonAsync();
        Assert.Equal(name + " renamed", after.GetProperty("name").GetString());
        Assert.Equal(2, after.GetProperty("version").GetInt32());

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(["reviewer.created", "reviewer.updated"],
            await db.QueryAsync<string>("SELECT action FROM audit_log WHERE reviewer_id = @id ORDER BY id", new { id }));
    }

    [Theory]
    [InlineData("orcid", "{\"name\":\"A\",\"orcid\":\"0000-0002-1825-0096\"}")]
    [InlineData("orcid", "{\"name\":\"A\",\"orcid\":\"https://orcid.org/0000-0002-1825-0097\"}")]
    [InlineData("profileUrl", "{\"name\":\"A\",\"profileUrl\":\"http://example.org/a\"}")]
    [InlineData("profileUrl", "{\"name\":\"A\",\"profileUrl\":\"javascript:alert(1)\"}")]
    [InlineData("name", "{\"name\":\"  \"}")]
    [InlineData("credentials", "{\"name\":\"A\",\"credentials\":[\"MD\",\"md\"]}")]
    [InlineData("credentials", "{\"name\":\"A\",\"credentials\":[\"<script>\"]}")]
    [InlineData("specialty", "{\"name\":\"A\",\"specialty\":\"\"}")]
    public async Task AMalformedProfileIs400NamingTheFieldAndWritesNothing(string field, string json)
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        await using var db = await api.OpenDatabaseAsync();
        var before = await db.ExecuteScalarAsync<long>("SELECT count(*) FROM reviewer");
        var problem = await (await admin.PostAsync("/v1/manage/reviewers", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM reviewer"));
    }

    [Fact]
    public async Task AKeyOrAnOrcidBelongsToOneProfileAndOnlySigningKeysCanBeLinked()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var editorKey = await KeyIdAsync(admin, await api.KeyAsync("editor"));
        var editorLink = await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Editor link", editorKey))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(editorLink.GetProperty("errors").TryGetProperty("keyId", out _));
        await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Unknown key", Guid.NewGuid()))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var reviewerKey = await KeyIdAsync(admin, await api.KeyAsync("reviewer"));
        await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("First", reviewerKey, ValidOrcid))).JsonAsync();
        await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Second", reviewerKey))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Third", null, ValidOrcid))).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ASignOffRecordsTheKeysProfileAndDeliveryAndJsonLdShowItsCredentials()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        using var editor = api.Client(await api.KeyAsync("editor"));
        var reviewerSecret = await api.KeyAsync("reviewer", "reviewer key name");
        using var reviewer = api.Client(reviewerSecret);
        using var reader = api.Client(null);
        var profile = await (await admin.PostAsJsonAsync("/v1/manage/reviewers",
            Profile("Dr. Linked Reviewer", await KeyIdAsync(admin, reviewerSecret), url: "https://example.org/reviewers/linked"))).JsonAsync();
        var profileId = profile.GetProperty("id").GetGuid();

        var slug = Articles.NewSlug("signed");
        var (id, _, _) = await Articles.CreateAsync(editor, slug);
        var signed = await (await reviewer.PostAsJsonAsync($"/v1/manage/articles/{id}/revisions/1/review", new { notes = "Checked." })).JsonAsync();
        Assert.Equal("Dr. Linked Reviewer", signed.GetProperty("reviewedBy").GetString());
        Assert.Equal(profileId, signed.GetProperty("reviewerId").GetGuid());
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();

        var article = await (await reader.GetAsync($"/v1/articles/{slug}")).JsonAsync();
        var by = article.GetProperty("review").GetProperty("reviewedBy");
        Assert.Equal("Dr. Linked Reviewer", by.GetProperty("name").GetString());
        Assert.Equal(["MD", "PharmD"], by.GetProperty("credentials").EnumerateArray().Select(c => c.GetString()!));
        Assert.Equal("Psychiatry", by.GetProperty("specialty").GetString());
        Assert.Equal("https://example.org/reviewers/linked", by.GetProperty("url").GetString());

        using var ldRequest = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{slug}?format=jsonld");
        var ld = JsonDocument.Parse(await (await reader.SendAsync(ldRequest)).Content.ReadAsStringAsync()).RootElement;
        var person = ld.GetProperty("reviewedBy");
        Assert.Equal("Person", person.GetProperty("@type").GetString());
        Assert.Equal("Dr. Linked Reviewer", person.GetProperty("name").GetString());
        Assert.Equal("MD, PharmD", person.GetProperty("honorificSuffix").GetString());
        Assert.Equal(["MD", "PharmD"], person.GetProperty("hasCredential").EnumerateArray().Select(c =>
        {
            Assert.Equal("EducationalOccupationalCredential", c.GetProperty("@type").GetString());
            return c.GetProperty("name").GetString()!;
        }));
        Assert.Equal("Psychiatry", person.GetProperty("jobTitle").GetString());
        Assert.Equal("https://example.org/reviewers/linked", person.GetProperty("url").GetString());
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)[..7], ld.GetProperty("lastReviewed").GetString()![..7]);
        Assert.Equal("Patient", ld.GetProperty("medicalAudience").GetProperty("audienceType").GetString());
        Assert.Equal("https://schema.org/Psychiatric", ld.GetProperty("specialty").GetString());

        // A later change of the profile does not rewrite the sign-off that was made.
        await (await PutAsync(admin, profileId, "\"1\"", Profile("Dr. Linked Reviewer", await KeyIdAsync(admin, reviewerSecret), credentials: ["MD", "PhD"]))).JsonAsync();
        var again = await (await reader.GetAsync($"/v1/articles/{slug}?fields=review")).JsonAsync();
        Assert.Equal(["MD", "PharmD"], again.GetProperty("review").GetProperty("reviewedBy").GetProperty("credentials").EnumerateArray().Select(c => c.GetString()!));
    }

    [Fact]
    public async Task WhoSignsFollowsOneRuleAndARefusedSignOffWritesNothing()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer", "plain reviewer key"));
        var otherSecret = await api.KeyAsync("reviewer");
        var linkedElsewhere = (await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Dr. Elsewhere", await KeyIdAsync(admin, otherSecret)))).JsonAsync()).GetProperty("id").GetGuid();
        var unlinked = (await (await admin.PostAsJsonAsync("/v1/manage/reviewers", Profile("Dr. Unlinked"))).JsonAsync()).GetProperty("id").GetGuid();
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("who-signs"));
        var review = $"/v1/manage/articles/{id}/revisions/1/review";
        await using var db = await api.OpenDatabaseAsync();

        await (await reviewer.PostAsJsonAsync(review, new { reviewerId = linkedElsewhere })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await reviewer.PostAsJsonAsync(review, new { reviewerId = Guid.NewGuid() })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var both = await (await reviewer.PostAsJsonAsync(review, new { reviewerId = unlinked, reviewedBy = "Someone" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(both.GetProperty("errors").TryGetProperty("reviewerId", out _));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM review WHERE article_id = @id", new { id }));

        // A profile that no key holds may be named by any reviewer; with nothing named, a key without a profile signs with its own name.
        Assert.Equal(unlinked, (await (await reviewer.PostAsJsonAsync(review, new { reviewerId = unlinked })).JsonAsync()).GetProperty("reviewerId").GetGuid());
        var byKey = await (await reviewer.PostAsJsonAsync(review, new { notes = "ok" })).JsonAsync();
        Assert.Equal("plain reviewer key", byKey.GetProperty("reviewedBy").GetString());
        Assert.Equal(JsonValueKind.Null, byKey.GetProperty("reviewerId").ValueKind);
        Assert.Equal("Free text", (await (await reviewer.PostAsJsonAsync(review, new { reviewedBy = "Free text" })).JsonAsync()).GetProperty("reviewedBy").GetString());
        using var other = api.Client(otherSecret);
        Assert.Equal(linkedElsewhere, (await (await other.PostAsJsonAsync(review, new { reviewerId = linkedElsewhere })).JsonAsync()).GetProperty("reviewerId").GetGuid());
    }

    [Theory]
    [InlineData("0000-0002-1825-0097", true)]
    [InlineData("0000-0001-5109-3700", true)]
    [InlineData("0000-0002-1694-233X", true)]
    [InlineData("0000-0002-1825-0096", false)]
    [InlineData("0000-0002-1694-2330", false)]
    [InlineData("0000000218250097", false)]
    [InlineData("0000-0002-1825-009x", false)]
    public void OrcidIdsAreCheckedByTheirCheckDigit(string value, bool valid) =>
        Assert.Equal(valid, KetamineContent.Api.Trust.Orcid.IsValid(value));

    [Fact]
    public async Task TheSamplesAreSignedByExampleProfilesThatSayTheyAreExamples()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        using var reader = api.Client(null);
        var profiles = (await (await admin.GetAsync("/v1/manage/reviewers")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Where(p => p.GetProperty("name").GetString()!.Contains("not a real person", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, profiles.Count);
        Assert.All(profiles, p => Assert.StartsWith("https://example.org/", p.GetProperty("profileUrl").GetString(), StringComparison.Ordinal));
        var anxiety = await (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).JsonAsync();
        var by = anxiety.GetProperty("review").GetProperty("reviewedBy");
        Assert.Equal("Example Reviewer (sample profile, not a real person)", by.GetProperty("name").GetString());
        Assert.Equal(["MD"], by.GetProperty("credentials").EnumerateArray().Select(c => c.GetString()!));
    }
}
