using System.Net;
using System.Net.Http.Json;
using KetamineContent.Tests.Infrastructure;
using KetamineContent.Tests.Sync;

namespace KetamineContent.Tests.Security;

/// <summary>OWASP API1 (object level): without a key, nothing unpublished is reachable through any public endpoint.</summary>
public sealed class ObjectLevelTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task DraftsScheduledAndWithdrawnRevisionsAreUnreachableWithoutAKey()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var reader = api.Client(null);
        const string Marker = "zanzibarquokka";
        var draftSlug = Articles.NewSlug("secret-draft");
        await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(draftSlug, $"Draft {Marker}", sideEffects: $"Unreviewed {Marker} text."));

        // Published revision 1, then a newer revision 2 that is reviewed and only scheduled for the future.
        var slug = Articles.NewSlug("secret-future");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Public title");
        await (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, $"Future {Marker}", sideEffects: $"Future {Marker} text."))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await Articles.PublishAsync(reviewer, id, 2, DateTimeOffset.UtcNow.AddDays(30))).StatusCode);

        var sync = new SyncClient(reader);
        await sync.SyncAsync(limit: 50);
        var bodies = new List<string>();
        foreach (var path in new[]
        {
            $"/v1/articles?limit=100", $"/v1/articles?tag=sleep&limit=100", $"/v1/articles/{slug}", $"/v1/articles/{slug}?format=html",
            $"/v1/articles/{slug}?format=text", $"/v1/articles/{slug}?format=jsonld", $"/v1/articles/{slug}/sections/side_effects",
            $"/v1/articles/{slug}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(60).ToString("O"))}",
            $"/v1/search?q={Marker}", $"/v1/search?q=future", "/v1/sync?limit=100", "/v1/topics",
            $"/v1/articles/{draftSlug}", $"/v1/articles/{draftSlug}/sections/mechanism", $"/v1/articles/{draftSlug}?format=jsonld",
            $"/v1/articles/{draftSlug}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}",
        })
        {
            var response = await reader.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.All(bodies, b => Assert.DoesNotContain(Marker, b, StringComparison.Ordinal));
        Assert.Equal(1, sync.Held[id]);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/v1/articles/{draftSlug}")).StatusCode);
        var search = await (await reader.GetAsync($"/v1/search?q={Marker}")).JsonAsync();
        Assert.Empty(search.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AnOverlongUrlIs414AndSyncHonoursSparseFields()
    {
        using var reader = api.Client(null);
        await (await reader.GetAsync("/v1/articles?tag=" + new string('a', 9000))).AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
        var page = await (await reader.GetAsync("/v1/sync?limit=2&fields=title")).JsonAsync();
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.Equal(["id", "slug", "title"], i.EnumerateObject().Select(p => p.Name).ToArray()));
    }
}

public sealed class HttpsConfigurationTests
{
    [Fact]
    public async Task HstsAndHttpsRedirectionAreOffByDefaultAndOnByConfiguration()
    {
        await using (var plain = new ApiFactory())
        {
            await plain.InitializeAsync();
            var response = await plain.Client(null).GetAsync("/v1/topics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }

        await using var secured = new ApiFactory().With("Security:HttpsRedirection", "true").With("Security:Hsts", "true").With("https_port", "443");
        await secured.InitializeAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = secured.Client(null).BaseAddress };
        var redirected = await client.GetAsync("/v1/articles/ketamine-for-anxiety");
        Assert.True(redirected.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"got {(int)redirected.StatusCode}");
        Assert.StartsWith("https://", redirected.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
