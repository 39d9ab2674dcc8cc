using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Sync;

/// <summary>An offline app's view: article id to the revision (and the whole document) it holds, kept by applying sync pages.</summary>
public sealed class SyncClient(HttpClient http, string filters = "")
{
    public Dictionary<Guid, int> Held { get; } = [];

    public Dictionary<Guid, string> Documents { get; } = [];

    public string? Cursor { get; private set; }

    public List<JsonElement> LastDeleted { get; } = [];

    /// <summary>Pages until hasMore is false (calling <paramref name="afterPage"/> after each); returns the number of requests.</summary>
    public async Task<int> SyncAsync(int limit = 7, Func<SyncClient, Task>? afterPage = null)
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
                Documents[item.GetProperty("id").GetGuid()] = item.GetRawText();
            }

            foreach (var deleted in page.GetProperty("deleted").EnumerateArray())
            {
                Held.Remove(deleted.GetProperty("id").GetGuid());
                Documents.Remove(deleted.GetProperty("id").GetGuid());
                LastDeleted.Add(deleted.Clone());
            }

            Cursor = page.GetProperty("nextCursor").GetString();
            more = page.GetProperty("hasMore").GetBoolean();
            requests++;
            if (afterPage is not null)
            {
                await afterPage(this);
            }
        }
        while (more && requests < 1000);

        return requests;
    }

    /// <summary>The feed number the cursor stands at once the snapshot is done (null while still in the snapshot).</summary>
    public long? DeltaPosition()
    {
        var cursor = Cursor!;
        var payload = cursor[..cursor.IndexOf('.', StringComparison.Ordinal)].Replace('-', '+').Replace('_', '/');
        var wire = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))).RootElement;
        return wire.GetProperty("P").GetString() == "d" ? wire.GetProperty("N").GetInt64() : null;
    }
}
