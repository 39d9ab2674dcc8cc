namespace KetamineContent.Api.Clinical;

/// <summary>
/// Section "Content:Publisher": who publishes the content and on what terms, shown on every article answer so that a
/// syndicator can attribute it. CopyrightHolder defaults to Name; Attribution to "Source: {Name}".
/// </summary>
public sealed class PublisherOptions
{
    public string Name { get; set; } = "KetamineContent";

    /// <summary>The publisher's home page (absolute URL), or empty.</summary>
    public string? Url { get; set; }

    public string? CopyrightHolder { get; set; }

    /// <summary>The licence's URL (for example a Creative Commons deed), or empty when none is granted.</summary>
    public string? License { get; set; }

    /// <summary>The text a syndicator must show beside the content.</summary>
    public string? Attribution { get; set; }

    public PublisherDocument Document() => new(
        Name,
        string.IsNullOrWhiteSpace(Url) ? null : Url,
        string.IsNullOrWhiteSpace(CopyrightHolder) ? Name : CopyrightHolder,
        string.IsNullOrWhiteSpace(License) ? null : License,
        string.IsNullOrWhiteSpace(Attribution) ? $"Source: {Name}" : Attribution);
}

/// <summary>The publisher of an article as readers get it; <c>license</c> is the licence's URL (null: none granted).</summary>
public sealed record PublisherDocument(string Name, string? Url, string CopyrightHolder, string? License, string Attribution);
