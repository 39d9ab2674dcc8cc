using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Sync;

/// <summary>An offline app's view: article id to the revision it holds, kept by applying sync pages.</summary>
public sealed class SyncClient(HttpClient http, string filters = "")
{
    public Dictionary<Guid, int> Held { get; } = [];

    public string? Cursor { get; private set; }

    public List<JsonElement> LastDeleted { get; } = [];

    /// <summary>Pages until hasMore is false; returns the number of requests.</summary>
    public async Task<int> SyncAsync(int limit = 7)
    {
        LastDeleted.Clear();
        var requests = 0;
        bool more;
        do
        {
            var url = $"/v1/sync?limit={limit}{filters}" + (Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor));
            var page = await (await http.GetAsync(url)).JsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Held[item.GetProperty("id").GetGuid()] = item.GetProperty("revision").GetInt32();
            }

            foreach (var deleted in page.GetProperty("deleted").EnumerateArray())
            {
                Held.Remove(deleted.GetProperty("id").GetGuid());
                LastDeleted.Add(deleted.Clone());
            }

            Cursor = page.GetProperty("nextCursor").GetString();
            more = page.GetProperty("hasMore").GetBoolean();
            requests++;
        }
        while (more && requests < 1000);

        return requests;
    }
}
