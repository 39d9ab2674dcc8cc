using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Dapper;
using Npgsql;

namespace KetamineContent.Api.Writes;

/// <summary>
/// The statements of one command sent to PostgreSQL in one round trip, inside the command's transaction: Npgsql sends
/// a text of several statements as one batch, each statement parsed (and auto-prepared) on its own and run in order,
/// so a later statement sees what an earlier one wrote. The statements share one parameter set: a name used by two
/// of them must carry the same value (checked, a mismatch is a programming error). A batch read with
/// <see cref="QuerySingleOrDefaultAsync{T}"/> may hold no other statement that returns rows (the revision's batch holds
/// none: inserts, the bump, the audit row and the outbox event).
/// </summary>
public sealed class StatementBatch
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    private readonly List<string> _statements = [];
    private readonly DynamicParameters _parameters = new();
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public int Count => _statements.Count;

    public StatementBatch Add(string sql, object parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var property in Properties.GetOrAdd(parameters.GetType(), t => t.GetProperties()))
        {
            var value = property.GetValue(parameters);
            if (_values.TryGetValue(property.Name, out var earlier) && !SameValue(earlier, value))
            {
                throw new InvalidOperationException($"The batched statements give the parameter @{property.Name} two values.");
            }

            _values[property.Name] = value;
        }

        _statements.Add(sql);
        _parameters.AddDynamicParams(parameters);
        return this;
    }

    public async Task ExecuteAsync(NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (_statements.Count > 0)
        {
            await c.ExecuteAsync(Command(tx, ct));
        }
    }

    /// <summary>Runs the batch with <paramref name="sql"/> last, in the same round trip, and reads that query's row.</summary>
    public Task<T?> QuerySingleOrDefaultAsync<T>(NpgsqlConnection c, NpgsqlTransaction tx, string sql, object parameters, CancellationToken ct)
    {
        Add(sql, parameters);
        return c.QuerySingleOrDefaultAsync<T>(Command(tx, ct));
    }

    private CommandDefinition Command(NpgsqlTransaction tx, CancellationToken ct) =>
        new(string.Join(";\n", _statements), _parameters, tx, cancellationToken: ct);

    private static bool SameValue(object? a, object? b) =>
        Equals(a, b) || (a is IEnumerable x and not string && b is IEnumerable y and not string && x.Cast<object?>().SequenceEqual(y.Cast<object?>()));
}
