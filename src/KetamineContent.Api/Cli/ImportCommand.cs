using KetamineContent.Api.Access;
using KetamineContent.Api.Data;
using KetamineContent.Api.Editing;
using KetamineContent.Api.Import;
using Npgsql;

namespace KetamineContent.Api.Cli;

/// <summary>import FILE|FOLDER --topic T [--locale L]: each .md/.markdown/.txt/.html/.htm/.docx file becomes a draft, slug from its name.</summary>
public static class ImportCommand
{
    public const string Help = "import FILE|FOLDER --topic TOPIC [--locale en]: each .md, .markdown, .txt, .html, .htm or .docx file becomes a draft (slug from the file name); one line per file and a total.";

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
            ? Directory.GetFiles(path).Where(f => ImportFormats.FromFileName(f) is not null).Order(StringComparer.Ordinal).ToList()
            : [path];
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var timeout = ImportFormats.Timeout(services.GetRequiredService<IConfiguration>());
        var (imported, missing, dropped) = (0, 0, 0);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = Path.GetFileName(file);
            var slug = ImportDraft.SlugFrom(Path.GetFileNameWithoutExtension(file));
            try
            {
                var format = ImportFormats.FromFileName(file) ?? throw new ImportUnreadableException("unknown extension (.md, .markdown, .txt, .html, .htm or .docx)");
                var (content, report) = await ImportFormats.ImportAsync(format, await File.ReadAllBytesAsync(file), null, ImportFormats.DefaultDisclaimer, timeout, default, name);
                await using var c = await dataSource.OpenConnectionAsync();
                await using var tx = await c.BeginTransactionAsync();
                var article = await ArticleCommands.CreateDraftAsync(c, tx, new Actor(null, "command line import", "system"), slug, locale, topic, [], content,
                    $"Imported from {name}", null, TimeProvider.System, CancellationToken.None);
                await tx.CommitAsync();
                imported++;
                missing += report.MissingRequired.Count > 0 ? 1 : 0;
                dropped += report.DroppedLines.Count;
                var kinds = string.Join(", ", content.Sections.Where(s => s.Body.Length > 0).Select(s => s.Kind));
                Console.WriteLine($"[{i + 1}/{files.Count}] {name} -> draft {slug} ({article.Id}): \"{report.Title}\"; sections: {kinds}" +
                                  (report.MissingRequired.Count > 0 ? $"; missing: {string.Join(", ", report.MissingRequired)}" : "") +
                                  $"; {report.DroppedLines.Count} lines dropped");
            }
            catch (Exception ex) when (ex is PostgresException or IOException or ImportUnreadableException or ImportTooLargeException or ImportTimedOutException)
            {
                await Console.Error.WriteLineAsync($"[{i + 1}/{files.Count}] {name}: not imported: {(ex is PostgresException p ? p.MessageText : ex.Message)}");
            }
        }

        Console.WriteLine($"Total: {files.Count} files, {imported} drafts, {files.Count - imported} failed, {missing} with required sections missing, {dropped} lines dropped");
        return imported == files.Count ? 0 : 1;
    }
}
