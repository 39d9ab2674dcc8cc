using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Seeding;

namespace KetamineContent.Api.Cli;

/// <summary>
/// Commands of the API executable: <c>dotnet run --project src/KetamineContent.Api -- &lt;command&gt;</c>.
/// They use the same configuration (and, in Development, the same embedded PostgreSQL) as the web host.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["migrate"] = ("Apply pending migrations and exit.", MigrateAsync),
        ["seed"] = ("Load the sample articles (seeding twice changes nothing) and exit.", SeedAsync),
        ["check"] = ("Check the database connection and list pending migrations.", CheckAsync),
        ["keys"] = (KeyCommands.Help, KeyCommands.RunAsync),
        ["import"] = (ImportCommand.Help, ImportCommand.RunAsync),
        ["export"] = ("export [--output FILE]: every article with every revision, reviews, audit and the rest, as one JSON document (streamed; stdout by default).", Backup.ExportAsync),
        ["restore"] = ("restore FILE: load an export into an empty database (export -> restore -> export gives the same document).", Backup.RestoreAsync),
        ["generate"] = ("generate --count N [--revisions R]: add N synthetic published articles (R revisions each, default 5) with SQL, for trying the service at scale.", SyntheticContent.CommandAsync),
    };

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.ContainsKey(args[0]) || args[0] is "help" or "--help" or "-h");

    /// <summary>Lets other features add their commands.</summary>
    public static void Register(string name, string help, Func<IServiceProvider, string[], Task<int>> run) => Commands[name] = (help, run);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] is "help" or "--help" or "-h" || args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            PrintHelp();
            return 0;
        }

        var builder = WebApplication.CreateBuilder(args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray());
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddContentData();
        builder.Services.AddKeyStore(); // the bootstrap admin key (DatabaseStartup) and the key store, as the web host has them
        await using var app = builder.Build();
        try
        {
            return await Commands[args[0]].Run(app.Services, args[1..]);
        }
        catch (Exception ex) when (ex is MigrationChecksumException or MigrationFailedException or KetamineContent.LocalPostgres.LocalPostgresException
                                       or Npgsql.NpgsqlException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
    }

    private static void PrintHelp()
    {
        Console.WriteLine("KetamineContent API. Without a command it serves HTTP; with one it runs the command and exits.");
        Console.WriteLine();
        Console.WriteLine("usage: dotnet run --project src/KetamineContent.Api -- <command> [options]");
        Console.WriteLine();
        foreach (var (name, (help, _)) in Commands.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {name,-8} {help}");
        }

        Console.WriteLine();
        Console.WriteLine("Configuration as for the server: ConnectionStrings__Content, or the embedded PostgreSQL in Development.");
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args)
    {
        var applied = await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        Console.WriteLine(applied.Count == 0 ? "Nothing to apply: the database is up to date." : $"Applied: {string.Join(", ", applied)}");
        return 0;
    }

    private static async Task<int> SeedAsync(IServiceProvider services, string[] args)
    {
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var added = await services.GetRequiredService<Seeder>().SeedAsync();
        Console.WriteLine($"Seeded {added} sample article(s); {SampleArticle.All.Count - added} already present.");
        return 0;
    }

    private static async Task<int> CheckAsync(IServiceProvider services, string[] args)
    {
        var pending = await services.GetRequiredService<MigrationRunner>().PendingAsync();
        Console.WriteLine("Database: reachable");
        Console.WriteLine(pending.Count == 0 ? "Migrations: all applied" : $"Migrations pending: {string.Join(", ", pending)}");
        return pending.Count == 0 ? 0 : 2;
    }
}
