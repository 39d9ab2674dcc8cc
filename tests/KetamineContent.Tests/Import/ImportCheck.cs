using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

/// <summary>A document to import: its bytes and media type, and its text as a reader of the page or document sees it.</summary>
public sealed record ImportSource(byte[] Bytes, string MediaType, string FileName)
{
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static ImportSource Text(string text, string mediaType) =>
        new(Encoding.UTF8.GetBytes(text), mediaType, mediaType == "text/markdown" ? "article.md" : "article.txt");

    /// <summary>
    /// The lines of the input as a tool the project did not write reads them: text as it is; HTML and Word as pandoc's
    /// plain-text output of the same bytes (so text the importer never looks at, such as an endnote, a text box or a
    /// noscript block, is still in the oracle).
    /// </summary>
    public async Task<IReadOnlyList<string>> LinesAsync() => (MediaType switch
    {
        "text/html" => await Pandoc.PlainTextAsync(Bytes, "html"),
        Docx => await Pandoc.PlainTextAsync(Bytes, "docx"),
        _ => Encoding.UTF8.GetString(Bytes),
    }).Split('\n').Where(l => ImportCheck.WordsOf(l).Count > 0).ToList();
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
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = source.FileName };
        }

        var response = await editor.PostAsync($"/v1/manage/articles/import?slug={slug}&topic={topic}{query}", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal("draft", body.GetProperty("article").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client(null).GetAsync($"/v1/articles/{slug}")).StatusCode);

        var report = body.GetProperty("report");
        var dropped = DroppedOf(report).Select(d => d.Line).ToList();
        var draft = await AssertKeepsEveryWordAsync(editor, body.GetProperty("article").GetProperty("id").GetGuid(), source, dropped);
        return new Imported(body, report, draft, dropped);
    }

    /// <summary>report.droppedLines: each line with the reason it was dropped (null where the answer gives none).</summary>
    public static IReadOnlyList<(string Line, string? Reason)> DroppedOf(JsonElement report) =>
        report.GetProperty("droppedLines").EnumerateArray()
            .Select(l => l.ValueKind == JsonValueKind.String ? (l.GetString()!, (string?)null)
                : (l.GetProperty("line").GetString()!, l.TryGetProperty("reason", out var r) ? r.GetString() : null))
            .ToList();

    /// <summary>
    /// The property: every line of the input as pandoc reads it (<see cref="ImportSource.LinesAsync"/>) is in the draft
    /// (title, summary, headings, bodies, references) or in droppedLines, word for word (Markdown marks and layout aside).
    /// </summary>
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
            kept.AppendLine(r.GetRawText());
        }

        var present = WordsOf(kept + "\n" + string.Join('\n', dropped));
        var lines = await source.LinesAsync();
        var lost = lines.Where(l => !WordsOf(l).All(present.Contains)).ToList();
        Assert.True(lost.Count == 0, "lines lost by the import (neither in the draft nor in droppedLines): " + string.Join(" | ", lost));

        // Stronger: every sentence of the oracle is in the draft or in droppedLines with its words in order, none torn apart.
        var keptRun = " " + string.Join(' ', Sequence(Readable(kept.ToString()))) + " ";
        var droppedRun = " " + string.Join(' ', Sequence(string.Join('\n', dropped))) + " ";
        var torn = lines.SelectMany(l => SentenceEnd().Split(Footnote().Replace(l, " ")))
            .Select(s => " " + string.Join(' ', Sequence(s)) + " ").Where(s => s.Trim().Length > 0)
            .Where(s => !keptRun.Contains(s, StringComparison.Ordinal) && !droppedRun.Contains(s, StringComparison.Ordinal)).ToList();
        Assert.True(torn.Count == 0, "sentences not in the draft or droppedLines as written: " + string.Join(" | ", torn));
        return draft;
    }

    /// <summary>The words of a text in order.</summary>
    public static IEnumerable<string> Sequence(string text) => Word().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    /// <summary>Markdown as a reader sees it: a link or image as its text, a footnote mark and the ### of a subheading gone.</summary>
    private static string Readable(string markdown) => FootnoteMark().Replace(LinkTarget().Replace(markdown, "$1"), " ");

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\[\^[^\]]+\]")]
    private static partial Regex FootnoteMark();

    /// <summary>pandoc's plain text marks a footnote as [1].</summary>
    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Footnote();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

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

    /// <summary>The kinds of the sections with text, in the draft's order.</summary>
    public IReadOnlyList<string> Order => Draft.GetProperty("sections").EnumerateArray()
        .Where(s => s.GetProperty("body").GetString()!.Length > 0).Select(s => s.GetProperty("kind").GetString()!).ToList();

    /// <summary>Each heading of the report and the kind it mapped to, or "-> kind" where its text went when it mapped to none.</summary>
    public Dictionary<string, string> Headings => Report.GetProperty("headings").EnumerateArray()
        .Where(h => !(h.TryGetProperty("generated", out var g) && g.GetBoolean()))
        .ToDictionary(h => h.GetProperty("heading").GetString()!, h => h.GetProperty("kind").GetString() ?? "-> " + h.GetProperty("mergedInto").GetString());
}
