using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KetamineContent.Api.Access;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Access;

/// <summary>Valid keys are held in memory on each node, and a revocation on one node reaches every node.</summary>
public sealed class KeyCacheTests
{
    [Fact]
    public async Task ARevocationOnOneNodeStopsTheKeyOnTheOtherNodeThatHeldItInMemory()
    {
        await using var nodeA = new ApiFactory();
        await nodeA.InitializeAsync();
        await using var nodeB = new ApiFactory().OnDatabase(nodeA.ConnectionString);
        await nodeB.InitializeAsync();

        using var adminA = nodeA.Client(ApiFactory.AdminKey);
        var created = await (await adminA.PostAsJsonAsync("/v1/manage/keys", new { name = "two nodes", role = "editor" })).JsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var secret = created.GetProperty("key").GetString()!;
        using var editorA = nodeA.Client(secret);
        using var editorB = nodeB.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await editorB.GetAsync("/v1/manage/articles?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editorA.GetAsync("/v1/manage/articles?limit=1")).StatusCode);
        var hash = Convert.ToHexString(ApiKeySecrets.Hash(secret));
        Assert.True(nodeB.Services.GetRequiredService<KeyCache>().TryGet(hash, out var held) && held.Id == id, "node B holds the key in memory");
        Assert.True(nodeA.Services.GetRequiredService<KeyCache>().TryGet(hash, out _), "node A holds the key in memory");

        Assert.Equal(HttpStatusCode.NoContent, (await adminA.DeleteAsync($"/v1/manage/keys/{id}")).StatusCode);
        var clock = Stopwatch.StartNew();
        // On the node that revoked it: at once.
        await (await editorA.GetAsync("/v1/manage/articles?limit=1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // On the other node: as soon as the notification arrives (milliseconds; the bound is far below the 60 s backstop a
        // lost notification would wait for, and leaves room for a loaded machine).
        HttpStatusCode status;
        do
        {
            status = (await editorB.GetAsync("/v1/manage/articles?limit=1")).StatusCode;
        }
        while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"node B took {clock.ElapsedMilliseconds} ms");
        Assert.False(nodeB.Services.GetRequiredService<KeyCache>().TryGet(hash, out _));
        for (var i = 0; i < 5; i++)
        {
            await (await editorB.GetAsync("/v1/manage/articles?limit=1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task ARevocationByTheCommandLineReachesTheRunningNode()
    {
        await using var api = new ApiFactory();
        await api.InitializeAsync();
        using var admin = api.Client(ApiFactory.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "cli revoked", role = "editor" })).JsonAsync();
        using var editor = api.Client(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/v1/manage/articles?limit=1")).StatusCode);

        var revoked = await Cli.RunAsync(api.ConnectionString, "keys", "revoke", created.GetProperty("id").GetGuid().ToString());
        Assert.True(revoked.Code == 0, revoked.Output);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        do
        {
            status = (await editor.GetAsync("/v1/manage/articles?limit=1")).StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
