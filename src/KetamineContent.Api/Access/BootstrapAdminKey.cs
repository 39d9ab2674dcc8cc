using Microsoft.Extensions.Options;

namespace KetamineContent.Api.Access;

public sealed class AuthOptions
{
    /// <summary>Auth:BootstrapAdminKey: made an admin key at start-up when no admin key exists.</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary>Turns the configured bootstrap key into an admin key, once, if there is no admin yet.</summary>
public sealed class BootstrapAdminKey(IOptions<AuthOptions> options, ApiKeyStore keys, ILogger<BootstrapAdminKey> logger)
{
    public async Task ApplyAsync(CancellationToken ct)
    {
        var key = options.Value.BootstrapAdminKey;
        if (string.IsNullOrWhiteSpace(key) || await keys.AnyAdminAsync(ct))
        {
            return;
        }

        if (key.Length < 24)
        {
            throw new InvalidOperationException("Auth:BootstrapAdminKey must be at least 24 characters long.");
        }

        try
        {
            await keys.CreateAsync(Actor.Bootstrap, "bootstrap admin", Roles.Admin, ct, key);
            logger.LogInformation("Created the bootstrap admin key from Auth:BootstrapAdminKey");
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            logger.LogWarning("Auth:BootstrapAdminKey was used before and has been revoked; create an admin key with 'keys create --role admin'.");
        }
    }
}
