using System.Text.RegularExpressions;
using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Import;
using Npgsql;

namespace KetamineContent.Api.Cli;

/// <summary>import FILE|FOLDER --topic T [--locale L]: each .md/.markdown/.txt file becomes a draft, slug from its name.</summary>
public static partial class ImportCommand
{
    public const string Help = "import FILE|FOLDER --topic TOPIC [--locale en]: each .md/.markdown/.txt file becomes a draft (slug from the file name), with a report.";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var topicAt = Array.IndexOf(args, "--topic");
        var localeAt = Array.IndexOf(args, "--locale");
        var topic = topicAt >= 0 && topicAt + 1 < args.Length ? args[topicAt + 1] : null;
        var locale = localeAt >= 0 && localeAt + 1 < args.Length ? args[localeAt + 1] : "en";
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != topic && a != locale);
        if (path is null || topic is null || !(File.Exists(path) || Directory.Exists(path)))
        {
            await Console.Error.WriteLineAsync("usage: " + Help);
            return 2;
        }

        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
                                                  || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : [path];
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var failures = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var slug = Slug(Path.GetFileNameWithoutExtension(file));
            try
            {
                var (content, report) = ImportedText.Read(await File.ReadAllTextAsync(file), !file.EndsWith(".txt", StringComparison.OrdinalIgnoreCase), ImportEndpoints.DefaultDisclaimer);
                await using var c = await dataSource.OpenConnectionAsync();
                await using var tx = await c.BeginTransactionAsync();
                var article = await ArticleCommands.CreateDraftAsync(c, tx, new Actor(null, "command line import", "system"), slug, locale, topic, [], content,
                    $"Imported from {Path.GetFileName(file)}", TimeProvider.System, CancellationToken.None);
                await tx.CommitAsync();
                var kinds = string.Join(", ", report.Headings.Where(h => h.Kind is not null).Select(h => h.Kind).Distinct());
                Console.WriteLine($"[{i + 1}/{files.Count}] {Path.GetFileName(file)} -> draft {slug} ({article.Id}): {kinds}" +
                                  (report.MissingRequired.Count > 0 ? $"; missing: {string.Join(", ", report.MissingRequired)}" : ""));
            }
            catch (Exception ex) when (ex is PostgresException or IOException)
            {
                failures++;
                await Console.Error.WriteLineAsync($"[{i + 1}/{files.Count}] {Path.GetFileName(file)}: not imported: {(ex is PostgresException p ? p.MessageText : ex.Message)}");
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static string Slug(string name)
    {
        var slug = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "imported" : slug[..Math.Min(120, slug.Length)].Trim('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
