using System.Net;
using System.Net.Http.Json;
using KetamineContent.Api.Caching;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Workflow;

/// <summary>Previews for front ends: a previewer key or a preview link shows the latest revision in the delivery shape, never cached.</summary>
public sealed class PreviewTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>A published article (revision 1, "Published title") with a newer draft revision 2 ("Draft title").</summary>
    private async Task<(Guid Id, string Slug)> PublishedWithDraftAsync(HttpClient editor, HttpClient reviewer)
    {
        var slug = Articles.NewSlug("preview");
        var id = await Articles.PublishedAsync(editor, reviewer, slug, "Published title");
        Assert.Equal(HttpStatusCode.Created, (await Articles.ReviseAsync(editor, id, "\"1\"", Articles.Body(slug, "Draft title"))).StatusCode);
        return (id, slug);
    }

    private static void AssertPrivate(HttpResponseMessage response)
    {
        Assert.Equal("private, no-store", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
    }

    [Fact]
    public async Task APreviewerKeyReadsTheLatestDraftExactlyInTheDeliveryShape()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var previewer = api.Client(await api.KeyAsync("previewer"));
        using var reader = api.Client(null);
        var (_, slug) = await PublishedWithDraftAsync(editor, reviewer);

        var latest = await previewer.GetAsync($"/v1/preview/articles/{slug}");
        AssertPrivate(latest);
        var draft = await latest.JsonAsync();
        Assert.Equal(2, draft.GetProperty("revision").GetInt32());
        Assert.Equal("Draft title", draft.GetProperty("title").GetString());

        // The published revision previewed is byte for byte what readers get, in every body format: one mapping.
        foreach (var format in new[] { "markdown", "html", "text" })
        {
            var published = await reader.GetStringAsync($"/v1/articles/{slug}?format={format}");
            var preview = await previewer.GetAsync($"/v1/preview/articles/{slug}?revision=1&format={format}");
            AssertPrivate(preview);
            Assert.Equal(published, await preview.Content.ReadAsStringAsync());
        }

        await (await previewer.GetAsync($"/v1/preview/articles/{slug}?revision=9")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await previewer.GetAsync($"/v1/preview/articles/{slug}?format=bogus")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await previewer.GetAsync($"/v1/preview/articles/{slug}?locale=xx_YY")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task APreviewerReadsDraftsButWritesNothing()
    {
        using var previewer = api.Client(await api.KeyAsync("previewer"));
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("never-published");
        var (id, _, _) = await Articles.CreateAsync(editor, slug, "Only a draft");

        Assert.Equal("Only a draft", (await (await previewer.GetAsync($"/v1/preview/articles/{slug}")).JsonAsync()).GetProperty("title").GetString());
        var list = await previewer.GetAsync("/v1/preview/articles?limit=100");
        AssertPrivate(list);
        Assert.Contains((await list.JsonAsync()).GetProperty("items").EnumerateArray(), i => i.GetProperty("slug").GetString() == slug);

        await (await previewer.PostAsJsonAsync("/v1/manage/articles", Articles.Body(Articles.NewSlug("refused")))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await previewer.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { expiresInHours = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await previewer.GetAsync($"/v1/manage/articles/{id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, (await (await editor.GetAsync($"/v1/manage/articles/{id}")).JsonAsync()).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task WithoutAKeyOrALinkAPreviewIs401()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("no-key");
        await Articles.CreateAsync(editor, slug);
        foreach (var key in new[] { null, "kc_not-a-real-key" })
        {
            using var client = api.Client(key);
            foreach (var path in new[] { $"/v1/preview/articles/{slug}", "/v1/preview/articles" })
            {
                var response = await client.GetAsync(path);
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
                Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
                AssertPrivate(response);
            }
        }
    }

    [Fact]
    public async Task APreviewLinkEndsWithTheKeyThatMadeItAndOpensOnlyItsOwnRevision()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var made = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = $"leaving editor {Guid.NewGuid():N}", role = "editor" })).JsonAsync();
        using var editor = api.Client(made.GetProperty("key").GetString());
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var anonymous = api.Client(null);
        var (id, slug) = await PublishedWithDraftAsync(editor, reviewer);
        var token = (await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { expiresInHours = 168 })).JsonAsync())
            .GetProperty("token").GetString();

        // A link without a fixed revision shows the latest draft, and no older revision through ?revision=.
        Assert.Equal("Draft title", (await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={token}")).JsonAsync()).GetProperty("title").GetString());
        await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={token}&revision=1")).AssertProblemAsync(HttpStatusCode.NotFound);

        // The editor leaves: their key is revoked, and with it every link they made.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/keys/{made.GetProperty("id").GetGuid()}")).StatusCode);
        await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={token}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var links = await (await reviewer.GetAsync($"/v1/manage/articles/{id}/preview-links")).JsonAsync();
        Assert.All(links.GetProperty("items").EnumerateArray(), l => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, l.GetProperty("revokedAt").ValueKind));
    }

    [Fact]
    public async Task APreviewLinkShowsOneDraftWithoutAKeyUntilItIsRevokedOrExpires()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var anonymous = api.Client(null);
        var (id, slug) = await PublishedWithDraftAsync(editor, reviewer);
        var (otherId, _) = await PublishedWithDraftAsync(editor, reviewer);

        var created = await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { expiresInHours = 24 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await created.JsonAsync();
        var token = link.GetProperty("token").GetString()!;
        var url = link.GetProperty("url").GetString()!;
        Assert.StartsWith("pv_", token, StringComparison.Ordinal);
        Assert.EndsWith($"/v1/preview/articles/{slug}?token={token}", url, StringComparison.Ordinal);
        Assert.InRange(link.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));

        var shown = await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={token}");
        AssertPrivate(shown);
        Assert.Equal("Draft title", (await shown.JsonAsync()).GetProperty("title").GetString());

        // The link opens its own article only; an altered token is refused before the database is asked.
        var other = (await (await editor.GetAsync($"/v1/manage/articles/{otherId}")).JsonAsync()).GetProperty("slug").GetString();
        await (await anonymous.GetAsync($"/v1/preview/articles/{other}?token={token}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={forged}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/v1/preview/articles?token={token}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        // A link fixed to revision 1 shows revision 1 even after more drafts.
        var fixedLink = await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { revision = 1, expiresInHours = 1 })).JsonAsync();
        var fixedToken = fixedLink.GetProperty("token").GetString();
        Assert.Equal(1, (await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={fixedToken}")).JsonAsync()).GetProperty("revision").GetInt32());

        // Listed without tokens; revoked: 401 at once; revoking again is 204; another article's link id is 404.
        var links = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview-links")).JsonAsync();
        Assert.Equal(2, links.GetProperty("items").GetArrayLength());
        Assert.All(links.GetProperty("items").EnumerateArray(), l => Assert.Equal(System.Text.Json.JsonValueKind.Null, l.GetProperty("token").ValueKind));
        var linkId = link.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/v1/manage/articles/{id}/preview-links/{linkId}")).StatusCode);
        await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={token}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/v1/manage/articles/{id}/preview-links/{linkId}")).StatusCode);
        await (await editor.DeleteAsync($"/v1/manage/articles/{otherId}/preview-links/{linkId}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // Expired: the fixed link's lifetime moved into the past (the row is the only place expiry lives).
        await using (var db = await api.OpenDatabaseAsync())
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE preview_link SET created_at = now() - interval '3 hours', expires_at = now() - interval '1 hour' WHERE id = @id", db);
            command.Parameters.AddWithValue("id", fixedLink.GetProperty("id").GetGuid());
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await (await anonymous.GetAsync($"/v1/preview/articles/{slug}?token={fixedToken}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>A browser that neither follows redirects nor keeps cookies: each request carries exactly what the test gives it.</summary>
    private HttpClient Bare() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = api.Client(null).BaseAddress };

    private static async Task<HttpResponseMessage> WithCookieAsync(HttpClient http, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task APreviewLinkTradesItsTokenForACookieAndRedirectsToTheUrlWithoutIt()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var browser = Bare();
        var (id, slug) = await PublishedWithDraftAsync(editor, reviewer);
        var (_, other) = await PublishedWithDraftAsync(editor, reviewer);
        var link = await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { expiresInHours = 2 })).JsonAsync();
        var token = link.GetProperty("token").GetString()!;

        // Opening the link: 303 to the same URL without the token (other parameters kept), the token now a cookie for this path.
        using var opened = await browser.GetAsync($"/v1/preview/articles/{slug}?locale=en&token={token}");
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        AssertPrivate(opened);
        var location = opened.Headers.Location!.OriginalString;
        Assert.Equal($"/v1/preview/articles/{slug}?locale=en", location);
        Assert.DoesNotContain(token, location, StringComparison.Ordinal);
        Assert.DoesNotContain("pv_", location, StringComparison.Ordinal);
        var setCookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        var jar = new CookieContainer();
        jar.SetCookies(new Uri(browser.BaseAddress!, location), setCookie);
        var cookie = Assert.Single(jar.GetAllCookies());
        Assert.Equal(("kc_preview", token, $"/v1/preview/articles/{slug}"), (cookie.Name, cookie.Value, cookie.Path));
        Assert.True(cookie.HttpOnly, setCookie);
        Assert.False(cookie.Secure, setCookie); // plain http here; over https the cookie is Secure
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(cookie.Expires.ToUniversalTime(), link.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime.AddSeconds(-2), link.GetProperty("expiresAt").GetDateTimeOffset().UtcDateTime.AddSeconds(2));
        Assert.Empty(jar.GetCookies(new Uri(browser.BaseAddress!, $"/v1/preview/articles/{other}"))); // another article's path never gets it

        // Opened with a trailing slash, the cookie is still set for the article's preview path (it was the request's own spelling).
        using var slashed = await browser.GetAsync($"/v1/preview/articles/{slug}/?token={token}");
        Assert.Equal(HttpStatusCode.SeeOther, slashed.StatusCode);
        Assert.Contains($"path=/v1/preview/articles/{slug};", Assert.Single(slashed.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        // The cookie opens the draft; without it there is no preview; with it another article is not opened.
        var shown = await WithCookieAsync(browser, location, $"kc_preview={token}");
        AssertPrivate(shown);
        Assert.Equal("Draft title", (await shown.JsonAsync()).GetProperty("title").GetString());
        await (await browser.GetAsync(location)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await WithCookieAsync(browser, $"/v1/preview/articles/{other}", $"kc_preview={token}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await browser.GetAsync($"/v1/preview/articles/{other}?token={token}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A forged cookie is refused with problem+json and removed; so is an invalid token in the URL (no cookie set).
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var refused = await WithCookieAsync(browser, location, $"kc_preview={forged}");
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(refused.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kc_preview=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));
        using var badLink = await browser.GetAsync($"/v1/preview/articles/{slug}?token={forged}");
        await badLink.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(badLink.Headers.Contains("Set-Cookie"));
        Assert.Null(badLink.Headers.Location);

        // Expired (the row is the only place expiry lives): the cookie stops working at once.
        await using (var db = await api.OpenDatabaseAsync())
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE preview_link SET created_at = now() - interval '3 hours', expires_at = now() - interval '1 hour' WHERE id = @id", db);
            command.Parameters.AddWithValue("id", link.GetProperty("id").GetGuid());
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await (await WithCookieAsync(browser, location, $"kc_preview={token}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync($"/v1/preview/articles/{slug}?token={token}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task APreviewLinkLivesAtMostAWeekAndNeedsARealRevision()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var (id, _, _) = await Articles.CreateAsync(editor, Articles.NewSlug("bounds"));
        foreach (var body in new object[] { new { expiresInHours = 169 }, new { expiresInHours = 0 }, new { revision = 0, expiresInHours = 1 } })
        {
            await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", body)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { revision = 2, expiresInHours = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await editor.PostAsJsonAsync($"/v1/manage/articles/{Guid.NewGuid()}/preview-links", new { expiresInHours = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync($"/v1/manage/articles/{id}/preview-links", new { expiresInHours = 168 })).StatusCode);
    }

    [Fact]
    public async Task APreviewReadNeverChangesWhatAPublicReadReturnsBeforeOrAfter()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var reviewer = api.Client(await api.KeyAsync("reviewer"));
        using var previewer = api.Client(await api.KeyAsync("previewer"));
        using var reader = api.Client(null);
        var cache = api.Services.GetRequiredService<ResponseCache>();

        // Preview first, on a cold cache for this slug: the public read that follows still serves the published revision.
        var (_, slug) = await PublishedWithDraftAsync(editor, reviewer);
        var link = await (await editor.PostAsJsonAsync($"/v1/manage/articles/{(await (await editor.GetAsync($"/v1/manage/articles?slug={slug}")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid()}/preview-links", new { expiresInHours = 1 })).JsonAsync();
        var entries = cache.Count;
        Assert.Equal("Draft title", (await (await previewer.GetAsync($"/v1/preview/articles/{slug}")).JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("Draft title", (await (await reader.GetAsync($"/v1/preview/articles/{slug}?token={link.GetProperty("token").GetString()}")).JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(entries, cache.Count);

        var before = await reader.GetAsync($"/v1/articles/{slug}");
        var beforeBody = await before.Content.ReadAsStringAsync();
        Assert.Contains("Published title", beforeBody, StringComparison.Ordinal);
        Assert.StartsWith("public", before.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // Then preview again with every variation, and the public answer (now from the cache) is the same bytes and ETag.
        foreach (var query in new[] { "", "?format=html", "?revision=2", "?locale=en" })
        {
            Assert.Equal(HttpStatusCode.OK, (await previewer.GetAsync($"/v1/preview/articles/{slug}{query}")).StatusCode);
        }

        var after = await reader.GetAsync($"/v1/articles/{slug}");
        Assert.Equal(beforeBody, await after.Content.ReadAsStringAsync());
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        var list = await reader.GetStringAsync("/v1/articles?limit=100");
        Assert.DoesNotContain("Draft title", list, StringComparison.Ordinal);
    }
}
