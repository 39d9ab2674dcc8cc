using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using KetamineContent.Tests.Infrastructure;
using Npgsql;

namespace KetamineContent.Tests.Webhooks;

/// <summary>The API killed while a delivery is in flight: after a restart the delivery is made (at least once, same webhook-id).</summary>
public sealed class WebhookRestartTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks__AllowPrivateTargets"] = "true",
        ["Webhooks__PollIntervalSeconds"] = "0.1",
        ["Webhooks__RetryBaseSeconds"] = "0.2",
        ["Webhooks__LeaseSeconds"] = "2",
        ["Webhooks__TimeoutSeconds"] = "30",
    };

    [Fact]
    public async Task ADeliveryInterruptedByAKillIsMadeAfterTheRestart()
    {
        var cs = await TestDatabase.CreateSeededAsync();
        await using var receiver = await Receiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(20);
        string secret;
        await using (var api = await ApiProcess.StartAsync(cs, Settings))
        {
            using var admin = api.Client(ApiFactory.AdminKey);
            var created = await (await admin.PostAsJsonAsync("/v1/manage/webhooks", new { url = receiver.Url, events = new[] { "article.published" } })).JsonAsync();
            secret = created.GetProperty("secret").GetString()!;
            var keyResponse = await (await admin.PostAsJsonAsync("/v1/manage/keys", new { name = "restart reviewer", role = "reviewer" })).JsonAsync();
            using var reviewer = api.Client(keyResponse.GetProperty("key").GetString());
            await Articles.PublishedAsync(reviewer, reviewer, Articles.NewSlug("restart"));

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (receiver.Received.IsEmpty && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.False(receiver.Received.IsEmpty, "the delivery never started");
            api.Kill();
        }

        await using (var db = new NpgsqlConnection(cs))
        {
            Assert.Equal("pending", await db.ExecuteScalarAsync<string>("SELECT status FROM webhook_delivery"));
        }

        receiver.Delay = TimeSpan.Zero;
        await using var restarted = await ApiProcess.StartAsync(cs, Settings);
        await using var check = new NpgsqlConnection(cs);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (await check.ExecuteScalarAsync<string>("SELECT status FROM webhook_delivery") != "delivered" && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Equal("delivered", await check.ExecuteScalarAsync<string>("SELECT status FROM webhook_delivery"));
        var messages = receiver.Received.ToList();
        Assert.True(messages.Count >= 2, $"{messages.Count} request(s) reached the receiver");
        Assert.Single(messages.Select(m => m.Id).Distinct());
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        Assert.All(messages, m => Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{m.Id}.{m.Timestamp}.{m.Body}"))), m.Signature));
    }
}
