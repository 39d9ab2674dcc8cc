using Dapper;
using KetamineContent.Api.Access;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace KetamineContent.Api.EditorialConsole;

/// <summary>
/// In Development only: once the server listens, prints a one-time sign-in link to the console for a local admin
/// key ("development console"), so the README's run command alone leads a newcomer into the console.
/// </summary>
internal sealed class DevelopmentSignIn(
    IHostApplicationLifetime lifetime, IServer server, NpgsqlDataSource dataSource, ApiKeyStore keys, ConsoleSessions sessions,
    ILogger<DevelopmentSignIn> logger) : IHostedService
{
    public const string KeyName = "development console";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = PrintAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync()
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            var id = await connection.ExecuteScalarAsync<Guid?>(ConsoleSql.DevelopmentKey, new { Name = KeyName })
                     ?? (await keys.CreateAsync(Actor.System, KeyName, Roles.Admin, CancellationToken.None)).Id;
            var token = await sessions.CreateLoginLinkAsync(id, CancellationToken.None);
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
            logger.LogWarning("Editorial console: open {Link} to sign in as the local admin (one-time link; make another with 'keys login-link --key-id {KeyId}').",
                $"{address.TrimEnd('/')}/console/sign-in/link?token={token}", id);
        }
        catch (NpgsqlException ex)
        {
            logger.LogWarning(ex, "No console sign-in link: the database is not reachable.");
        }
    }
}
