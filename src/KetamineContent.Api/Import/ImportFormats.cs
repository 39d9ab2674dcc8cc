using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using KetamineContent.Api.Content;
using KetamineContent.Api.Http;

namespace KetamineContent.Api.Import;

public enum ImportFormat
{
    Markdown,
    Text,
    Html,
    Word,
}

/// <summary>The source could not be read as the format it claims to be, or breaks a limit (answered as 400 naming <c>Field</c>).</summary>
public sealed class ImportUnreadableException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The import ran past <c>Import:TimeoutSeconds</c> and was stopped (answered as 422).</summary>
public sealed class ImportTimedOutException(TimeSpan timeout)
    : Exception(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"The document took longer than {timeout.TotalSeconds:0.###} seconds (Import:TimeoutSeconds) to read and was stopped; split it or simplify it."));

/// <summary>One reader per format, by media type (the endpoint) or file extension (the command line), into the one mapper.</summary>
public static class ImportFormats
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string DefaultDisclaimer =
        "This article is educational information, not medical advice. Ketamine treatment must only be given and supervised by a trained medical professional.";

    public static readonly IReadOnlyList<string> MediaTypes = ["text/markdown", "text/plain", "text/html", Docx];

    public static ImportFormat? FromMediaType(string? mediaType) => mediaType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "text/markdown" or "text/x-markdown" => ImportFormat.Markdown,
        "text/plain" => ImportFormat.Text,
        "text/html" => ImportFormat.Html,
        Docx => ImportFormat.Word,
        _ => null,
    };

    public static ImportFormat? FromFileName(string? name) => Path.GetExtension(name ?? "").ToLowerInvariant() switch
    {
        ".md" or ".markdown" => ImportFormat.Markdown,
        ".txt" or ".text" => ImportFormat.Text,
        ".html" or ".htm" => ImportFormat.Html,
        ".docx" => ImportFormat.Word,
        _ => null,
    };

    /// <summary>The deadline of one import: <c>Import:TimeoutSeconds</c> (fractions allowed), default 20.</summary>
    public static TimeSpan Timeout(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Math.Max(0.001, configuration?.GetValue("Import:TimeoutSeconds", 20.0) ?? 20.0));

    /// <summary>
    /// <see cref="Import"/> on a worker thread under <paramref name="timeout"/>: the token reaches every reader's loop, so
    /// the work stops when the deadline passes (then <see cref="ImportTimedOutException"/>), or when the caller leaves.
    /// </summary>
    public static async Task<(ArticleContent Content, ImportReport Report)> ImportAsync(
        ImportFormat format, byte[] bytes, string? title, string disclaimer, TimeSpan timeout, CancellationToken ct, string? fileName = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return await Task.Run(() => Import(format, bytes, title, disclaimer, deadline.Token, fileName), deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ImportTimedOutException(timeout);
        }
    }

    /// <summary>Reads the bytes as the format and maps them: the draft's content and the report. <paramref name="fileName"/> gives the title of a text without a title line.</summary>
    public static (ArticleContent Content, ImportReport Report) Import(
        ImportFormat format, byte[] bytes, string? title, string disclaimer, CancellationToken ct = default, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var source = format switch
        {
            ImportFormat.Word => Word(bytes, ct),
            ImportFormat.Html => HtmlSource.Read(Text(bytes), ct),
            _ => TextSource.Read(Text(bytes), format == ImportFormat.Markdown),
        };
        ct.ThrowIfCancellationRequested();
        if (source.Blocks.Count == 0)
        {
            throw new ImportUnreadableException("The source holds no text to import.");
        }

        var (content, report) = ArticleMapper.Map(source, title, disclaimer, fileName);
        var texts = new[] { content.Title, content.Summary }.Concat(content.Sections.SelectMany(s => new[] { s.Heading, s.Body }))
            .Concat(content.References.Select(r => r.Title));
        if (content.Sections.FirstOrDefault(s => !Delivery.MarkdownRenderer.IsWithinDepth(s.Body)) is { } deep)
        {
            throw new ImportUnreadableException($"The text of '{deep.Heading}' {Delivery.MarkdownRenderer.DepthMessage}", "body");
        }

        return texts.All(TextRules.IsClean) ? (content, report) : throw new ImportUnreadableException(TextRules.Message);
    }

    private static string Text(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ImportUnreadableException("The text must be UTF-8.");
        }
    }

    private static SourceDocument Word(byte[] bytes, CancellationToken ct)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return WordSource.Read(stream, ct);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException)
        {
            throw new ImportUnreadableException("The body is not a readable Word (.docx) document.");
        }
    }
}
