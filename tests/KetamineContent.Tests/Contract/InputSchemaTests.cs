using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>The contract says only what a client may send: input schemas hold no read-only (server-computed) fields.</summary>
public sealed class InputSchemaTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task RequestBodySchemasListOnlyFieldsAClientSends()
    {
        using var client = api.CreateClient();
        var doc = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var inputs = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject())
            .Select(o => o.Value!["requestBody"]?["content"]?["application/json"]?["schema"])
            .OfType<JsonNode>()
            .ToList();
        Assert.NotEmpty(inputs);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            Walk(input, "body");
        }

        Assert.Contains("ArticleInput", seen);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        void Walk(JsonNode schema, string where)
        {
            if ((string?)schema["$ref"] is { } reference)
            {
                var name = reference.Split('/')[^1];
                if (seen.Add(name))
                {
                    Walk(schemas[name]!, name);
                }

                return;
            }

            if (schema["items"] is { } items)
            {
                Walk(items, where + "[]");
            }

            var properties = schema["properties"]?.AsObject();
            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (properties?[required] is null)
                {
                    problems.Add($"{where} requires '{required}', which it does not define");
                }
            }

            foreach (var (name, property) in properties ?? [])
            {
                if ((bool?)property!["readOnly"] == true)
                {
                    problems.Add($"{where}.{name} is read-only: a client cannot send it, so an input schema must not list it");
                }

                Walk(property, $"{where}.{name}");
            }
        }
    }
}
