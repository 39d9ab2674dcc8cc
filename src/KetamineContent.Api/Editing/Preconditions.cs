using Microsoft.Net.Http.Headers;

namespace KetamineContent.Api.Editing;

/// <summary>The management ETag names the article's latest revision; If-Match must name the one the edit was based on.</summary>
public static class Preconditions
{
    public static string ETagFor(int latestRevision) => $"\"{latestRevision}\"";

    public enum Outcome
    {
        Missing,
        Any,
        Unquoted,
        Stale,
        Matches,
    }

    /// <summary>
    /// Strong comparison, as RFC 9110 requires for If-Match. '*' is refused (it would match whatever revision is
    /// current and so skip the concurrency check), and so is an ETag without its quotes (a client mistake to name).
    /// </summary>
    public static Outcome Check(HttpRequest request, int latestRevision)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Check(request.Headers.IfMatch, latestRevision);
    }

    /// <summary>The same check of an If-Match value that did not come as a header (the console's forms carry it as a field).</summary>
    public static Outcome Check(Microsoft.Extensions.Primitives.StringValues header, int latestRevision)
    {
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return Outcome.Missing;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return Outcome.Unquoted;
        }

        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return Outcome.Any;
        }

        var current = new EntityTagHeaderValue(ETagFor(latestRevision));
        return tags.Any(t => t.Compare(current, useStrongComparison: true))
            ? Outcome.Matches
            : Outcome.Stale;
    }
}
