using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Http;

/// <summary>
/// Every error, whatever produced it (authentication, routing, binding, body reading, JSON parsing, limits), is
/// problem+json whatever the client accepts, with the title of its kind, the security headers, and no framework wording.
/// </summary>
public sealed class ErrorAnswerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] FrameworkWording =
    [
        "Implicit body inferred", "Failed to read parameter", "Failed to bind parameter", "Required parameter", "Expected a supported JSON media type",
        "Did you mean", "System.", "Microsoft.", "KetamineContent.", "Status Code:", "   at ",
    ];

    public static TheoryData<string, string, string?, HttpStatusCode, string> Cases => new()
    {
        { "GET", "/v1/manage/articles", null, HttpStatusCode.Unauthorized, "Unauthorized" },
        { "GET", "/v1/manage/articles", "kc_not-a-real-key-000000000000000000", HttpStatusCode.Unauthorized, "Unauthorized" },
        { "GET", "/v1/manage/articles", "Basic dXNlcjpwYXNz", HttpStatusCode.Unauthorized, "Unauthorized" },
        { "GET", "/v1/no-such-route", null, HttpStatusCode.NotFound, "Not found" },
        { "GET", "/v1/articles/no-such-article-anywhere", null, HttpStatusCode.NotFound, "Not found" },
        { "GET", "/v1/manage/articles/not-a-guid", ApiFactory.AdminKey, HttpStatusCode.NotFound, "Not found" },
        { "DELETE", "/v1/topics", null, HttpStatusCode.MethodNotAllowed, "Method not allowed" },
        { "GET", "/v1/articles?limit=abc", null, HttpStatusCode.BadRequest, "One or more validation errors occurred." },
        { "GET", "/v1/articles?limit=0", null, HttpStatusCode.BadRequest, "One or more validation errors occurred." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ErrorsAreProblemJsonWhateverTheClientAccepts(string method, string path, string? key, HttpStatusCode status, string title)
    {
        foreach (var accept in new[] { "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml", "text/plain", "image/png", "application/json", "" })
        {
            using var client = api.Client(null);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", key.StartsWith("Basic", StringComparison.Ordinal) ? key : "Bearer " + key);
            }

            using var response = await client.SendAsync(request);
            await AssertOneVoiceAsync(response, status, title);
        }
    }

    [Fact]
    public async Task A405NamesTheAllowedMethods()
    {
        using var client = api.Client(null);
        using var response = await client.DeleteAsync("/v1/topics");
        await AssertOneVoiceAsync(response, HttpStatusCode.MethodNotAllowed, "Method not allowed");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AMissingBodyIsAPlainBadRequest()
    {
        using var editor = api.Client(ApiFactory.AdminKey);
        using var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await editor.PostAsync("/v1/manage/articles", empty);
        var body = await AssertOneVoiceAsync(response, HttpStatusCode.BadRequest, "Bad request");
        Assert.Equal("The request body is required.", body.GetProperty("detail").GetString());

        using var none = await editor.PostAsync("/v1/manage/articles", null);
        await AssertOneVoiceAsync(none, HttpStatusCode.BadRequest, "Bad request");
    }

    [Theory]
    [InlineData("{\"slug\": ")]
    [InlineData("{\"slug\": \"x\",}")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    public async Task MalformedJsonIsABadRequestInTheApisOwnWords(string json)
    {
        using var editor = api.Client(ApiFactory.AdminKey);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await editor.PostAsync("/v1/manage/articles", content);
        var body = await AssertOneVoiceAsync(response, HttpStatusCode.BadRequest, null);
        Assert.Contains("body", body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ABodyThatIsNotJsonIs415(string contentType)
    {
        using var editor = api.Client(ApiFactory.AdminKey);
        using var content = new StringContent("{}", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await editor.PostAsync("/v1/manage/articles", content);
        var body = await AssertOneVoiceAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type");
        Assert.Contains("application/json", body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413()
    {
        using var editor = api.Client(ApiFactory.AdminKey);
        using var content = new StringContent("{\"slug\":\"" + new string('s', 1_200_000) + "\"}", Encoding.UTF8, "application/json");
        using var response = await editor.PostAsync("/v1/manage/articles", content);
        var body = await AssertOneVoiceAsync(response, HttpStatusCode.RequestEntityTooLarge, "Payload too large");
        Assert.Contains("1048576", body.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--x--\r\n")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncut short")]
    [InlineData("multipart/form-data; boundary=x", "garbage")]
    public async Task AMalformedMultipartBodyIsABadRequest(string contentType, string body)
    {
        using var editor = api.Client(ApiFactory.AdminKey);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await editor.PostAsync("/v1/manage/articles/import?topic=depression", content);
        var problem = await AssertOneVoiceAsync(response, HttpStatusCode.BadRequest, "Bad request");
        Assert.Contains("multipart", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    /// <summary>problem+json with this status (and title when given), the security headers, the trace id, and no framework wording.</summary>
    internal static async Task<JsonElement> AssertOneVoiceAsync(HttpResponseMessage response, HttpStatusCode status, string? title)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = await response.AssertProblemAsync(status);
        if (title is not null)
        {
            Assert.True(title == body.GetProperty("title").GetString(), $"expected the title '{title}': {text}");
        }

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(body.TryGetProperty("traceId", out var traceId) && traceId.GetString() is { Length: > 0 }, $"no traceId: {text}");
        Assert.All(FrameworkWording, w => Assert.DoesNotContain(w, text, StringComparison.Ordinal));
        return body;
    }
}
