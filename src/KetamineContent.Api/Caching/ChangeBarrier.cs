using System.Collections.Concurrent;
using KetamineContent.Api.Writes;
using Npgsql;

namespace KetamineContent.Api.Caching;

/// <summary>
/// Read-your-writes on the node that wrote: after a command commits, it sends a barrier notification on the change
/// channel and waits (bounded) until this node's listener has seen it. PostgreSQL delivers notifications in commit
/// order, so by then every invalidation the command caused has been applied here, and the writer's next read is fresh.
/// </summary>
public sealed class ChangeBarrier
{
    /// <summary>The payload's prefix; no article payload starts with it (those start with a GUID).</summary>
    public const string Prefix = "barrier ";

    private const string Send = "SELECT pg_notify('" + ChangeLog.Channel + "', @Payload)";

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>Set by the listener while its connection is up; with none, nothing is waited for.</summary>
    public bool Listening { get; set; }

    /// <summary>Sends a barrier on <paramref name="connection"/> (outside any transaction) and returns what to await once the connection is released.</summary>
    public async Task<Func<Task>> SendAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!Listening)
        {
            return static () => Task.CompletedTask;
        }

        var token = Guid.NewGuid().ToString("N");
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[token] = seen;
        try
        {
            await using var command = new NpgsqlCommand(Send, connection);
            command.Parameters.AddWithValue("Payload", Prefix + token);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The command has committed already; a barrier that cannot be sent only loses the wait.
            _waiting.TryRemove(token, out _);
            return static () => Task.CompletedTask;
        }

        return async () =>
        {
            try
            {
                await seen.Task.WaitAsync(MaxWait);
            }
            catch (TimeoutException)
            {
                // Bounded: a listener far behind delays no answer by more than MaxWait.
            }
            finally
            {
                _waiting.TryRemove(token, out _);
            }
        };
    }

    /// <summary>True when the payload is a barrier (the listener then calls <see cref="Seen"/> once it has applied what came before).</summary>
    public static bool IsBarrier(string payload, out string token)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var barrier = payload.StartsWith(Prefix, StringComparison.Ordinal);
        token = barrier ? payload[Prefix.Length..] : "";
        return barrier;
    }

    public void Seen(string token)
    {
        if (_waiting.TryGetValue(token, out var seen))
        {
            seen.TrySetResult();
        }
    }

    /// <summary>The listener lost its connection: nobody waits for what it will never see.</summary>
    public void ReleaseAll()
    {
        foreach (var seen in _waiting.Values)
        {
            seen.TrySetResult();
        }
    }
}
