using Dapper;
using KetamineContent.Api.Editing;
using KetamineContent.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineContent.Tests.Editing;

/// <summary>A scheduled publication's due time arrives: the schedule is moved to the database's now, then the scheduler's own job runs.</summary>
public static class Schedules
{
    public static async Task ComeDueAsync(ApiFactory api, Guid articleId)
    {
        await using (var db = await api.OpenDatabaseAsync())
        {
            Assert.Equal(1, await db.ExecuteAsync("UPDATE scheduled_publication SET at = now() WHERE article_id = @articleId AND state = 'pending'", new { articleId }));
        }

        // The job on its own interval may be applying it at the same moment (then this run skips the locked article and
        // that run commits it); either way the scheduler's path applies it: wait for the outcome, not for a time.
        var scheduler = api.Services.GetRequiredService<ScheduledPublisher>();
        await using var check = await api.OpenDatabaseAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int pending;
        do
        {
            await scheduler.RunDueAsync(CancellationToken.None);
            pending = await check.ExecuteScalarAsync<int>("SELECT count(*) FROM scheduled_publication WHERE article_id = @articleId AND state = 'pending'", new { articleId });
        }
        while (pending > 0 && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(0, pending);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
