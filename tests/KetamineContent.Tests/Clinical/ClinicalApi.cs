using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Clinical;

/// <summary>The API with a reader site's article URLs (Content:ArticleUrlTemplate), and the calls the clinical tests share.</summary>
public sealed class ClinicalApi : ApiFactory
{
    public const string UrlTemplate = "https://example.org/{locale}/{slug}";

    public const string License = "https://creativecommons.org/licenses/by-nc-nd/4.0/";

    public ClinicalApi() => With("Content:ArticleUrlTemplate", UrlTemplate).With("Content:Publisher:Name", "Example Clinic Press")
        .With("Content:Publisher:Url", "https://example.org/").With("Content:Publisher:License", License)
        .With("Content:Publisher:Attribution", "From Example Clinic Press, reviewed by its clinicians.");

    /// <summary>A topic of the test's own (topics come with the schema; no endpoint creates one).</summary>
    public async Task<string> NewTopicAsync(string name)
    {
        var slug = "topic-" + Guid.NewGuid().ToString("N")[..12];
        await using var db = await OpenDatabaseAsync();
        await db.ExecuteAsync("INSERT INTO topic (slug, name) VALUES (@slug, @name)", new { slug, name });
        return slug;
    }

    /// <summary>PUT /v1/manage/topics/{slug}/codes with the ETag it currently has; asserts 200.</summary>
    public async Task<JsonElement> SetTopicCodesAsync(string topic, params object[] codes)
    {
        using var admin = Client(AdminKey);
        var etag = (await admin.GetAsync($"/v1/manage/topics/{topic}/codes")).Headers.ETag!.Tag;
        using var response = await admin.SendAsync(Put($"/v1/manage/topics/{topic}/codes", etag, new { codes }));
        return await response.JsonAsync();
    }

    public static HttpRequestMessage Put(string path, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    /// <summary>Creates, reviews and publishes an article about <paramref name="topic"/>; returns its id.</summary>
    public async Task<Guid> PublishedInAsync(string topic, string slug, string title)
    {
        using var editor = Client(await KeyAsync("editor"));
        using var reviewer = Client(await KeyAsync("reviewer"));
        var created = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(slug, title, topic: topic));
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
        return id;
    }

    /// <summary>Waits (generously) until <paramref name="condition"/> holds: cache invalidation reaches the node asynchronously.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for: " + what);
            await Task.Delay(50);
        }
    }
}
