using Npgsql;

namespace KetamineContent.Api.Data;

/// <summary>
/// The database's own safety nets: a deadlock (40P01) or a serialization failure (40001) rolls a transaction
/// back although nothing was wrong with it. Such a transaction is run once more; if it fails again the caller
/// answers 503 with Retry-After (see Http/ExceptionToProblem).
/// </summary>
public static class TransactionConflicts
{
    public static bool IsConflict(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>Runs the attempt; after a conflict, runs <paramref name="reset"/> and the attempt once more.</summary>
    public static async Task<T> RetryOnceAsync<T>(Func<Task<T>> attempt, Func<Task> reset)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(reset);
        try
        {
            return await attempt();
        }
        catch (Exception ex) when (IsConflict(ex))
        {
            await reset();
        }

        return await attempt();
    }
}
