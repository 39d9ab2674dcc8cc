using Npgsql;

namespace KetamineContent.Api.Writes;

/// <summary>
/// The one transaction of a write request (scoped). Handlers join it; <see cref="CommandFilter"/> commits it
/// when the answer is 2xx and rolls it back otherwise, so a refused command writes nothing.
/// </summary>
public sealed class CommandSession(NpgsqlDataSource dataSource, Caching.ChangeBarrier barrier) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    private readonly List<Action> _afterCommit = [];

    public bool Started => _transaction is not null;

    public async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginAsync(CancellationToken ct)
    {
        if (_connection is null || _transaction is null)
        {
            _connection = await dataSource.OpenConnectionAsync(ct);
            _transaction = await _connection.BeginTransactionAsync(ct);
        }

        return (_connection, _transaction);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (_transaction is not null)
        {
            Func<Task> applied;
            try
            {
                await _transaction.CommitAsync(ct);
                applied = await barrier.SendAsync(_connection!);
            }
            catch
            {
                _afterCommit.Clear(); // nothing committed: a retry registers its own
                throw;
            }
            finally
            {
                // A failed COMMIT (a deferred check, a deadlock at commit) has ended the transaction already: the caller's
                // rollback must find nothing to roll back, so the original error (retried or answered 503/4xx) is the one seen.
                await DisposeAsync();
            }

            foreach (var action in _afterCommit)
            {
                action();
            }

            await applied();
        }
    }

    /// <summary>Work for this node once the command has committed (for example dropping what it made stale in memory).</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public async Task RollbackAsync()
    {
        if (_transaction is not null)
        {
            _afterCommit.Clear();
            try
            {
                await _transaction.RollbackAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A broken connection cannot roll back; the server ends the transaction with it. The error that led
                // here, not this one, is the answer.
            }
            finally
            {
                await DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
