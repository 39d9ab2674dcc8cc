using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>
/// One voice in every answer (issue 14, item 5), checked over the answers themselves rather than the code that
/// writes them: every date-time any read operation answers has one format (UTC, microseconds, <c>Z</c>), every JSON
/// name is camelCase (audit details included), and the <c>Location</c> of anything created answers GET.
/// </summary>
public sealed partial class OneVoiceTests(OneVoiceTests.Api api) : IClassFixture<OneVoiceTests.Api>
{
    /// <summary>The API with a webhook target on loopback allowed, so a subscription and its deliveries exist to read.</summary>
    public sealed class Api : ApiFactory
    {
        public Api() => With("Webhooks:AllowPrivateTargets", "true").With("Webhooks:PollIntervalSeconds", "0.1");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T")]
    private static partial Regex LooksLikeDateTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex OneFormat();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    [Fact]
    public async Task EveryReadAnswersDatesInOneFormatAndNamesInCamelCase()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var slug = Articles.NewSlug("one-voice");
        var id = await Articles.PublishedAsync(admin, admin, slug);
        var withdrawnSlug = Articles.NewSlug("one-voice-gone");
        var withdrawn = await Articles.PublishedAsync(admin, admin, withdrawnSlug);
        var cursor = (await (await api.CreateClient().GetAsync("/v1/sync")).JsonAsync()).GetProperty("nextCursor").GetString()!;
        (await admin.PostAsJsonAsync($"/v1/manage/articles/{withdrawn}/unpublish", new { reason = "safety", replacementSlug = slug })).EnsureSuccessStatusCode();
        var hook = (await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = "http://127.0.0.1:9/kc", events = new[] { "article.published" } })).JsonAsync())
            .GetProperty("id").GetGuid();
        var at = (await (await admin.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("updatedAt").GetString()!;

        var paths = new[]
        {
            "/v1/articles", $"/v1/articles/{slug}", $"/v1/articles/{slug}?format=jsonld", $"/v1/articles/{slug}/sections/mechanism",
            "/v1/topics", "/v1/search?q=ketamine", "/v1/sync", "/v1/sync?cursor=" + Uri.EscapeDataString(cursor), $"/v1/articles/{withdrawnSlug}",
            $"/v1/articles/{slug}?asOf=" + Uri.EscapeDataString(at),
            "/v1/manage/articles", $"/v1/manage/articles/{id}", $"/v1/manage/articles/{id}/revisions", $"/v1/manage/articles/{id}/revisions/1",
            $"/v1/manage/articles/{id}/revisions/1/diff/1", $"/v1/manage/articles/{id}/preview", $"/v1/manage/articles/{id}/published",
            "/v1/manage/audit?limit=200", "/v1/manage/keys", "/v1/manage/webhooks", $"/v1/manage/webhooks/{hook}", $"/v1/manage/webhooks/{hook}/deliveries",
            "/v1/manage/assets", $"/v1/manage/articles/{Guid.NewGuid()}", "/v1/manage/reviewers",
        };

        var problems = new List<string>();
        var dates = 0;
        foreach (var path in paths)
        {
            var response = await admin.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Walk(body, path, jsonLd: path.Contains("jsonld", StringComparison.Ordinal));
        }

        Assert.True(dates > 40, $"only {dates} date-times were seen: the walk read too little");
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));

        void Walk(JsonElement e, string where, bool jsonLd)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        var errorsMap = where.EndsWith(".errors", StringComparison.Ordinal);
                        if (!errorsMap && !(jsonLd && (p.Name.StartsWith('@') || p.Name == "@context")) && !CamelCase().IsMatch(p.Name))
                        {
                            problems.Add($"{where}: the name '{p.Name}' is not camelCase");
                        }

                        Walk(p.Value, $"{where}.{p.Name}", jsonLd);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item, where + "[]", jsonLd);
                    }

                    break;
                case JsonValueKind.String when LooksLikeDateTime().IsMatch(e.GetString()!):
                    dates++;
                    if (!OneFormat().IsMatch(e.GetString()!))
                    {
                        problems.Add($"{where}: '{e.GetString()}' is not yyyy-MM-ddTHH:mm:ss.ffffffZ");
                    }

                    break;
            }
        }
    }

    [Fact]
    public async Task TheLocationOfACreatedKeyAnswersGet()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "Location check", role = "editor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        var body = await created.JsonAsync();

        var read = await (await admin.GetAsync(location)).JsonAsync();
        Assert.Equal(body.GetProperty("id").GetGuid(), read.GetProperty("id").GetGuid());
        Assert.Equal("editor", read.GetProperty("role").GetString());
        Assert.False(read.TryGetProperty("key", out _), "a key's secret is shown only when it is created");

        (await admin.DeleteAsync(location)).EnsureSuccessStatusCode();
        var revoked = await (await admin.GetAsync(location)).JsonAsync();
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        await (await admin.GetAsync($"/v1/manage/keys/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
