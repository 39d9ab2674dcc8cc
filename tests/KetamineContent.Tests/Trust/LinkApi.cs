using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Trust;

/// <summary>An API with a configured public base URL, so resolved links are absolute.</summary>
public sealed class LinkApi : ApiFactory
{
    public const string Base = "https://content.example.org";

    public LinkApi() => With("Content:PublicBaseUrl", Base);
}

/// <summary>Bodies and calls for articles that link to each other.</summary>
public static class LinkedArticles
{
    /// <summary>An article body whose side effects section holds <paramref name="sideEffects"/> (Markdown) and that lists <paramref name="related"/>.</summary>
    public static System.Text.Json.Nodes.JsonObject Body(string slug, string sideEffects, string[]? related = null, string locale = "en", string title = "Ketamine and sleep")
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Articles.Body(slug, title, sideEffects))!.AsObject();
        body["locale"] = locale;
        if (related is not null)
        {
            body["related"] = new System.Text.Json.Nodes.JsonArray(related.Select(r => (System.Text.Json.Nodes.JsonNode?)r).ToArray());
        }

        return body;
    }

    /// <summary>Creates, reviews and publishes; returns the id (asserting each step succeeded).</summary>
    public static async Task<Guid> PublishAsync(HttpClient editor, HttpClient reviewer, System.Text.Json.Nodes.JsonObject body)
    {
        var created = await (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(editor, "/v1/manage/articles", body)).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        await (await Articles.ReviewAsync(reviewer, id, 1)).JsonAsync();
        await (await Articles.PublishAsync(reviewer, id, 1)).JsonAsync();
        return id;
    }
}
