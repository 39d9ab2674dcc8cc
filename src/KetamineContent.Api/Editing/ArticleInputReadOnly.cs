using System.ComponentModel;
using System.Text.Json;

namespace KetamineContent.Api.Editing;

/// <summary>
/// The server-owned fields of what a client reads (a revision's <c>content</c>, the managed article), accepted on
/// input so that it can be posted back unchanged, and ignored: the server decides them.
/// </summary>
public sealed partial record ArticleInput
{
    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? Id { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? Revision { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? PublishedRevision { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? TranslationGroupId { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? Status { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? ReviewState { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? Review { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? Scheduled { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? CreatedAt { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? PublishedAt { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? UpdatedAt { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? WordCount { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input.")] public JsonElement? ReadingTimeMinutes { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: the reference list of the html and text formats.")] public JsonElement? ReferenceList { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: the assets come from the sections' asset: references.")] public JsonElement? Assets { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: set with PUT /v1/manage/articles/{id}/clinical.")] public JsonElement? Codes { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: set with PUT /v1/manage/articles/{id}/clinical.")] public JsonElement? Funding { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: set with PUT /v1/manage/articles/{id}/clinical.")] public JsonElement? ConflictsOfInterest { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: the sign-off's review due date.")] public JsonElement? NextReviewDue { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: Content:Publisher.")] public JsonElement? Publisher { get; init; }

    [ReadOnly(true), Description("Read-only, ignored on input: the plain-language scores of the managed article and the preview.")] public JsonElement? Readability { get; init; }
}
