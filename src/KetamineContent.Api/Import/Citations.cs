using System.Text.RegularExpressions;
using KetamineContent.Api.Content;

namespace KetamineContent.Api.Import;

/// <summary>
/// A footnote that looks like a citation (a DOI, a PubMed id or a journal line) becomes a reference (its id is given by
/// the reader, which cites it with a [^id] marker where the footnote was). Only an https URL in the note is kept as its url.
/// </summary>
public static partial class Citations
{
    public static ReferenceContent? From(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = note.Trim();
        if (text.Length is 0 or > 500)
        {
            return null;
        }

        var doi = Doi().Match(text) is { Success: true } d ? d.Groups[1].Value.TrimEnd('.', ',', ';', ')') : null;
        var pmid = Pmid().Match(text) is { Success: true } p ? p.Groups[1].Value : null;
        var url = Url().Match(text) is { Success: true } u ? u.Value.TrimEnd('.', ',', ';', ')') : null;
        if (doi is null && pmid is null && !JournalLine().IsMatch(text))
        {
            return null;
        }

        url ??= doi is not null ? "https://doi.org/" + doi
            : pmid is not null ? $"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
            : "https://pubmed.ncbi.nlm.nih.gov/?term=" + Uri.EscapeDataString(Shapes.Excerpt(text, 200));
        return new ReferenceContent("", text, url, doi, pmid);
    }

    [GeneratedRegex(@"\b(10\.\d{4,9}/[^\s""<>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Doi();

    [GeneratedRegex(@"\bPMID:?\s*(\d{1,9})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Pmid();

    [GeneratedRegex(@"https://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>"Journal. 2019;12(3):45-67" (Vancouver) or "et al. (2019)" / "et al., 2019".</summary>
    [GeneratedRegex(@"\b(19|20)\d{2}\s*;\s*\d+\s*(\(\d+\))?\s*:\s*[\w-]+|\bet al\.?,?\s*\(?(19|20)\d{2}")]
    private static partial Regex JournalLine();
}
