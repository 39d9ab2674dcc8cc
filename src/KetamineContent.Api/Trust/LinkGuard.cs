using KetamineContent.Api.Editing;
using KetamineContent.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace KetamineContent.Api.Trust;

/// <summary>Unpublishing or archiving an article that published articles lead their readers to needs a replacement or force.</summary>
public static class LinkGuard
{
    /// <summary>409 listing the published articles whose links or related entries lead to this article, unless <paramref name="why"/> gives replacementSlug or force: true.</summary>
    public static async Task<ProblemHttpResult?> RefuseWithdrawalAsync(
        NpgsqlConnection c, NpgsqlTransaction tx, LockedArticle article, string action, WithdrawInput? why, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (why?.ReplacementSlug is not null || why?.Force == true)
        {
            return null;
        }

        var linking = await LeadingHereAsync(c, tx, article.Id, ct);
        if (linking.Count == 0)
        {
            return null;
        }

        var names = Names(linking);
        return TypedResults.Problem(
            $"Published articles link to this one: {names}. To have it {action}, give 'replacementSlug' (their links then lead there) " +
            "or 'force': true (their links then render as plain text).",
            statusCode: StatusCodes.Status409Conflict, title: ProblemTitles.For(409),
            extensions: new Dictionary<string, object?> { ["linkedFrom"] = linking });
    }

    /// <summary>The published articles whose links or related entries lead their readers to this very article now.</summary>
    public static async Task<List<LinkingArticle>> LeadingHereAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid articleId, CancellationToken ct) =>
        (await ArticleLinks.LinkedFromAsync(c, tx, articleId, ct)).Where(l => l.ResolvesHere).ToList();

    /// <summary>The linking articles as a message names them: 'slug' (locale), ...</summary>
    public static string Names(IEnumerable<LinkingArticle> linking) => string.Join(", ", linking.Select(l => $"'{l.Slug}' ({l.Locale})"));
}
