using Npgsql;
using NpgsqlTypes;

namespace KetamineContent.Api.Data;

/// <summary>
/// Where public delivery reads go: the replica (ConnectionStrings:ContentReplica) when one is configured, up and
/// caught up with the last change readers were told about; otherwise the primary. Management reads and every
/// write use the primary data source directly.
/// </summary>
public sealed class DeliverySource(NpgsqlDataSource primary, ContentDatabase database, TimeProvider clock, ILogger<DeliverySource> logger) : IDisposable
{
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(5);
    private readonly NpgsqlDataSource? _replica = database.ReplicaConnectionString is { } cs ? new NpgsqlDataSourceBuilder(cs) { Name = "replica" }.Build() : null;
    private long _requiredLsn;
    private long _downUntil;
    private long _replicaReads;
    private long _primaryReads;

    public bool HasReplica => _replica is not null;

    public long ReplicaReads => Interlocked.Read(ref _replicaReads);

    public long PrimaryReads => Interlocked.Read(ref _primaryReads);

    /// <summary>The primary's WAL position when readers were last told of a change; a replica must have replayed it.</summary>
    public void Require(NpgsqlLogSequenceNumber lsn)
    {
        var value = (long)(ulong)lsn;
        long current;
        do
        {
            current = Interlocked.Read(ref _requiredLsn);
            if (value <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _requiredLsn, value, current) != current);
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        if (_replica is not null && clock.GetTimestamp() >= Interlocked.Read(ref _downUntil))
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = await _replica.OpenConnectionAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", connection);
                var replayed = await command.ExecuteScalarAsync(ct) is NpgsqlLogSequenceNumber lsn ? (long)(ulong)lsn : 0;
                if (replayed >= Interlocked.Read(ref _requiredLsn))
                {
                    Interlocked.Increment(ref _replicaReads);
                    return connection;
                }

                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                Interlocked.Exchange(ref _downUntil, clock.GetTimestamp() + (long)(DownFor.TotalSeconds * TimeProvider.System.TimestampFrequency));
                logger.LogWarning("Replica unreachable ({Error}); delivery reads go to the primary for {Seconds} s", ex.Message, DownFor.TotalSeconds);
            }
        }

        Interlocked.Increment(ref _primaryReads);
        return await primary.OpenConnectionAsync(ct);
    }

    public void Dispose() => _replica?.Dispose();
}
