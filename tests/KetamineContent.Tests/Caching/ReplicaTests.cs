using System.Net;
using KetamineContent.Api.Data;
using KetamineContent.LocalPostgres;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Caching;

/// <summary>A real streaming replica (pg_basebackup -R) serving public reads, and the primary taking over when it stops.</summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task DeliveryReadsFromTheReplicaAndFallsBackToThePrimaryWhenItStops()
    {
        var (primary, connectionString) = await TestDatabase.StartPrivateClusterAsync("replica-primary");
        var replica = LocalCluster.StartReplica(primary, new LocalClusterOptions
        {
            RootDirectory = primary.RootDirectory + "-standby",
            Durable = false,
        });
        try
        {
            await using var api = new ApiFactory().OnDatabase(connectionString)
                .With("ConnectionStrings:ContentReplica", replica.ConnectionString("content"));
            await api.InitializeAsync();
            var delivery = api.Services.GetRequiredService<DeliverySource>();
            Assert.True(delivery.HasReplica);
            using var reader = api.Client(null);

            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/articles/ketamine-for-anxiety")).StatusCode);
            Assert.True(delivery.ReplicaReads > 0, "delivery did not read from the replica");

            // A publish on the primary reaches readers through the replica once it has replayed it.
            using var editor = api.Client(await api.KeyAsync("editor"));
            using var reviewer = api.Client(await api.KeyAsync("reviewer"));
            var slug = Articles.NewSlug("replicated");
            await Articles.PublishedAsync(editor, reviewer, slug);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await reader.GetAsync($"/v1/articles/{slug}")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/v1/articles/{slug}")).StatusCode);

            replica.Stop();
            var primaryReads = delivery.PrimaryReads;
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/articles/ketamine-for-addiction")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/v1/articles?topic=depression")).StatusCode);
            Assert.True(delivery.PrimaryReads > primaryReads, "delivery did not fall back to the primary");
        }
        finally
        {
            replica.Stop();
            primary.Stop();
        }
    }
}
