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

/// <summary>The source could not be read as the format it claims to be (answered as 400).</summary>
public sealed class ImportUnreadableException(string message) : Exception(message);

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

    /// <summary>Reads the bytes as the format and maps them: the draft's content and the report.</summary>
    public static (ArticleContent Content, ImportReport Report) Import(ImportFormat format, byte[] bytes, string? title, string disclaimer)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var source = format switch
        {
            ImportFormat.Word => Word(bytes),
            ImportFormat.Html => HtmlSource.Read(Text(bytes)),
            _ => TextSource.Read(Text(bytes), format == ImportFormat.Markdown),
        };
        if (source.Blocks.Count == 0)
        {
            throw new ImportUnreadableException("The source holds no text to import.");
        }

        var (content, report) = ArticleMapper.Map(source, title, disclaimer);
        var texts = new[] { content.Title, content.Summary }.Concat(content.Sections.SelectMany(s => new[] { s.Heading, s.Body }))
            .Concat(content.References.Select(r => r.Title));
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

    private static SourceDocument Word(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return WordSource.Read(stream);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException)
        {
            throw new ImportUnreadableException("The body is not a readable Word (.docx) document.");
        }
    }
}
