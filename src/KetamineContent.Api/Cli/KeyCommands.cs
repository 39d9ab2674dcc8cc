using KetamineContent.Api.Access;
using KetamineContent.Api.Data;

namespace KetamineContent.Api.Cli;

/// <summary>keys create --role ROLE --name NAME | keys list | keys revoke ID</summary>
internal static class KeyCommands
{
    public const string Help = "keys create --role previewer|editor|reviewer|admin --name NAME (prints the key once); keys list; keys revoke ID; " +
                               "keys login-link --key-id ID [--base-url URL] (a one-time sign-in link to the console)";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var keys = new ApiKeyStore(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), new KeyCache(TimeProvider.System));
        switch (args.FirstOrDefault())
        {
            case "create":
                var role = Option(args, "--role");
                var name = Option(args, "--name");
                if (!Roles.IsKnown(role) || string.IsNullOrWhiteSpace(name) || name.Length > 100)
                {
                    await Console.Error.WriteLineAsync("usage: keys create --role previewer|editor|reviewer|admin --name NAME (at most 100 characters)");
                    return 2;
                }

                var created = await keys.CreateAsync(Actor.CommandLine, name.Trim(), role!, CancellationToken.None);
                Console.WriteLine($"Created {created.Role} key '{created.Name}' ({created.Id}). It is shown only now:");
                Console.WriteLine(created.Key);
                return 0;
            case "list":
                foreach (var key in await keys.ListAsync(CancellationToken.None))
                {
                    Console.WriteLine($"{key.Id}  {key.Role,-8}  {key.Prefix}...  {(key.RevokedAt is null ? "active " : "revoked")}  {key.Name}");
                }

                return 0;
            case "login-link":
                return await LoginLinkAsync(services, args);
            case "revoke" when args.Length > 1 && Guid.TryParse(args[1], out var id):
                if (await keys.RevokeAsync(Actor.CommandLine, id, CancellationToken.None))
                {
                    Console.WriteLine($"Revoked {id}.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"error: no key has the id {id}");
                return 1;
            default:
                await Console.Error.WriteLineAsync("usage: " + Help);
                return 2;
        }
    }

    private static async Task<int> LoginLinkAsync(IServiceProvider services, string[] args)
    {
        if (!Guid.TryParse(Option(args, "--key-id"), out var keyId))
        {
            await Console.Error.WriteLineAsync("usage: keys login-link --key-id ID [--base-url URL] (ids: keys list)");
            return 2;
        }

        var options = services.GetRequiredService<IConfiguration>().GetSection("Console").Get<EditorialConsole.ConsoleOptions>() ?? new EditorialConsole.ConsoleOptions();
        var sessions = new EditorialConsole.ConsoleSessions(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), Microsoft.Extensions.Options.Options.Create(options));
        var token = await sessions.CreateLoginLinkAsync(keyId, CancellationToken.None);
        if (token is null)
        {
            await Console.Error.WriteLineAsync($"error: no active key has the id {keyId}");
            return 1;
        }

        var baseUrl = (Option(args, "--base-url") ?? "http://127.0.0.1:8080").TrimEnd('/');
        Console.WriteLine($"One-time sign-in link (valid {options.LoginLinkMinutes} minutes):");
        Console.WriteLine($"{baseUrl}/console/sign-in/link?token={token}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
