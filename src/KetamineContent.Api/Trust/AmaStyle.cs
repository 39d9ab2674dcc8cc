using System.Globalization;
using System.Net;
using System.Text;
using KetamineContent.Api.Delivery;

namespace KetamineContent.Api.Trust;

/// <summary>
/// One reference-list entry in AMA style (AMA Manual of Style, 11th ed., ch. 3), the parts it needs:
/// authors as given ("Taylor JH"), all of them up to 6, else the first 3 and "et al"; the title, ending with a period;
/// a journal article as <i>Journal</i>. Year;Volume(Issue):Pages (the journal in italics in HTML); a book as
/// <i>Title</i>. Publisher; Year; a web page as Title. Publisher. Published Year. Then the DOI as "doi:10.x/y";
/// without a DOI, "Accessed Month D, YYYY." (when given) and the URL; with neither, "PMID: n".
/// </summary>
public static class AmaStyle
{
    public const int MaxAuthorsListed = 6;
    public const int AuthorsBeforeEtAl = 3;

    public static string Text(ReferenceDocument reference) => Format(reference, html: false);

    public static string Html(ReferenceDocument reference) => Format(reference, html: true);

    private static string Format(ReferenceDocument r, bool html)
    {
        ArgumentNullException.ThrowIfNull(r);
        string E(string value) => html ? WebUtility.HtmlEncode(value.Trim()) : value.Trim();
        string I(string value) => html ? $"<i>{E(value)}</i>" : E(value);
        var parts = new List<string>();
        if (r.Authors.Count > 0)
        {
            var listed = r.Authors.Count > MaxAuthorsListed ? r.Authors.Take(AuthorsBeforeEtAl).Append("et al") : r.Authors;
            parts.Add(Sentence(string.Join(", ", listed.Select(E))));
        }

        if (r.Journal is not null)
        {
            parts.Add(Sentence(E(r.Title)));
            parts.Add(Sentence(I(r.Journal)));
            var issue = new StringBuilder();
            issue.Append(r.Year?.ToString(CultureInfo.InvariantCulture));
            if (r.Volume is not null)
            {
                issue.Append(r.Year is null ? "" : ";").Append(E(r.Volume));
            }

            if (r.Issue is not null)
            {
                issue.Append('(').Append(E(r.Issue)).Append(')');
            }

            if (r.Pages is not null)
            {
                issue.Append(issue.Length > 0 ? ":" : "").Append(E(r.Pages));
            }

            if (issue.Length > 0)
            {
                parts.Add(Sentence(issue.ToString()));
            }
        }
        else if (r.Publisher is not null && r.Url is null)
        {
            parts.Add(Sentence(I(r.Title)));
            parts.Add(Sentence(E(r.Publisher) + (r.Year is { } y ? $"; {y.ToString(CultureInfo.InvariantCulture)}" : "")));
        }
        else
        {
            parts.Add(Sentence(E(r.Title)));
            if (r.Publisher is not null)
            {
                parts.Add(Sentence(E(r.Publisher)));
            }

            if (r.Year is { } y)
            {
                parts.Add($"Published {y.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        if (r.Doi is not null)
        {
            parts.Add("doi:" + E(r.Doi));
        }
        else if (r.Url is not null)
        {
            if (r.Accessed is { } accessed)
            {
                parts.Add("Accessed " + accessed.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) + ".");
            }

            parts.Add(E(r.Url));
        }
        else if (r.PubmedId is not null)
        {
            parts.Add("PMID: " + E(r.PubmedId));
        }

        return string.Join(" ", parts);
    }

    /// <summary>Ends a part with a period unless it already ends with a sentence mark (a title ending in "?" keeps it).</summary>
    private static string Sentence(string part) =>
        part.EndsWith('.') || part.EndsWith('?') || part.EndsWith('!') || part.EndsWith(".</i>", StringComparison.Ordinal) ? part : part + ".";
}
