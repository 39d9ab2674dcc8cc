using System.Text.Json.Nodes;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Contract;

/// <summary>
/// The contract says only what a client may send: an input schema requires only fields a client writes, and the
/// read-only fields it lists (echoes of what the client read, accepted and ignored so edits round-trip) are optional
/// and are fields of some answer; nothing server-internal (such as a computed effective value) appears.
/// </summary>
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
        var readOnly = new List<(string Where, string Name)>();
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            Walk(input, "body");
        }

        Assert.Contains("ArticleInput", seen);
        var answerFields = schemas.Where(s => !seen.Contains(s.Key))
            .SelectMany(s => s.Value!["properties"]?.AsObject().Select(p => p.Key) ?? [])
            .ToHashSet(StringComparer.Ordinal);
        problems.AddRange(readOnly.Where(r => !answerFields.Contains(r.Name))
            .Select(r => $"{r.Where}.{r.Name} is read-only and no answer carries it: a client can neither write nor echo it"));
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
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
            problems.AddRange(required.Where(r => properties?[r] is null).Select(r => $"{where} requires '{r}', which it does not define"));
            foreach (var (name, property) in properties ?? [])
            {
                if ((bool?)property!["readOnly"] == true)
                {
                    readOnly.Add((where, name));
                    if (required.Contains(name))
                    {
                        problems.Add($"{where} requires '{name}', which is read-only: a client cannot be required to send it");
                    }
                }

                Walk(property, $"{where}.{name}");
            }
        }
    }
}
