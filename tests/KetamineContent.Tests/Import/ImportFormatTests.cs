using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

/// <summary>What each reader keeps (HTML and Word made by pandoc), uploads as multipart, title=, refusals, and the command line.</summary>
public sealed class ImportFormatTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task ASavedHtmlPageKeepsItsContentAsMarkdownAndListsWhatWasDroppedAndItsImages()
    {
        var imported = await ImportCheck.ImportAsync(api, await CorpusTests.SourceAsync("07-anxiety-page.md", "html"), "anxiety");
        Assert.Equal("heading", imported.Report.GetProperty("titleSource").GetString());
        Assert.Contains("We use cookies to understand how visitors use this site.", imported.Dropped);
        Assert.Contains("Treatments", imported.Dropped);
        var images = imported.Report.GetProperty("images").EnumerateArray().Single();
        Assert.Equal("treatment-room.png", images.GetProperty("source").GetString());
        Assert.Equal("The treatment room", images.GetProperty("alt").GetString());
        var sections = imported.Sections;
        Assert.Contains("| Form | Onset | Effect lasts |\n| --- | --- | --- |", sections["what_to_expect"], StringComparison.Ordinal);
        Assert.DoesNotContain(sections.Values, b => b.Contains("page view", StringComparison.Ordinal) || b.Contains("font-family", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWordDocumentKeepsListsEmphasisLinksAndTurnsCitationFootnotesIntoReferences()
    {
        var imported = await ImportCheck.ImportAsync(api, await CorpusTests.SourceAsync("08-dependence-word.md", "docx"), "depression");
        var references = imported.Draft.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal(2, references.Count);
        Assert.Equal("10.1000/xyz123", references[0].GetProperty("doi").GetString());
        Assert.Equal("https://doi.org/10.1000/xyz123", references[0].GetProperty("url").GetString());
        Assert.StartsWith("Placeholder A, Example B.", references[1].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://pubmed.ncbi.nlm.nih.gov/?term=", references[1].GetProperty("url").GetString(), StringComparison.Ordinal);
        var cites = imported.Draft.GetProperty("sections").EnumerateArray()
            .ToDictionary(s => s.GetProperty("kind").GetString()!, s => s.GetProperty("cites").EnumerateArray().Select(c => c.GetInt32()).ToArray());
        Assert.Equal([1], cites["mechanism"]);
        Assert.Equal([2], cites["risks"]);
    }

    [Fact]
    public async Task AWordDocumentKeepsTablesAndBulletListsAsMarkdown()
    {
        var imported = await ImportCheck.ImportAsync(api, await CorpusTests.SourceAsync("07-anxiety-page.md", "docx"), "anxiety");
        var sections = imported.Sections;
        Assert.Contains("| Form | Onset | Effect lasts |\n| --- | --- | --- |\n| Tablet | within minutes | up to about an hour |", sections["what_to_expect"], StringComparison.Ordinal);
        Assert.Contains("- Nausea\n- Dizziness\n- Confusion", sections["side_effects"], StringComparison.Ordinal);
        Assert.Contains("**sweating**", sections["overview"], StringComparison.Ordinal);
        Assert.Empty(imported.Missing);
    }

    [Fact]
    public async Task AWordFileUploadedAsMultipartImportsAndTitleOverridesTheFoundTitle()
    {
        var source = await CorpusTests.SourceAsync("09-addiction-bold-word.md", "docx");
        var imported = await ImportCheck.ImportAsync(api, source, "addiction", "&title=" + Uri.EscapeDataString("Ketamine in addiction care"), multipart: true);
        Assert.Equal("Ketamine in addiction care", imported.Title);
        Assert.Equal("query", imported.Report.GetProperty("titleSource").GetString());
        Assert.Equal(["Ketamine for Addiction: A Short Guide"], imported.Dropped);
        Assert.Equal("Ketamine in addiction care", imported.Body.GetProperty("article").GetProperty("title").GetString());
    }

    [Fact]
    public async Task NumbersInsideTextAndDoseOrYearLinesAreContentWhileNarrowFurnitureIsDropped()
    {
        const string text = """
            Ketamine dosing notes
            The dose depends on body weight and is set by the treating team.
            0.5 - 1.0 mg/kg
            2019 - 2021
            Call or text 988 if you are in crisis.
            Tel: 555 010 0199
            Share on Facebook
            """;
        var imported = await ImportCheck.ImportAsync(api, ImportSource.Text(text, "text/plain"), "depression");
        Assert.Equal(["Tel: 555 010 0199", "Share on Facebook"], imported.Dropped);
        var all = string.Join("\n", imported.Sections.Values);
        Assert.Contains("0.5 - 1.0 mg/kg", all, StringComparison.Ordinal);
        Assert.Contains("2019 - 2021", all, StringComparison.Ordinal);
        Assert.Contains("Call or text 988", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressBlockPhoneAndCopyrightLinesAreDroppedWithTheirReasonsWhileADoseLineBesideThemStays()
    {
        const string text = """
            Ketamine infusion notes

            As an illustrative figure, one infusion may be given as follows.
            0.5 mg/kg over 40 minutes
            Example Ketamine Clinic
            45 Elm Road
            Springfield, IL 62704
            Phone: (555) 010-0199
            Copyright 2026 Example Ketamine Clinic
            """;
        var imported = await ImportCheck.ImportAsync(api, ImportSource.Text(text, "text/plain"), "depression");
        Assert.Equal([("Example Ketamine Clinic", "address block (a name line beside a postal address)"), ("45 Elm Road", "postal address"), ("Springfield, IL 62704", "postal address"),
                      ("Phone: (555) 010-0199", "phone or fax line"), ("Copyright 2026 Example Ketamine Clinic", "copyright line")],
            ImportCheck.DroppedOf(imported.Report));
        Assert.Contains("one infusion may be given as follows. 0.5 mg/kg over 40 minutes", imported.Report.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATitleLineTheTitleComesFromTheFileNameOrTitleAndNeverFromASentence()
    {
        const string text = "Ketamine is a dissociative anaesthetic that has been used in medical procedures for decades and is now also given for depression under supervision.\n\n" +
                            "## How it works\n\nIt blocks the NMDA receptor.\n";
        var named = await ImportCheck.ImportAsync(api, new ImportSource(Encoding.UTF8.GetBytes(text), "text/markdown", "ketamine-for-anxiety.md"), "anxiety", multipart: true);
        Assert.Equal(("Ketamine for anxiety", "fileName"), (named.Title, named.Report.GetProperty("titleSource").GetString()));
        Assert.StartsWith("Ketamine is a dissociative anaesthetic", named.Report.GetProperty("summary").GetString(), StringComparison.Ordinal);

        var disposition = await ImportCheck.ImportAsync(api, new ImportSource(Encoding.UTF8.GetBytes(text), "text/markdown", "ketamine_and_depression.md"), "depression");
        Assert.Equal(("Ketamine and depression", "fileName"), (disposition.Title, disposition.Report.GetProperty("titleSource").GetString()));

        var titled = await ImportCheck.ImportAsync(api, new ImportSource(Encoding.UTF8.GetBytes(text), "text/markdown", "notes.md"), "depression",
            "&title=" + Uri.EscapeDataString("Ketamine notes"));
        Assert.Equal(("Ketamine notes", "query"), (titled.Title, titled.Report.GetProperty("titleSource").GetString()));

        using var editor = api.Client(await api.KeyAsync("editor"));
        var bare = new StringContent(text, Encoding.UTF8, "text/markdown");
        var answer = await (await editor.PostAsync($"/v1/manage/articles/import?slug={Articles.NewSlug("untitled")}&topic=depression", bare)).JsonAsync();
        Assert.Equal(("Untitled article", "none"), (answer.GetProperty("report").GetProperty("title").GetString(), answer.GetProperty("report").GetProperty("titleSource").GetString()));
    }

    [Fact]
    public async Task UnreadableOrUnsupportedDocumentsAreRefusedWithProblemsAndNothingIsWritten()
    {
        using var editor = api.Client(await api.KeyAsync("editor"));
        var slug = Articles.NewSlug("refused");
        async Task<JsonElement> Refused(HttpContent content, HttpStatusCode status, string query = "") =>
            await (await editor.PostAsync($"/v1/manage/articles/import?slug={slug}&topic=depression{query}", content)).AssertProblemAsync(status);

        var notWord = new ByteArrayContent("not a zip file"u8.ToArray());
        notWord.Headers.ContentType = new MediaTypeHeaderValue(ImportSource.Docx);
        await Refused(notWord, HttpStatusCode.BadRequest);

        var latin1 = new ByteArrayContent([0x4b, 0x65, 0x74, 0xe9, 0x0a]);
        latin1.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await Refused(latin1, HttpStatusCode.BadRequest);

        var noFile = new MultipartFormDataContent { { new StringContent("# Title"), "other", "a.md" } };
        await Refused(noFile, HttpStatusCode.BadRequest);

        var pdf = new ByteArrayContent("%PDF-1.7"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await Refused(pdf, HttpStatusCode.UnsupportedMediaType);

        var unknownPart = new ByteArrayContent("%PDF-1.7"u8.ToArray());
        unknownPart.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await Refused(new MultipartFormDataContent { { unknownPart, "file", "article.pdf" } }, HttpStatusCode.UnsupportedMediaType);

        var tooLong = "# Ketamine notes\n\n## How it works\n\n" + string.Join("\n\n", Enumerable.Repeat("Ketamine blocks the NMDA receptor and glutamate surges.", 400));
        await Refused(new StringContent(tooLong, Encoding.UTF8, "text/markdown"), HttpStatusCode.UnprocessableEntity);

        await Refused(new StringContent("# T\n\nx", Encoding.UTF8, "text/markdown"), HttpStatusCode.BadRequest, "&title=" + new string('x', 201));

        var bomb = new ByteArrayContent(ZipBomb(40 * 1024 * 1024));
        bomb.Headers.ContentType = new MediaTypeHeaderValue(ImportSource.Docx);
        Assert.True(bomb.Headers.ContentLength < 200 * 1024, $"{bomb.Headers.ContentLength} bytes");
        var bombed = await Refused(bomb, HttpStatusCode.BadRequest);
        Assert.Contains("MiB", bombed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var dense = new ByteArrayContent(ZipBomb(8 * 1024 * 1024));
        dense.Headers.ContentType = new MediaTypeHeaderValue(ImportSource.Docx);
        var ratio = await Refused(dense, HttpStatusCode.BadRequest);
        Assert.Contains("word/document.xml", ratio.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = await api.OpenDatabaseAsync();
        Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM article WHERE slug = @slug", new { slug }));
    }

    [Fact]
    public async Task TheImportCommandReadsEachFormatByExtensionWithALinePerFileAndATotal()
    {
        var folder = Directory.CreateTempSubdirectory("kc-import").FullName;
        var files = new (string Name, ImportSource Source)[]
        {
            ("Depression Notes.txt", await CorpusTests.SourceAsync("11-depression-wrapped.txt", "text")),
            ("addiction-guide.md", await CorpusTests.SourceAsync("06-addiction.md", "markdown")),
            ("anxiety-page.html", await CorpusTests.SourceAsync("07-anxiety-page.md", "html")),
            ("dependence.docx", await CorpusTests.SourceAsync("08-dependence-word.md", "docx")),
        };
        foreach (var (name, source) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, name), source.Bytes);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "notes.pdf"), "not imported: unknown extension");
        var result = await Cli.RunAsync(api.ConnectionString, "import", folder, "--topic", "depression");
        Directory.Delete(folder, recursive: true);
        var output = result.Output;
        Assert.True(result.Code == 0, output);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("[1/4] Depression Notes.txt -> draft depression-notes (", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Ketamine and Depression\"; sections: mechanism, what_to_expect, side_effects, risks; 0 lines dropped", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[2/4] addiction-guide.md -> draft addiction-guide (", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("[3/4] anxiety-page.html -> draft anxiety-page (", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("; 9 lines dropped", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("[4/4] dependence.docx -> draft dependence (", lines[3], StringComparison.Ordinal);
        Assert.Equal("Total: 4 files, 4 drafts, 0 failed, 0 with required sections missing, 9 lines dropped", lines[4]);

        using var editor = api.Client(await api.KeyAsync("editor"));
        var drafts = (await (await editor.GetAsync("/v1/manage/articles?status=draft&limit=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(a => a.GetProperty("slug").GetString()!, a => a.GetProperty("id").GetGuid());
        var pageDropped = CorpusTests.Cases.Single(c => c.File == "07-anxiety-page.md").Dropped;
        foreach (var (name, source) in files)
        {
            await ImportCheck.AssertKeepsEveryWordAsync(editor, drafts[Path.GetFileNameWithoutExtension(name).ToLowerInvariant().Replace(' ', '-')], source,
                name.EndsWith(".html", StringComparison.Ordinal) ? pageDropped : []);
        }
    }

    /// <summary>A small .docx whose document.xml unpacks to about <paramref name="textBytes"/> bytes of one repeated paragraph.</summary>
    private static byte[] ZipBomb(int textBytes)
    {
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Write(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, System.IO.Compression.CompressionLevel.SmallestSize).Open());
                writer.Write(text);
            }

            Write("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            using var document = new StreamWriter(zip.CreateEntry("word/document.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open());
            document.Write("""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>""");
            var chunk = string.Concat(Enumerable.Repeat("Ketamine blocks the NMDA receptor. ", 1000));
            for (var written = 0; written < textBytes; written += chunk.Length)
            {
                document.Write(chunk);
            }

            document.Write("</w:t></w:r></w:p></w:body></w:document>");
        }

        return output.ToArray();
    }
}
