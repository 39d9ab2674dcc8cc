using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Access;

public sealed class KeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>
    /// Why timing cannot reveal a key: the presented key is hashed first and the row is found by that SHA-256 through the
    /// unique index, so nothing stored is ever compared with the secret itself, and a guess right in its first n characters
    /// has a hash no closer to the real one than any other guess.
    /// </summary>
    [Fact]
    public async Task AKeyIsFoundByTheSha256OfWhatWasSentNeverByComparingTheSecret()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var key = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "hashed lookup", role = "editor" })).JsonAsync()).GetProperty("key").GetString()!;
        var sha = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM api_key WHERE hash = @sha", new { sha }));
        // The lookup's only condition on the secret is equality of that hash, which the unique index answers.
        await db.ExecuteAsync("SET enable_seqscan = off");
        var plan = await db.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + KetamineContent.Api.Access.ApiKeyStore.FindByHash, new { Hash = sha });
        var node = System.Text.Json.JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan");
        Assert.True(node.GetProperty("Node Type").GetString() is "Index Scan", plan);
        Assert.Equal("api_key_hash_key", node.GetProperty("Index Name").GetString());
        var condition = node.GetProperty("Index Cond").GetString()!;
        Assert.StartsWith("(hash = ", condition, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(sha).ToLowerInvariant(), condition, StringComparison.Ordinal);

        // Guesses that share all but the last character, or all but the first, are refused alike.
        foreach (var guess in new[] { key[..^1] + (key[^1] == 'A' ? 'B' : 'A'), "kc_" + (key[3] == 'A' ? 'B' : 'A') + key[4..] })
        {
            using var client = api.Client(guess);
            await (await client.GetAsync("/v1/manage/articles")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task AKeyIsShownOnceStoredOnlyAsAHashAndRevokedAtOnce()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "web editor", role = "editor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetGuid();
        Assert.StartsWith("kc_", key, StringComparison.Ordinal);

        var listed = await (await admin.GetAsync("/v1/manage/keys")).JsonAsync();
        var entry = listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        Assert.False(entry.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, listed.ToString(), StringComparison.Ordinal);

        await using (var db = await api.OpenDatabaseAsync())
        {
            var stored = await db.ExecuteScalarAsync<string>("SELECT row_to_json(k)::text FROM api_key k WHERE id = @id", new { id });
            Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(key[10..], stored, StringComparison.Ordinal);
        }

        using var editor = api.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/v1/manage/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/keys/{id}")).StatusCode);
        await (await editor.GetAsync("/v1/manage/articles")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await admin.DeleteAsync($"/v1/manage/keys/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AKeyWithAnUnknownRoleIsRefused()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var problem = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "x", role = "superuser" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
    }

    [Fact]
    public async Task TheKeysCreateCommandPrintsAWorkingKey()
    {
        var result = await Cli.RunAsync(api.ConnectionString, "keys", "create", "--role", "reviewer", "--name", "cli reviewer");
        Assert.True(result.Code == 0, result.Output);
        var key = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();

        using var reviewer = api.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync("/v1/manage/articles")).StatusCode);
        using var admin = api.Client(ApiFactory.AdminKey);
        var listed = await (await admin.GetAsync("/v1/manage/keys")).JsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), k => k.GetProperty("name").GetString() == "cli reviewer" && k.GetProperty("role").GetString() == "reviewer");
    }

    [Fact]
    public async Task KeysMadeOrRevokedByTheCommandLineOrTheBootstrapSettingAreAuditedLikeThoseOfTheApi()
    {
        using var admin = api.Client(ApiFactory.AdminKey);
        var viaApi = (await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "api audited", role = "editor" })).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/manage/keys/{viaApi}")).StatusCode);

        var created = await Cli.RunAsync(api.ConnectionString, "keys", "create", "--role", "editor", "--name", "cli audited");
        Assert.True(created.Code == 0, created.Output);
        var viaCli = Guid.Parse(created.Stdout[(created.Stdout.IndexOf('(', StringComparison.Ordinal) + 1)..created.Stdout.IndexOf(')', StringComparison.Ordinal)]);
        var revoked = await Cli.RunAsync(api.ConnectionString, "keys", "revoke", viaCli.ToString());
        Assert.True(revoked.Code == 0, revoked.Output);
        var missing = await Cli.RunAsync(api.ConnectionString, "keys", "revoke", Guid.NewGuid().ToString());
        Assert.Equal(1, missing.Code);

        await using var db = await api.OpenDatabaseAsync();
        var bootstrap = await db.ExecuteScalarAsync<Guid>("SELECT id FROM api_key WHERE name = 'bootstrap admin'");
        var apiRows = await AuditAsync(db, viaApi);
        var cliRows = await AuditAsync(db, viaCli);
        var bootstrapRows = await AuditAsync(db, bootstrap);
        Assert.Equal(["key.created", "key.revoked"], apiRows.Select(r => r.Action));
        Assert.Equal(["key.created", "key.revoked"], cliRows.Select(r => r.Action));
        Assert.Equal(["key.created"], bootstrapRows.Select(r => r.Action));
        Assert.All(cliRows, r => Assert.Equal(("command line", "system"), (r.Actor, r.Role)));
        Assert.Equal(("Auth:BootstrapAdminKey", "system"), (bootstrapRows[0].Actor, bootstrapRows[0].Role));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(apiRows[i].DetailKeys, cliRows[i].DetailKeys);
        }

        Assert.Equal(apiRows[0].DetailKeys, bootstrapRows[0].DetailKeys);
        Assert.Equal(0, await db.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM api_key k WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'key.created' AND a.detail->>'id' = k.id::text)"));
    }

    private static async Task<List<(string Action, string Actor, string Role, string DetailKeys)>> AuditAsync(Npgsql.NpgsqlConnection db, Guid keyId) =>
        (await db.QueryAsync<(string, string, string, string)>("""
            SELECT action, actor, role, (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(detail) k)
            FROM audit_log WHERE detail->>'id' = @Id ORDER BY id
            """, new { Id = keyId.ToString() })).ToList();
}
