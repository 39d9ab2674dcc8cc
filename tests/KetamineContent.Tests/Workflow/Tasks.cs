using System.Net.Http.Json;

namespace KetamineContent.Tests.Workflow;

/// <summary>Calls of the task endpoints, as a front end sends them.</summary>
public static class Tasks
{
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, Guid articleId, string title, string assignee = "reviewer", int? revision = null) =>
        client.PostAsJsonAsync($"/v1/manage/articles/{articleId}/tasks", new { title, assignee, revision });

    public static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, Guid articleId, Guid taskId, string verb, string? ifMatch, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/manage/articles/{articleId}/tasks/{taskId}/{verb}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
