using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

/// <summary>A document to import: its bytes and media type, and its text as a reader of the page or document sees it.</summary>
public sealed record ImportSource(byte[] Bytes, string MediaType, string FileName)
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static ImportSource Text(string text, string mediaType) =>
        new(Encoding.UTF8.GetBytes(text), mediaType, mediaType == "text/markdown" ? "article.md" : "article.txt");

    /// <summary>
    /// The words of the input, found without the API's readers: for text the text itself; for HTML the body with tags,
    /// scripts and styles stripped; for Word the w:t text of the document and its footnotes.
    /// </summary>
    public IReadOnlySet<string> Words() => ImportCheck.WordsOf(MediaType switch
    {
        "text/html" => HtmlText(Encoding.UTF8.GetString(Bytes)),
        Docx => DocxText(Bytes),
        _ => Encoding.UTF8.GetString(Bytes),
    });

    private static string HtmlText(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        body = Regex.Replace(body, @"<(script|style)[^>]*>.*?</\1>", " ", RegexOptions.Singleline);
        return WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", " "));
    }

    private static string DocxText(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var text = new StringBuilder();
        foreach (var part in new[] { "word/document.xml", "word/footnotes.xml" })
        {
            if (zip.GetEntry(part) is { } entry)
            {
                using var stream = entry.Open();
                foreach (var t in XDocument.Load(stream).Descendants(w + "t"))
                {
                    text.Append(' ').Append(t.Value);
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>Imports through the API and checks, on every import, that each word of the input is in the draft or in droppedLines.</summary>
public static partial class ImportCheck
{
    public static IReadOnlySet<string> WordsOf(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    public static async Task<Imported> ImportAsync(ApiFactory api, ImportSource source, string topic, string? query = null, bool multipart = false)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(source);
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("imported");
        HttpContent content;
        if (multipart)
        {
            var file = new ByteArrayContent(source.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(source.MediaType);
            content = new MultipartFormDataContent { { file, "file", source.FileName } };
        }
        else
        {
            content = new ByteArrayContent(source.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(source.MediaType);
        }

        var response = await editor.PostAsync($"/v1/manage/articles/import?slug={slug}&topic={topic}{query}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("draft", body.GetProperty("article").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client(null).GetAsync($"/v1/articles/{slug}")).StatusCode);

        var report = body.GetProperty("report");
        var dropped = report.GetProperty("droppedLines").EnumerateArray().Select(l => l.GetString()!).ToList();
        var draft = await AssertKeepsEveryWordAsync(editor, body.GetProperty("article").GetProperty("id").GetGuid(), source, dropped);
        return new Imported(body, report, draft, dropped);
    }

    /// <summary>The property: each word of the input is in the draft (title, summary, headings, bodies, references) or in droppedLines.</summary>
    public static async Task<JsonElement> AssertKeepsEveryWordAsync(HttpClient editor, Guid id, ImportSource source, IReadOnlyList<string> dropped)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(dropped);
        var draft = await (await editor.GetAsync($"/v1/manage/articles/{id}/preview")).JsonAsync();
        var kept = new StringBuilder().AppendLine(draft.GetProperty("title").GetString()).AppendLine(draft.GetProperty("summary").GetString());
        foreach (var s in draft.GetProperty("sections").EnumerateArray())
        {
            kept.AppendLine(s.GetProperty("heading").GetString()).AppendLine(s.GetProperty("body").GetString());
        }

        foreach (var r in draft.GetProperty("references").EnumerateArray())
        {
            kept.AppendLine(r.GetProperty("title").GetString());
        }

        var present = WordsOf(kept + "\n" + string.Join('\n', dropped));
        var lost = source.Words().Where(w => !present.Contains(w)).ToList();
        Assert.True(lost.Count == 0, "words lost by the import: " + string.Join(", ", lost));
        return draft;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>The answer of an import, and the draft as stored.</summary>
public sealed record Imported(JsonElement Body, JsonElement Report, JsonElement Draft, IReadOnlyList<string> Dropped)
{
    public Guid Id => Body.GetProperty("article").GetProperty("id").GetGuid();

    public string Title => Report.GetProperty("title").GetString()!;

    public IReadOnlyList<string> Missing => Report.GetProperty("missingRequired").EnumerateArray().Select(k => k.GetString()!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Section bodies by kind (only the sections with text).</summary>
    public Dictionary<string, string> Sections => Draft.GetProperty("sections").EnumerateArray()
        .Where(s => s.GetProperty("body").GetString()!.Length > 0)
        .ToDictionary(s => s.GetProperty("kind").GetString()!, s => s.GetProperty("body").GetString()!);

    /// <summary>Each heading of the report and the kind it mapped to, or "-> kind" where its text went when it mapped to none.</summary>
    public Dictionary<string, string> Headings => Report.GetProperty("headings").EnumerateArray()
        .ToDictionary(h => h.GetProperty("heading").GetString()!, h => h.GetProperty("kind").GetString() ?? "-> " + h.GetProperty("mergedInto").GetString());
}
