using KetamineContent.Api.Import;

namespace KetamineContent.Tests.Import;

/// <summary>
/// The HTML pre-scan reads tags as the HTML parser does, so markup the parser reads one way cannot hide the rest of the
/// page from the scan: each page below re-opens 200 unclosed formatting elements in 50,000 paragraphs once parsed.
/// </summary>
public sealed class HtmlBoundsTests
{
    public static TheoryData<string, string> Disguises => new()
    {
        { "style inside svg is an ordinary element there", "<svg><style>" },
        { "a quote that opens no attribute value", "<p x=a\">" },
        { "an empty comment written <!-->", "<!-->" },
        { "an empty comment written <!--->", "<!--->" },
    };

    [Theory]
    [MemberData(nameof(Disguises))]
    public void MarkupTheParserReadsAsATagDoesNotHideTheRestOfThePage(string why, string disguise)
    {
        var page = disguise + string.Concat(Enumerable.Repeat("<b>", 200)) + string.Concat(Enumerable.Repeat("<p>x", 50_000));
        var refused = Assert.Throws<ImportUnreadableException>(() => DocumentBounds.CheckHtml(page, CancellationToken.None));
        Assert.False(string.IsNullOrEmpty(refused.Message), why);
    }
}
