using System.Net;
using System.Net.Http.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Access;

public sealed class KeyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
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
