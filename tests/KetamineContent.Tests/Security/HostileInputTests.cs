using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace KetamineContent.Tests.Security;

/// <summary>
/// Walks every operation of openapi/v1.json with thousands of hostile requests (reproducible: a fixed seed, printed;
/// set KC_FUZZ_SEED to replay another): hostile path and query values, repeated and unknown query parameters, varied
/// Accept, Content-Type, Authorization, If-Match, If-None-Match and Idempotency-Key, malformed bodies, valid JSON
/// of the wrong shape, and well-formed content of hostile structure (deep Markdown, nested Word and HTML). Every answer must be below 500, every error problem+json, and a refused write must leave the
/// database exactly as it was.
/// </summary>
public sealed class HostileInputTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const int RequestsPerOperation = 150;
    private const int AtLeast = 5_000;

    /// <summary>The walk's fixed seed (printed; KC_FUZZ_SEED replays another): the same requests on every run.</summary>
    private const int Seed = 20_261_207;

    private static readonly string[] Strings =
    [
        "", " ", "a", new string('a', 5000), "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f", "%2F", "%5C", "%00", "%FF%FE%FD",
        "' OR 1=1 --", "'; DROP TABLE article; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "javascript:alert(1)", "${jndi:ldap://x}",
        "-1", "0", "1", "2147483648", "99999999999999999999", "1e309", "NaN", "-0", "0x10", "null", "true", "[]", "{}",
        "😀", "ﬀ", "%E2%80%AE", "%0d%0aX-Injected:%201", "*", "\\", "%", "%%", "&", "=", "?", "#", "ketamine-for-anxiety",
        "6b1f0c1e-0004-4000-8000-000000000004", "00000000-0000-0000-0000-000000000000", "side_effects", "published", "title",
        // The Infobutton's values: code system OIDs (one malformed), codes of each system, its response types and recipients.
        "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96", "2.16.840.1.113883.6.88", "2.16.840.1.113883.6.", "F32.9", "f50.819", "F32.", "35489007",
        "6130", "text/xml", "application/json", "PAT", "PROV",
    ];

    private static readonly Dictionary<string, string[]> HeaderValues = new(StringComparer.Ordinal)
    {
        ["Accept"] = ["text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml", "text/plain", "image/png", "application/json",
            "application/problem+json", "application/ld+json", "text/markdown", "*/*", "", "garbage;;q=", "application/json;q=0"],
        ["If-Match"] = ["\"1\"", "W/\"1\"", "*", "1", "\"1\", *", "garbage", "\"\"", "\"2\", \"3\"", new string('x', 300), ","],
        ["If-None-Match"] = ["\"1\"", "W/\"1\"", "*", "1", "garbage", "\"\"", "\"a\", W/\"b\"", new string('x', 300), ","],
        ["Idempotency-Key"] = ["", " ", "k", new string('k', 300), "key with spaces", "%FF%FE", "\"quoted\"", "a,b", "6b1f0c1e-0004-4000-8000-000000000004"],
        ["Accept-Language"] = ["de-CH;q=abc", "de-DE,de;q=0.9,en;q=0.8", "*", "xx", "", new string('l', 300)],
        ["Accept-Encoding"] = ["br;q=0", "gzip, br", "identity;q=0", "*;q=0", "garbage"],
    };

    private static readonly string[] BodyTypes =
    [
        "application/json", "application/json", "application/json", "application/merge-patch+json", "text/plain", "application/xml", "text/markdown", "text/html",
        "multipart/form-data", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/json; charset=utf-16", "application/json; charset=\"", "*/*", "",
    ];

    private static readonly string[] UnknownQuery = ["foo=bar", "utm_source=x", "Limit=5", "limit[]=1", "=x", "&&", "a", "%00=%00", "cursor", "locale=de&locale=en"];

    /// <summary>Valid JSON of the wrong shape: every request body type gets objects, arrays and scalars where the other was expected.</summary>
    private static readonly string[] WrongShapes =
    [
        "\"a string\"", "42", "true", "[]", "[{\"slug\":\"x\"}]", "{\"slug\":[\"a\"],\"sections\":{\"kind\":1}}", "{\"title\":{\"x\":1}}",
        "{\"sections\":[1,2,3]}", "{\"sections\":[null]}", "{\"sections\":[{\"kind\":[],\"heading\":{},\"body\":7,\"cites\":\"1\"}]}",
        "{\"references\":[{\"url\":5,\"title\":[]}]}", "{\"tags\":\"ketamine\"}", "{\"tags\":[1,{}]}", "{\"revision\":\"1\",\"at\":5}", "{\"revision\":[1]}",
        "{\"events\":\"article.published\",\"url\":[]}", "{\"url\":{\"href\":\"https://example.org\"},\"events\":[1]}", "{\"role\":[\"admin\"],\"name\":5}",
        "{\"reviewedBy\":{},\"notes\":[]}", "{\"reason\":5,\"replacementSlug\":[]}", "{\"slug\":null,\"topic\":null,\"title\":null,\"sections\":null}",
        "{\"locale\":1,\"changeNote\":false}", "{\"\":1}", "{\"slug\":\"a\",\"slug\":\"b\"}", "{\"title\":\"A\",\"title\":\"B\"}", "{\"references\":[{\"url\":\"https://example.org\",\"url\":\"https://example.org\"}]}",
        "{\"name\":\"a\",\"role\":\"editor\",\"role\":\"admin\"}", "{\"alt\":\"a\",\"alt\":\"b\"}", "{\"changeNote\":\"a\",\"changeNote\":null}", "{\"content\":{\"title\":1}}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":[[[[[]]]]]}}}}}",
    ];

    [Fact]
    public async Task EveryOperationAnswersHostileInputWithoutA5xxAndRefusedWritesChangeNothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("KC_FUZZ_SEED"), out var s) ? s : Seed;
        output.WriteLine($"hostile input walk: KC_FUZZ_SEED={seed}");
        var random = new Random(seed);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "openapi", "v1.json")))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key.ToUpperInvariant(), Op: o.Value!)))
            .ToList();
        Assert.True(operations.Count >= 20);
        Assert.Contains(operations, o => o.Path == "/v1/infobutton" && o.Method == "GET");

        await using (var db = await api.OpenDatabaseAsync())
        {
            ArticleIds = (await db.QueryAsync<Guid>("SELECT id FROM article ORDER BY id")).Select(g => g.ToString()).ToArray();
        }

        string[] authorizations =
        [
            "Bearer " + ApiFactory.AdminKey, "Bearer " + ApiFactory.AdminKey, "Bearer " + ApiFactory.AdminKey, "Bearer " + ApiFactory.AdminKey,
            "Bearer " + await api.KeyAsync("editor"), "Bearer " + await api.KeyAsync("reviewer"), "", "Bearer", "Bearer ", "Bearer garbage",
            "bearer " + ApiFactory.AdminKey, "Bearer " + ApiFactory.AdminKey + " extra", "Basic dXNlcjpwYXNz", "Token abc", "Bearer " + new string('k', 300),
        ];
        using var client = api.Client(null);
        client.Timeout = TimeSpan.FromSeconds(30);
        var failures = new List<string>();
        var sent = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (path, method, op) in operations)
        {
            var queryNames = op["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToList() ?? [];
            for (var i = 0; i < RequestsPerOperation; i++)
            {
                using var request = Build(random, method, path, queryNames, op["requestBody"] is not null, Pick(random, authorizations));
                var isWrite = method is "POST" or "DELETE" or "PUT" or "PATCH";
                var before = isWrite ? await SnapshotAsync() : null;
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException ex)
                {
                    failures.Add($"{method} {request.RequestUri}: connection failed: {ex.Message}");
                    continue;
                }

                using (response)
                {
                    sent++;
                    var status = (int)response.StatusCode;
                    var type = response.Content.Headers.ContentType?.MediaType;
                    var what = $"{method} {request.RequestUri} ({Describe(request)})";
                    if (status >= 500)
                    {
                        failures.Add($"{status} for {what}: {await response.Content.ReadAsStringAsync()}");
                    }
                    else if (status == 400 && type is null && request.RequestUri!.AbsolutePath.Contains("%00", StringComparison.Ordinal))
                    {
                        // A NUL byte in the URL path is refused by Kestrel while parsing the request line, before any
                        // application code (or problem-details writer) runs: its 400 has no body. Nothing else may do that.
                    }
                    else if (status >= 400 && type != "application/problem+json")
                    {
                        failures.Add($"{status} without problem+json ({type}) for {what}");
                    }

                    if (isWrite && status >= 400 && await SnapshotAsync() != before)
                    {
                        failures.Add($"refused {what} ({status}) changed the database");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(sent >= AtLeast, $"only {sent} requests were answered");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures, first ones:\n" + string.Join("\n", failures.Take(15)));
    }

    /// <summary>The ids of the articles in the database: some requests name a real one, so they get past the 404.</summary>
    private static string[] ArticleIds { get; set; } = [];

    /// <summary>The request's headers for a failure message (the admin key masked, long values cut).</summary>
    private static string Describe(HttpRequestMessage request)
    {
        var headers = request.Headers.Select(h => (h.Key, Value: string.Join(", ", h.Value)))
            .Concat(request.Content?.Headers.Select(h => (h.Key, Value: string.Join(", ", h.Value))) ?? [])
            .Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "..." : h.Value)}".Replace(ApiFactory.AdminKey, "<admin>", StringComparison.Ordinal));
        return string.Join("; ", headers);
    }

    private static HttpRequestMessage Build(Random random, string method, string template, List<string> queryNames, bool hasBody, string authorization)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => Value(random, m.Groups[1].Value, inPath: true));
        var parts = queryNames.Where(_ => random.Next(3) > 0).Select(n => $"{n}={Value(random, n, inPath: false)}").ToList();
        if (queryNames.Count > 0 && random.Next(4) == 0)
        {
            var repeated = Pick(random, [.. queryNames]);
            parts.AddRange(Enumerable.Range(0, random.Next(2, 4)).Select(_ => $"{repeated}={Value(random, repeated, inPath: false)}"));
        }

        if (random.Next(4) == 0)
        {
            parts.Add(Pick(random, UnknownQuery));
        }

        if (random.Next(10) == 0)
        {
            parts.Add("limit=" + Pick(random, ["-5", "0", "abc", "1e3", "99999999999", "%00"]));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(parts));
        var query = string.Join('&', parts);
        var request = new HttpRequestMessage(new HttpMethod(method), path + (query.Length > 0 ? "?" + query : ""));
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        foreach (var (header, values) in HeaderValues.Where(_ => random.Next(3) == 0))
        {
            request.Headers.TryAddWithoutValidation(header, Pick(random, values));
        }

        if (random.Next(40) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Huge", new string('h', 40_000));
        }

        if (hasBody || random.Next(8) == 0)
        {
            request.Content = Body(random);
        }

        return request;
    }

    private static string Value(Random random, string name, bool inPath)
    {
        var value = random.Next(4) == 0
            ? name switch
            {
                "id" or "articleId" => random.Next(2) == 0 && ArticleIds.Length > 0 ? Pick(random, ArticleIds) : Guid.NewGuid().ToString(),
                "number" or "a" or "b" => random.Next(-2, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Pick(random, Strings),
            }
            : Pick(random, Strings);
        return value.Contains('%', StringComparison.Ordinal) ? value : Uri.EscapeDataString(value);
    }

    private static ByteArrayContent Body(Random random)
    {
        var valid = """{"slug":"fuzz-article","topic":"depression","tags":["ketamine"],"locale":"en","title":"T","summary":"s","disclaimer":"d","sections":[{"kind":"mechanism","heading":"h","body":"b"},{"kind":"what_to_expect","heading":"h","body":"b"},{"kind":"side_effects","heading":"h","body":"b"}],"references":[],"changeNote":"n"}""";
        var choice = random.Next(26);
        if (choice >= 22)
        {
            return HostileStructure(choice, valid);
        }

        var text = choice switch
        {
            0 => valid[..random.Next(1, valid.Length)],
            1 => valid.Replace("\"T\"", "5", StringComparison.Ordinal),
            2 => valid.Replace("\"sections\":[", "\"sections\":null,\"x\":[", StringComparison.Ordinal),
            3 => new string('[', 5000) + new string(']', 5000),
            4 => "{\"slug\":\"" + new string('s', 100_000) + "\"}",
            5 => "{\"sections\":[" + string.Join(',', Enumerable.Repeat("{\"kind\":\"mechanism\",\"heading\":\"h\",\"body\":\"b\"}", 5000)) + "]}",
            6 => "null",
            7 => "",
            8 => valid.Replace("\"b\"", "\"\\u0000\\u0001\"", StringComparison.Ordinal),
            9 => "{\"id\":\"6b1f0c1e-0004-4000-8000-000000000004\",\"status\":\"published\",\"revision\":9}",
            10 => "{\"name\":\"fuzz\",\"role\":\"" + Pick(random, Strings) + "\"}",
            11 => "{\"revision\":" + Pick(random, ["-1", "0", "\"1\"", "1.5", "99999999999", "null"]) + ",\"at\":\"" + Pick(random, Strings) + "\"}",
            12 => "{\"reviewedBy\":" + Pick(random, ["null", "5", "\"\"", "\"" + new string('r', 3000) + "\""]) + "}",
            13 => "{\"reason\":\"" + new string('r', 500) + "\",\"replacementSlug\":\"Not Slug\"}",
            14 => "<xml>not json</xml>",
            >= 16 => Pick(random, WrongShapes),
            _ => valid.Replace("fuzz-article", Pick(random, Strings), StringComparison.Ordinal),
        };
        var bytes = random.Next(12) == 0
            ? [(byte)'{', (byte)'"', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xFF, 0xFE, 0xC0, (byte)'"', (byte)'}']
            : (choice == 8 && random.Next(2) == 0 ? Encoding.Latin1 : Encoding.UTF8).GetBytes(text);
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", Pick(random, BodyTypes));
        return content;
    }

    /// <summary>
    /// Well-formed content of hostile structure, sent with its own media type: a section body nested past Markdig's
    /// limit, a .docx of 20,000 nested w:smartTag, an HTML page of 20,000 unclosed div, Markdown of 130 nested quotes.
    /// </summary>
    private static ByteArrayContent HostileStructure(int choice, string valid)
    {
        var (bytes, type) = choice switch
        {
            22 => (Encoding.UTF8.GetBytes(valid.Replace("\"body\":\"b\"", "\"body\":\"" + new string('>', 130) + " b\"", StringComparison.Ordinal)), "application/json"),
            23 => (Import.HostileDocuments.NestedSmartTags(20_000), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            24 => (Encoding.UTF8.GetBytes(Import.HostileDocuments.UnclosedDivs(20_000)), "text/html"),
            _ => (Encoding.UTF8.GetBytes(Import.HostileDocuments.DeepQuotes(130)), "text/markdown"),
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private async Task<string> SnapshotAsync()
    {
        await using var db = await api.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<string>("""
            SELECT (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) FROM article a)
                || (SELECT md5(coalesce(string_agg(k::text, ',' ORDER BY id), '')) FROM api_key k)
                || (SELECT count(*) FROM revision) || '/' || (SELECT count(*) FROM section) || '/' || (SELECT count(*) FROM reference)
                || '/' || (SELECT count(*) FROM review) || '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT count(*) FROM idempotency_record)
                || '/' || (SELECT count(*) FROM publication_event) || '/' || (SELECT count(*) FROM sync_change)
                || '/' || (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY id), '')) FROM scheduled_publication s)
            """) ?? "";
    }
}
