using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Releases;

/// <summary>Calls of the release endpoints, and articles made ready for one.</summary>
public static class ReleaseCalls
{
    public static async Task<(Guid Id, string ETag)> CreateAsync(HttpClient client, string title = "Updated guidance")
    {
        var response = await client.PostAsJsonAsync("/v1/manage/releases", new { title, notes = "Side effects sections." });
        var body = await response.JsonAsync();
        return (body.GetProperty("id").GetGuid(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Adds an item and returns the release's new ETag.</summary>
    public static async Task<string> AddAsync(HttpClient client, Guid release, string etag, Guid articleId, int revision)
    {
        var response = await SendAsync(client, HttpMethod.Post, $"/v1/manage/releases/{release}/items", etag, new { articleId, revision });
        await response.JsonAsync();
        return response.Headers.ETag!.Tag;
    }

    /// <summary>An article body with this title and an extra tag (to list a test's articles alone).</summary>
    public static JsonNode Body(string slug, string title, string tag)
    {
        var body = JsonSerializer.SerializeToNode(Articles.Body(slug, title))!;
        body["tags"] = new JsonArray("ketamine", tag);
        return body;
    }

    /// <summary>Published at revision 1 (title <paramref name="before"/>), with a reviewed revision 2 (title <paramref name="after"/>).</summary>
    public static async Task<Guid> PublishedWithReviewedDraftAsync(HttpClient editor, HttpClient reviewer, string slug, string tag, string before, string after)
    {
        var id = (await (await editor.PostAsJsonAsync("/v1/manage/articles", Body(slug, before, tag))).JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.ReviseAsync(editor, id, "\"1\"", Body(slug, after, tag))).JsonAsync();
        await (await Articles.ReviewAsync(reviewer, id, 2)).JsonAsync();
        return id;
    }
}

/// <summary>What readers are served once the change notification has reached the cache (it is asynchronous: a few ms).</summary>
public static class Served
{
    public static async Task<HttpStatusCodeAndTitle> EventuallyAsync(HttpClient reader, string slug, Func<HttpStatusCodeAndTitle, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await reader.GetAsync($"/v1/articles/{slug}");
            var title = response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("title").GetString() : null;
            var seen = new HttpStatusCodeAndTitle(response.StatusCode, title);
            if (done(seen) || DateTime.UtcNow > deadline)
            {
                return seen;
            }

            await Task.Delay(20);
        }
    }

    public static async Task<string?> TitleAsync(HttpClient reader, string slug, string expected) =>
        (await EventuallyAsync(reader, slug, s => s.Title == expected)).Title;

    public static async Task<System.Net.HttpStatusCode> StatusAsync(HttpClient reader, string slug, System.Net.HttpStatusCode expected) =>
        (await EventuallyAsync(reader, slug, s => s.Status == expected)).Status;
}

public sealed record HttpStatusCodeAndTitle(System.Net.HttpStatusCode Status, string? Title);
