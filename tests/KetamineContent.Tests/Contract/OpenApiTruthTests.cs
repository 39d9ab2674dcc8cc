using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>The served contract documents headers, problem members, error examples and required parameters as the API answers them.</summary>
public sealed class OpenApiTruthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] ProblemMembers = ["type", "title", "status", "detail", "instance", "traceId", "errors", "reasons", "currentRevision", "currentETag", "reason", "replacementSlug", "replacement", "withdrawnAt", "linkedFrom", "articles"];

    private async Task<JsonNode> DocumentAsync() =>
        JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;

    private static IEnumerable<(string Name, JsonNode Op)> Operations(JsonNode doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => ($"{o.Key.ToUpperInvariant()} {p.Key}", o.Value!)));

    [Fact]
    public async Task EveryErrorResponseHasAProblemExampleOfItsOwnStatus()
    {
        var doc = await DocumentAsync();
        foreach (var (name, op) in Operations(doc))
        {
            var examples = new Dictionary<string, string>();
            foreach (var (status, response) in op["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                var media = response!["content"]?["application/problem+json"];
                Assert.True(media is not null, $"{name} {status} is not documented as application/problem+json");
                var example = media!["example"]!;
                var exampleStatus = (int)example["status"]!;
                Assert.True(status == "4XX" ? exampleStatus is >= 400 and < 500 : exampleStatus.ToString(System.Globalization.CultureInfo.InvariantCulture) == status,
                    $"{name} {status} has the example of a {exampleStatus}");
                Assert.All(example.AsObject(), m => Assert.Contains(m.Key, ProblemMembers));
                examples[status] = example.ToJsonString();
            }

            Assert.Equal(examples.Count, examples.Values.Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public async Task ProblemSchemasDeclareEveryExtensionMemberAndNoOthers()
    {
        var doc = await DocumentAsync();
        foreach (var name in new[] { "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var schema = doc["components"]!["schemas"]![name]!;
            Assert.Equal(ProblemMembers.Order(StringComparer.Ordinal), schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.False((bool)schema["additionalProperties"]!);
        }
    }

    [Fact]
    public async Task HeadersBodiesAndRequiredParametersAreDocumented()
    {
        var doc = await DocumentAsync();
        foreach (var (name, op) in Operations(doc))
        {
            var responses = op["responses"]!.AsObject();
            if (responses["429"] is { } tooMany)
            {
                Assert.True((bool)tooMany["headers"]!["Retry-After"]!["required"]!, $"{name} 429 lacks Retry-After");
            }

            if (op["requestBody"] is not null)
            {
                Assert.True(responses["413"] is not null && responses["415"] is not null, $"{name} reads a body but documents no 413 or 415");
            }
        }

        var get = doc["paths"]!["/v1/articles/{slug}"]!["get"]!["responses"]!["200"]!["headers"]!.AsObject();
        Assert.All(new[] { "ETag", "Cache-Control", "Vary", "Surrogate-Key", "Content-Language" }, h => Assert.True(get.ContainsKey(h), h));
        Assert.NotNull(doc["paths"]!["/v1/articles"]!["get"]!["responses"]!["200"]!["headers"]!["Link"]);
        Assert.NotNull(doc["paths"]!["/v1/manage/articles/{id}/publish"]!["post"]!["responses"]!["200"]!["headers"]!["Idempotent-Replayed"]);
        var q = doc["paths"]!["/v1/search"]!["get"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "q")!;
        Assert.True((bool)q["required"]!);
    }

    [Fact]
    public async Task HeadersTheApiSendsAreTheDocumentedOnes()
    {
        var doc = await DocumentAsync();
        using var editor = api.Client(await api.KeyAsync("editor"));
        using var created = await editor.PostAsJsonAsync("/v1/manage/articles", Articles.Body(Articles.NewSlug("openapi-headers")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        AssertDocumented(doc, "/v1/manage/articles", "post", "201", created);

        using var article = await api.CreateClient().GetAsync("/v1/articles/ketamine-for-anxiety");
        AssertDocumented(doc, "/v1/articles/{slug}", "get", "200", article);
        using var page = await api.CreateClient().GetAsync("/v1/articles?limit=1");
        AssertDocumented(doc, "/v1/articles", "get", "200", page);
        using var unauthorized = await api.Client("kc_not-a-key-0000000000000000").GetAsync("/v1/manage/articles");
        AssertDocumented(doc, "/v1/manage/articles", "get", "401", unauthorized);
    }

    private static void AssertDocumented(JsonNode doc, string path, string method, string status, HttpResponseMessage response)
    {
        string[] everywhere = ["Date", "Server", "Transfer-Encoding", "Content-Type", "Content-Length", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"];
        var documented = doc["paths"]![path]![method]!["responses"]![status]!["headers"]?.AsObject().Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var sent = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(h => !everywhere.Contains(h, StringComparer.OrdinalIgnoreCase));
        Assert.All(sent, h => Assert.True(documented.Contains(h), $"{method} {path} {status} sends {h}, which the contract does not document"));
    }
}
