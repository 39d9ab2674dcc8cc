using System.Security.Cryptography;
using System.Text;

namespace KetamineContent.Api.Data;

/// <summary>One forward-only schema change: a numbered .sql file from migrations/.</summary>
public sealed record Migration(string Id, string Sql)
{
    public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n")))).ToLowerInvariant();

    /// <summary>The migrations compiled into this assembly, in order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return new Migration(Path.GetFileNameWithoutExtension(n["migrations/".Length..]), reader.ReadToEnd());
            })
            .ToList();
    }
}

public sealed class MigrationChecksumException(string id, string applied, string current)
    : Exception($"Migration {id} was edited after it was applied (applied checksum {applied}, file checksum {current}). " +
                "Applied migrations are forward-only: restore the file and add a new migration instead.")
{
    public string MigrationId { get; } = id;
}

public sealed class MigrationFailedException(string id, Exception inner)
    : Exception($"Migration {id} failed and nothing of this run was applied: {inner.Message}", inner);
