using System.Text.Json;

namespace KetamineContent.Api.Clinical;

public static class ClinicalMapping
{
    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web);

    /// <summary>Codes as a read's JSON column holds them.</summary>
    public static IReadOnlyList<CodeDocument> Codes(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<CodeDocument>>(json, RowJson) ?? [];

    /// <summary>The parameters that store a list of codes in order (three arrays, unnested WITH ORDINALITY).</summary>
    public static (string[] Systems, string[] Codes, string?[] Displays) Arrays(IReadOnlyList<CodeDocument> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return (codes.Select(c => c.System).ToArray(), codes.Select(c => c.Code).ToArray(), codes.Select(c => c.Display?.Trim()).ToArray());
    }
}

public sealed class TopicCodesRow
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public int Version { get; init; }
    public string CodesJson { get; init; } = "[]";

    public string ETag => $"\"{Version}\"";

    public TopicCodesView ToView() => new(Slug, Name, ClinicalMapping.Codes(CodesJson), Version);
}

public sealed class ArticleClinicalRow
{
    public Guid ArticleId { get; init; }
    public string Status { get; init; } = "";
    public int Version { get; init; }
    public string? Funding { get; init; }
    public string? ConflictsOfInterest { get; init; }
    public string CodesJson { get; init; } = "[]";

    public string ETag => $"\"{Version}\"";

    public ArticleClinicalView ToView() => new(ArticleId, ClinicalMapping.Codes(CodesJson), Funding, ConflictsOfInterest, Version);
}
