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
}
