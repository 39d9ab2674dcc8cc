using System.Net;
using System.Text;

namespace KetamineContent.Api.Search;

/// <summary>
/// A search snippet as safe HTML: PostgreSQL marks the matches with two control characters that stored text cannot
/// contain (see <see cref="Http.TextRules"/>); everything else is HTML-escaped here, and only the markers become &lt;mark&gt;.
/// </summary>
public static class Snippet
{
    public const char Start = '\u0002';
    public const char Stop = '\u0003';

    public static string ToHtml(string headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var html = new StringBuilder(headline.Length + 32);
        var open = false;
        var from = 0;
        for (var i = 0; i <= headline.Length; i++)
        {
            if (i < headline.Length && headline[i] is not (Start or Stop))
            {
                continue;
            }

            html.Append(WebUtility.HtmlEncode(headline[from..i]));
            from = i + 1;
            if (i == headline.Length)
            {
                break;
            }

            if (headline[i] == Start && !open)
            {
                html.Append("<mark>");
                open = true;
            }
            else if (headline[i] == Stop && open)
            {
                html.Append("</mark>");
                open = false;
            }
        }

        return open ? html.Append("</mark>").ToString() : html.ToString();
    }
}
