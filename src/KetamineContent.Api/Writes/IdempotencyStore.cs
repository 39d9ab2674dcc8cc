using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace KetamineContent.Api.Writes;

/// <summary>Idempotency records, read and written inside the command's transaction.</summary>
public static class IdempotencyStore
{
    public const string HeaderName = "Idempotency-Key";

    private const string Lock = "SELECT pg_advisory_xact_lock(hashtextextended(@KeyId::text || '/' || @Key, 7))";

    private const string Find = """
        SELECT request_hash AS RequestHash, status AS Status, headers::text AS Headers, body AS Body
        FROM idempotency_record WHERE key_id = @KeyId AND idempotency_key = @Key
        """;

    private const string Save = """
        INSERT INTO idempotency_record (key_id, idempotency_key, request_hash, status, headers, body)
        VALUES (@KeyId, @Key, @RequestHash, @Status, @Headers::jsonb, @Body)
        """;

    public static byte[] RequestHash(string method, string pathAndQuery, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method + " " + pathAndQuery + "\n"));
        hash.AppendData(body);
        return hash.GetHashAndReset();
    }

    /// <summary>Serialises requests with the same key (a concurrent twin waits, then finds the record).</summary>
    public static Task LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid keyId, string key, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(Lock, new { KeyId = keyId, Key = key }, tx, cancellationToken: ct));

    public static async Task<(byte[] RequestHash, CapturedResponse Response)?> FindAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, Guid keyId, string key, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Find, new { KeyId = keyId, Key = key }, tx, cancellationToken: ct));
        return row is null
            ? null
            : (row.RequestHash, new CapturedResponse(row.Status, CapturedResponse.ParseHeaders(row.Headers), row.Body) { Replayed = true });
    }

    public static Task SaveAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid keyId, string key, byte[] requestHash, CapturedResponse response, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(Save, new
        {
            KeyId = keyId,
            Key = key,
            RequestHash = requestHash,
            response.Status,
            Headers = response.HeadersJson(),
            response.Body,
        }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public byte[] RequestHash { get; init; } = [];
        public int Status { get; init; }
        public string Headers { get; init; } = "{}";
        public byte[] Body { get; init; } = [];
    }
}
