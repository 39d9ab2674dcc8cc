using System.Text;
using System.Text.Json;
using KetamineContent.Tests.Infrastructure;

namespace KetamineContent.Tests.Import;

/// <summary>
/// The import loses nothing it does not report: Word endnotes and text boxes are read, page furniture is found by shape
/// and position (never a class name), noscript text is listed; each import is checked against pandoc's plain text.
/// </summary>
public sealed class ImportCompletenessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Placeholder = "Placeholder citation for testing the importer, not a real source. doi:10.1000/xyz123";

    private static string Bodies(Imported imported) => string.Join('\n', imported.Sections.Values);

    [Fact]
    public async Task AWordEndnoteBecomesAReferenceAndATextBoxIsReadOnce()
    {
        var body = WordPackage.Paragraph("Ketamine for depression", "Title")
                   + WordPackage.Paragraph("How it works", "Heading1")
                   + "<w:p><w:r><w:t>It blocks the NMDA receptor, a glutamate receptor.</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>"
                   + WordPackage.Paragraph("What to expect", "Heading1")
                   + WordPackage.TextBox("Effects start within minutes.", "A dreamlike dissociative state during the session is common.")
                   + WordPackage.Paragraph("Side effects", "Heading1")
                   + WordPackage.Paragraph("Nausea and dizziness can follow a session.");
        var endnotes = "<w:endnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>"
                       + $"<w:endnote w:id=\"1\"><w:p><w:r><w:t>{Placeholder}</w:t></w:r></w:p></w:endnote>";
        var source = new ImportSource(WordPackage.Build(body, endnotes), ImportSource.Docx, "endnotes.docx");

        var imported = await ImportCheck.ImportAsync(api, source, "depression");

        var references = imported.Draft.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal("10.1000/xyz123", Assert.Single(references).GetProperty("doi").GetString());
        Assert.Contains("glutamate receptor.[^", imported.Sections["mechanism"], StringComparison.Ordinal);
        var box = "A dreamlike dissociative state during the session is common.";
        Assert.Equal(1, CountOf(Bodies(imported), box));
        Assert.DoesNotContain(imported.Dropped, l => l.Contains("dissociative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PageFurnitureIsFoundByShapeAndPositionNeverByClassNameAndNoscriptIsListed()
    {
        const string consent = "Before the first session the clinic explains the treatment and asks for written consent.";
        var html = $"""
            <!doctype html><html><head><title>Ketamine and anxiety</title></head><body>
            <nav><a href="/">Home</a> <a href="/treatments">Treatments</a></nav>
            <main>
            <h1>Ketamine and anxiety</h1>
            <div role="dialog" aria-label="Privacy"><p>We value your privacy. Choose which partners may store data on this device.</p><button>Accept all</button></div>
            <h2>How it works</h2><p>It blocks the NMDA receptor, a glutamate receptor.</p>
            <section class="informed-consent" id="gdpr-cookie-consent"><h2>What to expect</h2><p>{consent}</p><p>Effects start within minutes.</p></section>
            <div style="position: fixed; bottom: 0"><p>Get our newsletter every month in your inbox.</p></div>
            <h2>Side effects</h2><p>Nausea and dizziness can follow a session.</p>
            <noscript><p>Turn on JavaScript to see the clinic map.</p></noscript>
            </main>
            <footer><p>Opening hours Monday to Friday, nine to five.</p></footer>
            </body></html>
            """;
        var imported = await ImportCheck.ImportAsync(api, new ImportSource(Encoding.UTF8.GetBytes(html), "text/html", "page.html"), "anxiety");

        Assert.Contains(consent, Bodies(imported), StringComparison.Ordinal);
        Assert.DoesNotContain(imported.Dropped, l => l.Contains("written consent", StringComparison.Ordinal));
        foreach (var furniture in new[]
                 {
                     "We value your privacy. Choose which partners may store data on this device.", "Get our newsletter every month in your inbox.",
                     "Turn on JavaScript to see the clinic map.", "Opening hours Monday to Friday, nine to five.",
                 })
        {
            Assert.Contains(furniture, imported.Dropped);
            Assert.DoesNotContain(furniture, Bodies(imported), StringComparison.Ordinal);
        }
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
